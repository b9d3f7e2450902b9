package io.phonegate.dispatcher.store;

import io.phonegate.common.store.ScriptText;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The store's scripts, one file each under {@code META-INF/scripts/}, read once as text
 * ({@link ScriptText}). Spring runs them by {@code EVALSHA} and sends the text again only when the store
 * does not know it (after a restart).
 */
public final class LuaScripts {

    private LuaScripts() {
    }

    public static <T> RedisScript<T> load(String name, Class<T> resultType) {
        return RedisScript.of(ScriptText.read(name), resultType);
    }
}
