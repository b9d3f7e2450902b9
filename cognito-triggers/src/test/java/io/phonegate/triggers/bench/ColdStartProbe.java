package io.phonegate.triggers.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start of one trigger, run by {@code bench/cold-start.sh} in a fresh JVM: loads the handler as
 * Lambda's Java runtime does (class initialisation, then the public no-argument constructor), hands it the
 * event twice, and prints one line of timings. Not a test: it touches nothing the handler would not, so
 * the handler pays for every class it loads and every object it builds.
 *
 * <p>Arguments: the trigger ({@code define}, {@code create}, {@code verify}), its event file, and the epoch
 * microsecond the script launched the JVM. A run whose answer is wrong (e.g. {@code answerCorrect:false})
 * fails instead of being timed.
 *
 * <p>Prints {@code boot_ms ready_ms first_ms second_ms total_ms cpu_ms}: launch to {@code main}, launch to
 * handler ready, the first and the second {@code handleRequest}, launch to the first answer, and the
 * process's CPU time (user + system) at the first answer.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    /** The Lambda handler class of a trigger, as deploy-aws configures it. */
    static String handlerClass(String trigger) {
        return switch (trigger) {
            case "define" -> "io.phonegate.triggers.define.DefineAuthChallengeHandler";
            case "create" -> "io.phonegate.triggers.create.CreateAuthChallengeHandler";
            case "verify" -> "io.phonegate.triggers.verify.VerifyAuthChallengeHandler";
            default -> throw new IllegalArgumentException("no trigger " + trigger);
        };
    }

    /** What a trigger's answer to {@link BenchEvents}' event contains when it is right. */
    static String expectedAnswer(String trigger) {
        return switch (trigger) {
            case "define" -> "\"challengeName\":\"CUSTOM_CHALLENGE\"";
            case "create" -> "\"sealedCode\":\"v1.";
            case "verify" -> "\"answerCorrect\":true";
            default -> throw new IllegalArgumentException("no trigger " + trigger);
        };
    }

    public static void main(String[] args) throws Exception {
        long mainAt = epochMicros();
        long launchedAt = Long.parseLong(args[2]);
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        String handlerClass = handlerClass(args[0]);
        String expected = expectedAnswer(args[0]);

        long start = System.nanoTime();
        // what the runtime does with "<class>::handleRequest": load, initialise, construct
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass, true, ColdStartProbe.class.getClassLoader())
                .getConstructor().newInstance();
        long ready = System.nanoTime();
        String first = invoke(handler, event);
        long firstDone = System.nanoTime();
        long firstAt = epochMicros();
        long cpuMillis = cpuMillis();
        String second = invoke(handler, event);
        long secondDone = System.nanoTime();

        for (String answer : new String[] {first, second}) {
            if (!answer.contains(expected)) {
                System.err.println("unexpected answer from " + handlerClass + " (wanted " + expected + "): " + answer);
                System.exit(1);
            }
        }
        double boot = (mainAt - launchedAt) / 1e3;
        System.out.printf("%.1f %.1f %.1f %.1f %.1f %d%n",
                boot,
                boot + (ready - start) / 1e6,
                (firstDone - ready) / 1e6,
                (secondDone - firstDone) / 1e6,
                (firstAt - launchedAt) / 1e3,
                cpuMillis);
    }

    private static String invoke(RequestStreamHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The handlers read no Context (Lambda's runtime passes one; nothing here would use it).
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long epochMicros() {
        return System.currentTimeMillis() * 1000;
    }

    /** utime + stime from /proc/self/stat (Linux), in milliseconds; -1 elsewhere. */
    private static long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }
}
