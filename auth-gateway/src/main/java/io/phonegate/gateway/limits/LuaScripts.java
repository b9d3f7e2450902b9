package io.phonegate.gateway.limits;

import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The decisions' scripts, one file each under {@code META-INF/scripts/}. Spring runs them by
 * {@code EVALSHA} and sends the text once more only when the store does not know it (after a restart).
 */
final class LuaScripts {

    private LuaScripts() {
    }

    /**
     * The text is read once, here, from this class's own loader (the thread that makes the first call may
     * carry a web server's loader, gone once that server stops: a second gateway in one JVM). Not a
     * resource-backed script: Spring asks such a script's resource for its modification time on every
     * call (a file or jar lookup, ~40 % of a decision's own cost in the gateway's profile).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static RedisScript<List<Object>> load(String name) {
        String path = "META-INF/scripts/" + name + ".lua";
        try (InputStream in = LuaScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + path);
            }
            return (RedisScript) RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), List.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read script " + path, e);
        }
    }

    /** A number a script returned: Redis turns Lua numbers into integers. */
    static long number(Object reply) {
        return reply instanceof Long value ? value : Long.parseLong(String.valueOf(reply));
    }
}
