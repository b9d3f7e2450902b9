package io.phonegate.devstack.faults;

import io.phonegate.devstack.local.LocalStack;
import io.phonegate.devstack.local.LocalStackSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./run-faults.sh}: starts the whole stack as separate processes (two gateways, two
 * dispatchers, a reaper, a Kafka broker, Redis, the emulators) on free ports, drives a steady
 * load of starts with distinct numbers through each fault scenario, and prints one line per
 * scenario. Exits 1 when any scenario did harm: a {@code 202} without a report, an SMS without
 * a {@code 202}, a pending user left after the reaper's TTL, or a verified user deleted.
 *
 * <pre>
 *   ./run-faults.sh                      every scenario, full length (about 10 minutes on 2 cores)
 *   ./run-faults.sh --short              the CI form: three scenarios, shorter (about 3 minutes)
 *   ./run-faults.sh kafka-kill redis-kill  only these
 *   ./run-faults.sh --rate 50            starts per second (default 20)
 * </pre>
 */
public final class FaultSuiteMain {

    /** What CI runs: a crash of each kind of state owner (dispatcher: claims in flight; broker; Redis). */
    static final List<Fault> SHORT = List.of(Fault.DISPATCHER_KILL, Fault.KAFKA_KILL, Fault.REDIS_KILL);
    private static final Duration REAPER_TTL = Duration.ofSeconds(20);

    private FaultSuiteMain() {
    }

    public static void main(String[] args) {
        boolean shortForm = false;
        double rate = 20;
        List<Fault> chosen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> shortForm = true;
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--list" -> {
                    Arrays.stream(Fault.values()).forEach(f -> System.out.printf("%-16s %s%n", f.label(), f.description()));
                    return;
                }
                default -> chosen.add(Fault.byLabel(args[i]));
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(shortForm ? SHORT : List.of(Fault.values()));
        }
        ScenarioRunner.Timing timing = shortForm
                ? new ScenarioRunner.Timing(rate, Duration.ofSeconds(15), Duration.ofSeconds(4), Duration.ofSeconds(6), REAPER_TTL)
                : new ScenarioRunner.Timing(rate, Duration.ofSeconds(40), Duration.ofSeconds(10), Duration.ofSeconds(10), REAPER_TTL);

        LocalStack stack = startStack();
        Thread stopper = new Thread(stack::close, "fault-suite-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        int exit;
        try {
            exit = runScenarios(stack, timing, chosen);
        } finally {
            stack.close();
        }
        System.exit(exit);
    }

    private static int runScenarios(LocalStack stack, ScenarioRunner.Timing timing, List<Fault> scenarios) {
        ScenarioRunner runner = new ScenarioRunner(stack, timing);
        List<ScenarioRunner.Run> runs = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Fault fault = scenarios.get(i);
            System.out.printf("[%s] %s: %.0f starts/s for %d s (and until %d s after the fault), fault after %d s for %d s%n",
                    fault.label(), fault.description(), timing.rate(), timing.loadFor().toSeconds(),
                    ScenarioRunner.LOAD_AFTER_FAULT.toSeconds(), timing.faultAfter().toSeconds(), timing.faultFor().toSeconds());
            runs.add(runner.run(fault, i + 1));
        }
        System.out.println("Waiting for every report and for the reaper (TTL " + timing.reaperTtl().toSeconds() + " s)...");
        List<ScenarioResult> results = runner.judge(runs);
        System.out.println();
        System.out.println(ScenarioResult.HEADER);
        results.forEach(result -> System.out.println(result.line()));
        boolean harm = results.stream().anyMatch(ScenarioResult::harmful);
        System.out.println(harm ? "\nFAILED: at least one scenario did harm (marked << HARM)."
                : "\nPASSED: every 202 got its report and its SMS, no SMS without a 202, no limbo user, no verified user deleted.");
        System.out.println("Logs: " + stack.logDir());
        return harm ? 1 : 0;
    }

    private static LocalStack startStack() {
        Path root = LocalStackSettings.findRepoRoot(Path.of(""));
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("PHONEGATE_") || name.startsWith("SPRING_")) {
                env.put(name, value);
            }
        });
        // One client address drives the whole load, and SMS pacing must not be what a scenario measures.
        env.putIfAbsent("PHONEGATE_GATEWAY_LIMITS_CLIENTIPREQUESTSPERMINUTE", "1000000");
        env.putIfAbsent("PHONEGATE_DISPATCHER_PACING_PERSECOND", "1000");
        env.putIfAbsent("PHONEGATE_REAPER_TTL", REAPER_TTL.toSeconds() + "s");
        env.putIfAbsent("PHONEGATE_REAPER_SWEEPINTERVAL", "10s");
        // The emulator has no quota; the default (10 calls/s) could not reap a scenario's sign-ups within the wait.
        env.putIfAbsent("PHONEGATE_REAPER_COGNITORATE", "200");
        LocalStackSettings settings = LocalStackSettings.forTests(root, root.resolve(".devstack/faults"), env)
                .withInstances(new LocalStackSettings.Instances(2, 2));
        System.out.println("Starting the stack on free ports: 2 gateways, 2 dispatchers, a reaper, Kafka, Redis, "
                + "the emulators (logs: " + root.relativize(settings.workDir().resolve("logs")) + "/)...");
        long began = System.nanoTime();
        LocalStack stack = LocalStack.start(settings);
        System.out.printf("Up in %.1f s.%n%n", (System.nanoTime() - began) / 1e9);
        return stack;
    }
}
