package io.phonegate.gateway.limits;

import io.phonegate.common.store.ScriptText;
import org.springframework.data.redis.core.script.RedisScript;

import java.util.List;

/**
 * The decisions' scripts, one file each under {@code META-INF/scripts/}, read once as text
 * ({@link ScriptText}). Spring runs them by {@code EVALSHA} and sends the text once more only when the
 * store does not know it (after a restart).
 */
final class LuaScripts {

    private LuaScripts() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static RedisScript<List<Object>> load(String name) {
        return (RedisScript) RedisScript.of(ScriptText.read(name), List.class);
    }

    /** A number a script returned: Redis turns Lua numbers into integers. */
    static long number(Object reply) {
        return reply instanceof Long value ? value : Long.parseLong(String.valueOf(reply));
    }
}
