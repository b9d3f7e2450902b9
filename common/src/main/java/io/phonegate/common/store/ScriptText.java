package io.phonegate.common.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of one of a service's store scripts, {@code META-INF/scripts/<name>.lua}, for the service to
 * hold as text: a script run from its resource has Spring ask the resource for its modification time on
 * every call (a file or jar lookup, ~40 % of a store decision's own cost in the profiles). Read from this
 * class's own loader, not the calling thread's (a web server's thread may carry a loader gone once that
 * server stops: a second gateway in one JVM).
 */
public final class ScriptText {

    private ScriptText() {
    }

    public static String read(String name) {
        String path = "META-INF/scripts/" + name + ".lua";
        try (InputStream in = ScriptText.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read script " + path, e);
        }
    }
}
