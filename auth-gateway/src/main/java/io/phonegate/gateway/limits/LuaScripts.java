package io.phonegate.gateway.limits;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

import java.util.List;

/**
 * The decisions' scripts, one file each under {@code META-INF/scripts/}. Spring runs them by
 * {@code EVALSHA} and sends the text once more only when the store does not know it (after a restart).
 */
final class LuaScripts {

    private LuaScripts() {
    }

    /**
     * From this class's own loader: a script's text is read at its first use, and the thread that made it
     * may have carried a web server's loader, gone once that server stops (a second gateway in one JVM).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static RedisScript<List<Object>> load(String name) {
        return (RedisScript) RedisScript.of(new ClassPathResource("META-INF/scripts/" + name + ".lua",
                LuaScripts.class.getClassLoader()), List.class);
    }

    /** A number a script returned: Redis turns Lua numbers into integers. */
    static long number(Object reply) {
        return reply instanceof Long value ? value : Long.parseLong(String.valueOf(reply));
    }
}
