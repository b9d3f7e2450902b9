package io.phonegate.devstack.bench;

import io.phonegate.devstack.faults.LoadDriver;
import io.phonegate.devstack.local.LocalStack;
import io.phonegate.devstack.local.LocalStackSettings;
import io.phonegate.devstack.local.ServiceProcess;
import io.phonegate.devstack.sns.SmsMessage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./run-benchmark.sh}: the whole start path under an open-loop load. Starts the stack as the local
 * run does (one gateway, one dispatcher, the reaper, a Kafka broker, Redis, the emulators; free ports) but
 * with the production JIT, warms it up, measures the floor (a raw Kafka hop, a raw Cognito call), then
 * for each rate sends starts for numbers never used before and prints what clients saw, how long codes
 * took to reach the SMS inbox, and the CPU each process spent per start. With {@code --returning}, a share of
 * the starts are for numbers that logged in before, and each rate's accepted starts are then verified with their
 * codes and measured apart ({@link Logins}).
 *
 * <pre>
 *   ./run-benchmark.sh                                      rates 50,100,200,300 for 20 s each
 *   ./run-benchmark.sh --rates 50,100 --seconds 10 --warmup 60 --timeout 5 --jit quick-start
 *   ./run-benchmark.sh --returning 0.8                      80 % returning users' log-ins, each verified
 * </pre>
 */
public final class StartBenchmarkMain {

    /** Threads of this JVM that are the emulators (the rest is the load driver and the probes). */
    private static final List<String> EMULATOR_THREADS = List.of("cognito-emulato", "sns-emulator-", "HTTP-Dispatcher");
    /** The load driver's threads in this JVM: its ticker, and the JDK client's selector and executor or the sockets' threads. */
    private static final List<String> DRIVER_THREADS = List.of("load-ticker", "load-http", "HttpClient-", "load-socket");
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** The slices of a rate whose 202 p99 is printed one by one. */
    private static final Duration SLICE = Duration.ofSeconds(10);
    /** How long the idle stack's own CPU is read, after the warm-up. */
    private static final Duration IDLE = Duration.ofSeconds(20);
    /** The Cognito operations a start may call, counted at the emulator per request sent. */
    private static final List<String> COGNITO_OPERATIONS = List.of("AdminInitiateAuth", "AdminGetUser", "AdminCreateUser",
            "AdminSetUserPassword", "AdminDeleteUser", "AdminRespondToAuthChallenge", "AdminUpdateUserAttributes");

    private record Options(List<Double> rates, Duration each, Duration warmup, double warmupRate, Duration timeout,
                           LocalStackSettings.Jit jit, boolean jdkClient, double returning) {

        /** The returning numbers the largest rate takes: the warm-up logs in at least this many. */
        int returningNeeded() {
            return rates.stream().mapToInt(rate -> (int) Math.ceil(rate * each.toMillis() / 1000.0 * returning)).max().orElse(0);
        }

        static Options parse(String[] args) {
            List<Double> rates = List.of(50.0, 100.0, 200.0, 300.0);
            Duration each = Duration.ofSeconds(20);
            Duration warmup = Duration.ofSeconds(600);
            // Below what the 2-core machine sustains: a saturated machine starves the compiler threads too.
            double warmupRate = 50;
            // As @phonegate/client: longer than the gateway's answer deadline (6 s).
            Duration timeout = Duration.ofSeconds(10);
            LocalStackSettings.Jit jit = LocalStackSettings.Jit.PRODUCTION;
            // The lean driver by default: it leaves the machine to the stack (SocketStarts).
            boolean jdkClient = false;
            // Every start for a new number (a sign-up's start), as the issue asked; a share of log-ins with --returning.
            double returning = 0;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--rates" -> rates = Arrays.stream(value.split(",")).map(Double::parseDouble).toList();
                    case "--seconds" -> each = Duration.ofSeconds(Long.parseLong(value));
                    case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
                    case "--warmup-rate" -> warmupRate = Double.parseDouble(value);
                    case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                    case "--jit" -> jit = LocalStackSettings.Jit.valueOf(value.toUpperCase().replace('-', '_'));
                    case "--driver" -> jdkClient = switch (value) {
                        case "socket" -> false;
                        case "jdk" -> true;
                        default -> throw new IllegalArgumentException("--driver socket|jdk, not " + value);
                    };
                    case "--returning" -> returning = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--rates 50,100 --seconds 20 --warmup 600 --warmup-rate 50 --timeout 10"
                            + " --jit production|quick-start --driver socket|jdk --returning 0.8)");
                }
                i++;
            }
            if (!(returning >= 0 && returning <= 1)) {
                throw new IllegalArgumentException("--returning is a share of the starts, from 0 to 1, not " + returning);
            }
            if (returning > 0 && jdkClient) {
                throw new IllegalArgumentException("--returning verifies over the socket driver: leave out --driver jdk");
            }
            return new Options(rates, each, warmup, warmupRate, timeout, jit, jdkClient, returning);
        }
    }

    /** The JIT's compiler threads: a service still warming up spends much of its CPU in them. */
    private static final List<String> JIT_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");
    /** The warm-up runs in steps of this long, and ends after the first step in which the JIT has settled. */
    private static final Duration WARMUP_STEP = Duration.ofSeconds(15);
    /**
     * Settled: the compiler threads took less than this share of the services' CPU in a step. On the 2-core
     * machine the services' C2 took a third of their CPU 2.5 minutes into a load of 25 starts/s, under a tenth
     * after about five minutes at 50-100/s.
     */
    private static final double JIT_SETTLED = 0.10;

    /**
     * One process's CPU, or the emulators' threads; every thread of the first gateway and dispatcher (where their
     * CPU goes, by kind of thread); and the Cognito emulator's calls so far, by operation. Then what the stack's
     * figures leave out: the load driver's threads, this JVM as a whole, and the machine's busy time.
     */
    private record Cpu(Map<String, Double> processMs, Map<String, Map<Long, Double>> jitThreadsMs,
                       Map<Long, Double> emulatorThreadsMs, Map<String, Map<Long, CpuClock.ThreadTime>> serviceThreads,
                       Map<String, Long> cognitoCalls, Map<Long, Double> driverThreadsMs, double launcherMs,
                       CpuClock.MachineTime machine, long readAtNanos) {

        double secondsSince(Cpu earlier) {
            return (readAtNanos - earlier.readAtNanos) / 1e9;
        }
    }

    /** Kinds of thread named one by one in the breakdown; the rest are summed as "others". */
    private static final int THREAD_KINDS_SHOWN = 7;

    private StartBenchmarkMain() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        double reference = MachineReference.measureMs();
        System.out.println("This machine: " + MachineReference.describe(reference) + "   [" + loadAverage() + "]");
        LocalStack stack = startStack(options.jit());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stop"));
        try {
            run(stack, options, reference);
        } finally {
            stack.close();
        }
        System.exit(0);
    }

    private static void run(LocalStack stack, Options options, double machineReferenceMs) {
        List<URI> gateways = List.of(stack.gatewayUri());
        SocketStarts sockets = new SocketStarts(options.timeout());
        LoadDriver driver = options.jdkClient() ? new LoadDriver(gateways, options.timeout()) : new LoadDriver(gateways, sockets);
        System.out.println("Load driver: " + (options.jdkClient() ? "the JDK's HTTP client" : "plain keep-alive sockets"));
        Logins logins = options.returning() > 0 ? new Logins(gateways, sockets) : null;
        if (logins != null) {
            System.out.printf("Returning users: %.0f %% of each rate's starts are for numbers that logged in before; every"
                    + " accepted start is then verified with its code, at the rate, and measured apart%n", 100 * options.returning());
        }
        // Created while the broker is idle: under the warm-up's load the admin call once timed out.
        stack.kafka().createTopics(List.of(FloorProbe.FLOOR_TOPIC), 1);
        GatewayTimings gatewayTimings = new GatewayTimings(stack.gateways().get(0).managementUri());
        warmUp(stack, driver, logins, options, gatewayTimings);
        awaitQuiet();
        Spent idle = idle(stack);

        FloorProbe floor = new FloorProbe(stack);
        Percentiles kafkaFloor = floor.kafka(300, 50);
        Percentiles cognitoFloor = floor.cognito(300, 50);
        System.out.printf("Floor (idle stack, one at a time, 50/s): Kafka produce→consume %s; Cognito AdminInitiateAuth %s%n"
                + "  goal for start→SMS p99: 2 × (%.1f + %.1f) = %.1f ms   [%s]%n%n", kafkaFloor, cognitoFloor,
                kafkaFloor.p99(), cognitoFloor.p99(), 2 * (kafkaFloor.p99() + cognitoFloor.p99()), loadAverage());

        List<String> summary = new ArrayList<>();
        List<String> verifySummary = new ArrayList<>();
        List<List<LoadDriver.Start>> runs = new ArrayList<>();
        for (int i = 0; i < options.rates().size(); i++) {
            double rate = options.rates().get(i);
            String loadBefore = loadAverage();
            // Scraped outside the CPU readings: a scrape is the gateway's work, not a start's.
            GatewayTimings.Scrape timingsBefore = gatewayTimings.scrape();
            Cpu before = cpu(stack);
            long began = System.nanoTime();
            Supplier<String> numbers = logins == null ? new Numbers(i + 1) : logins.mix(new Numbers(i + 1), options.returning());
            List<LoadDriver.Start> starts = driver.run(numbers, rate, options.each());
            double loadSeconds = (System.nanoTime() - began) / 1e9;
            Map<String, SmsMessage> firstSms = awaitSms(stack, starts);
            Cpu after = cpu(stack);
            GatewayTimings.Scrape ownTimings = gatewayTimings.scrape().since(timingsBefore);
            runs.add(starts);
            Spent spent = Spent.between(before, after, starts.stream().filter(LoadDriver.Start::accepted).count());
            summary.add(report(stack, rate, options.each(), loadSeconds, starts, firstSms, before, after, spent,
                    loadBefore, ownTimings, idle));
            if (logins != null) {
                awaitQuiet();
                verifySummary.add(verifyRate(stack, logins, rate, starts, firstSms, spent, idle));
            }
            awaitQuiet();
        }

        System.out.println("SMS sent for starts not answered 202, counted again at the end (late sends included):");
        SmsSince inbox = new SmsSince(stack.sns().allMessages(), runs);
        for (int i = 0; i < runs.size(); i++) {
            long late = runs.get(i).stream().filter(s -> !s.accepted()).filter(s -> inbox.first(s) != null).count();
            System.out.printf("  %.0f/s: %d%n", options.rates().get(i), late);
        }
        System.out.println();
        System.out.println("rate/s | offered/s | accepted/s | errors | answer p50/p99 ms | 202 p50/p99 ms"
                + " | 202 p99 past the first " + SLICE.toSeconds() + " s | start→SMS p50/p99 ms | 202→SMS p50/p99 ms"
                + " | CPU ms per start: gateway, dispatcher, reaper, kafka, redis, emulators (services; all)"
                + " | without the JIT: gateway, services | the same above the idle stack's own"
                + " | Cognito calls per request | SMS without 202");
        summary.forEach(System.out::println);
        if (logins != null) {
            System.out.println();
            System.out.println("rate/s | verifies sent | answered 200/s | not 200 | 200 p50/p99 ms | CPU ms per 200: gateway,"
                    + " dispatcher, reaper, kafka, redis, emulators (services; all) | without the JIT: gateway, services"
                    + " | Cognito calls per 200 | a log-in (its start's 202 and its 200), without the JIT: gateway, services");
            verifySummary.forEach(System.out::println);
        }
        System.out.printf("floor: Kafka p99 %.1f ms, Cognito p99 %.1f ms; machine reference %.0f ms; load average at the end: %s%n",
                kafkaFloor.p99(), cognitoFloor.p99(), machineReferenceMs, loadAverage());
        System.out.println("Logs: " + stack.logDir());
    }

    /**
     * Runs {@code --warmup-rate} in steps until the JIT has settled ({@link #JIT_SETTLED}) or {@code --warmup} has
     * passed: CPU per start measured earlier is mostly the JIT's. With {@code --returning}, each step's starts are
     * verified too (the verify path warms up with the start's): new numbers only, until as many have logged in as
     * the largest rate takes (so that no rate uses one twice), then mixed as the rates are, so the returning numbers'
     * path is compiled too; the warm-up ends after a mixed step, past {@code --warmup} if need be.
     */
    private static void warmUp(LocalStack stack, LoadDriver driver, Logins logins, Options options,
                               GatewayTimings gatewayTimings) {
        double rate = options.warmupRate();
        System.out.printf("Warming up at %.0f starts/s until the JIT has settled (its compiler threads under %.0f%% of the"
                        + " services' CPU over %d s), at most %d s...%n", rate, JIT_SETTLED * 100, WARMUP_STEP.toSeconds(),
                options.warmup().toSeconds());
        Numbers numbers = new Numbers(0);
        long began = System.nanoTime();
        while (true) {
            // Scraped every step, as Prometheus would: the first scrape's code, compiled during a rate, took
            // the JIT's time from its first seconds.
            gatewayTimings.scrape();
            boolean mixed = logins != null && logins.returningNumbers() >= options.returningNeeded();
            Cpu before = cpu(stack);
            List<LoadDriver.Start> starts = driver.run(mixed ? logins.mix(numbers, options.returning()) : numbers, rate,
                    WARMUP_STEP);
            String loggedIn = "";
            if (logins != null) {
                List<LoadDriver.Start> verifies = logins.verify(starts, awaitSms(stack, starts), rate);
                loggedIn = String.format("; %d of %d verifies answered 200, %d numbers have logged in",
                        verifies.stream().filter(v -> v.status() == 200).count(), verifies.size(), logins.returningNumbers());
            }
            Cpu after = cpu(stack);
            double services = List.of("gateway", "dispatcher", "reaper").stream()
                    .mapToDouble(name -> after.processMs().get(name) - before.processMs().get(name)).sum();
            double jit = before.jitThreadsMs().entrySet().stream()
                    .mapToDouble(e -> CpuClock.spentMs(e.getValue(), after.jitThreadsMs().get(e.getKey()))).sum();
            long accepted = starts.stream().filter(LoadDriver.Start::accepted).count();
            long elapsed = Duration.ofNanos(System.nanoTime() - began).toSeconds();
            System.out.printf("  %4d s: %d of %d accepted%s; the JIT took %.0f%% of the services' CPU (services %.1f ms per"
                    + " start%s)   [%s]%n", elapsed, accepted, starts.size(), loggedIn, 100 * jit / Math.max(1, services),
                    services / Math.max(1, starts.size()), logins == null ? "" : " and its verify", loadAverage());
            boolean asTheRates = logins == null || mixed;
            if (jit < JIT_SETTLED * services && asTheRates) {
                return;
            }
            if (elapsed >= options.warmup().toSeconds() && asTheRates) {
                System.out.println("  The JIT has not settled: the CPU figures below include its work.");
                return;
            }
        }
    }

    private static String report(LocalStack stack, double rate, Duration each, double loadSeconds, List<LoadDriver.Start> starts,
                                 Map<String, SmsMessage> firstSms, Cpu before, Cpu after, Spent spent,
                                 String loadBefore, GatewayTimings.Scrape ownTimings, Spent idle) {
        long accepted = starts.stream().filter(LoadDriver.Start::accepted).count();
        Map<String, Long> errors = notAnswered(starts, 202);
        Percentiles answered = Percentiles.of(starts.stream().filter(s -> s.status() != 0).map(StartBenchmarkMain::answerMs).toList());
        Percentiles ok = Percentiles.of(starts.stream().filter(LoadDriver.Start::accepted).map(StartBenchmarkMain::answerMs).toList());
        Percentiles okPastFirstSlice = Percentiles.of(pastFirstSlice(starts).filter(LoadDriver.Start::accepted)
                .map(StartBenchmarkMain::answerMs).toList());
        List<Double> toSms = new ArrayList<>();
        List<Double> answerToSms = new ArrayList<>();
        long smsWithout202 = 0;
        for (LoadDriver.Start start : starts) {
            SmsMessage sms = firstSms.get(start.phone());
            if (sms != null && start.accepted()) {
                toSms.add(Duration.between(start.sentAt(), sms.receivedAt()).toNanos() / 1e6);
                answerToSms.add(Duration.between(start.answeredAt(), sms.receivedAt()).toNanos() / 1e6);
            } else if (sms != null) {
                smsWithout202++;
            }
        }
        Percentiles sms = Percentiles.of(toSms);
        Percentiles afterAnswer = Percentiles.of(answerToSms);
        double per = Math.max(1, accepted);
        double offered = starts.size() / loadSeconds;

        System.out.printf("== %.0f starts/s for %d s   [load average before: %s; after: %s]%n", rate, each.toSeconds(),
                loadBefore, loadAverage());
        System.out.printf("  offered %.1f/s, accepted (202) %.1f/s: %d of %d%n", offered, accepted / loadSeconds,
                accepted, starts.size());
        System.out.printf("  not 202: %s%n", errors.isEmpty() ? "none" : errors);
        System.out.printf("  gateway answer: all answered %s; 202s %s%n", answered, ok);
        System.out.printf("  202 p99 ms by %d s of the rate (when sent): %s; past the first %d s: %s%n", SLICE.toSeconds(),
                p99BySlice(starts), SLICE.toSeconds(), okPastFirstSlice);
        System.out.printf("  the 202s as the gateway timed them itself (its first filter to the answer's end): %s; the work of"
                        + " the requests it admitted (the time each held a slot): %s; its learned bound at the end: %.0f"
                        + " requests in progress%n", ownTimings.answers().brief(), ownTimings.work().brief(),
                ownTimings.limit());
        System.out.printf("  start→SMS (inbox receivedAt − send time): %s; %d of %d accepted starts got their SMS within the drain%n",
                sms, toSms.size(), accepted);
        // The part of start→SMS after the answer: a code leaves only once its 202 has (behind the start floor).
        System.out.printf("  202→SMS (inbox receivedAt − the 202's arrival at the client): %s%n", afterAnswer);
        System.out.printf("  CPU ms per accepted start: %s%n", spent.describe());
        Spent aboveIdle = aboveIdle(spent, idle, before, after, per);
        threadLines(stack, before, after, per, "accepted start");
        machineLine(before, after, spent.all() * per, starts.size());
        System.out.printf("  CPU ms per request sent (202 or not): gateway %.2f, services %.2f, all %.2f%n",
                spent.gateway() * per / starts.size(), spent.services() * per / starts.size(), spent.all() * per / starts.size());
        Map<String, Double> calls = cognitoCalls(before, after, starts.size());
        double callsPerStart = calls.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("  Cognito calls per request sent: %.2f (%s); per 202: %.2f%n", callsPerStart, describe(calls),
                callsPerStart * starts.size() / per);
        System.out.printf("  SMS for starts not answered 202 (by the drain's end): %d%n%n", smsWithout202);
        return String.format("%.0f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s | %.1f, %.1f | %.1f, %.1f | %.2f | %d", rate,
                offered, accepted / loadSeconds, errors.isEmpty() ? "-" : errors.toString(), answered.brief(), ok.brief(),
                okPastFirstSlice.count() == 0 ? "-" : String.format("%.0f", okPastFirstSlice.p99()), sms.brief(), afterAnswer.brief(),
                spent.brief(), spent.gatewayWithoutJit(), spent.servicesWithoutJit(), aboveIdle.gatewayWithoutJit(),
                aboveIdle.servicesWithoutJit(), callsPerStart, smsWithout202);
    }

    /**
     * With {@code --returning}: verifies the rate's accepted starts with their codes at the same rate, and prints what
     * clients saw and what each process spent per verify answered {@code 200}, then per log-in (its start's share
     * from {@code startSpent} and its verify's).
     */
    private static String verifyRate(LocalStack stack, Logins logins, double rate, List<LoadDriver.Start> starts,
                                     Map<String, SmsMessage> firstSms, Spent startSpent, Spent idle) {
        String loadBefore = loadAverage();
        Cpu before = cpu(stack);
        long began = System.nanoTime();
        List<LoadDriver.Start> verifies = logins.verify(starts, firstSms, rate);
        double seconds = (System.nanoTime() - began) / 1e9;
        // The reaper and Kafka take the sign-ups' SignupCompleted after the last answer.
        awaitQuiet();
        Cpu after = cpu(stack);
        long ok = verifies.stream().filter(v -> v.status() == 200).count();
        double per = Math.max(1, ok);
        Map<String, Long> errors = notAnswered(verifies, 200);
        Percentiles answered = Percentiles.of(verifies.stream().filter(v -> v.status() == 200).map(StartBenchmarkMain::answerMs).toList());
        Spent spent = Spent.between(before, after, ok);
        Map<String, Double> calls = cognitoCalls(before, after, per);
        double callsPerVerify = calls.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("== verifies of the %.0f/s rate's accepted starts, at %.0f/s   [load average before: %s; after: %s]%n",
                rate, rate, loadBefore, loadAverage());
        System.out.printf("  %d sent, %d answered 200 (tokens); not 200: %s; 200s %s%n", verifies.size(), ok,
                errors.isEmpty() ? "none" : errors, answered);
        System.out.printf("  CPU ms per 200: %s%n", spent.describe());
        aboveIdle(spent, idle, before, after, per);
        threadLines(stack, before, after, per, "200");
        System.out.printf("  Cognito calls per 200: %.2f (%s)%n", callsPerVerify, describe(calls));
        System.out.printf("  a log-in, its start's 202 and its verify's 200, without the JIT: gateway %.2f, services %.2f%n%n",
                startSpent.gatewayWithoutJit() + spent.gatewayWithoutJit(),
                startSpent.servicesWithoutJit() + spent.servicesWithoutJit());
        return String.format("%.0f | %d | %.1f | %s | %s | %s | %.1f, %.1f | %.2f | %.1f, %.1f", rate, verifies.size(),
                ok / seconds, errors.isEmpty() ? "-" : errors.toString(), answered.brief(), spent.brief(), spent.gatewayWithoutJit(),
                spent.servicesWithoutJit(), callsPerVerify, startSpent.gatewayWithoutJit() + spent.gatewayWithoutJit(),
                startSpent.servicesWithoutJit() + spent.servicesWithoutJit());
    }

    /**
     * The idle stack's own CPU per second, read for {@link #IDLE} with no request after the warm-up: timers, polls,
     * heartbeats, the reaper's scans. Every rate's CPU per start carries a share of it, the larger the lower the rate;
     * the rates' lines also give what they spent above it.
     */
    private static Spent idle(LocalStack stack) {
        String loadBefore = loadAverage();
        Cpu before = cpu(stack);
        sleep(IDLE.toMillis());
        Cpu after = cpu(stack);
        double seconds = after.secondsSince(before);
        Spent idle = Spent.between(before, after, seconds);
        System.out.printf("Idle stack (%.0f s, no requests)   [load average before: %s; after: %s]%n", seconds, loadBefore,
                loadAverage());
        System.out.printf("  CPU ms per second: %s%n", idle.describe());
        threadLines(stack, before, after, seconds, "second");
        Map<String, Double> calls = cognitoCalls(before, after, seconds);
        System.out.printf("  Cognito calls per second (of the operations a log-in makes): %s%n%n", calls.isEmpty() ? "none" : describe(calls));
        return idle;
    }

    /** Prints and returns what {@code spent} leaves once the idle stack's own CPU between the readings is taken out. */
    private static Spent aboveIdle(Spent spent, Spent idle, Cpu before, Cpu after, double operations) {
        double seconds = after.secondsSince(before);
        Spent above = spent.aboveIdle(idle, seconds, operations);
        System.out.printf("  above the idle stack's own CPU (its rate times the %.0f s between the readings), without the JIT:"
                + " gateway %.2f, services %.2f%n", seconds, above.gatewayWithoutJit(), above.servicesWithoutJit());
        return above;
    }

    /** The requests not answered {@code expected}, counted by status and problem type (or the client-side failure). */
    private static Map<String, Long> notAnswered(List<LoadDriver.Start> requests, int expected) {
        return requests.stream().filter(r -> r.status() != expected).collect(Collectors.groupingBy(
                r -> r.status() == 0 ? "no answer: " + r.failure() : r.status() + " " + r.failure(),
                TreeMap::new, Collectors.counting()));
    }

    /** The first gateway's and dispatcher's CPU by kind of thread. */
    private static void threadLines(LocalStack stack, Cpu before, Cpu after, double operations, String operation) {
        before.serviceThreads().forEach((service, threads) -> System.out.printf(
                "  the %s's CPU by kind of thread (its first instance), ms per %s: %s%n", service, operation,
                byKind(CpuClock.spentByKind(threads, after.serviceThreads().get(service)),
                        operations * firstInstanceShare(stack, service))));
    }

    /** The Cognito emulator's calls between two readings, by operation, per one of {@code operations}. */
    private static Map<String, Double> cognitoCalls(Cpu before, Cpu after, double operations) {
        Map<String, Double> calls = new LinkedHashMap<>();
        after.cognitoCalls().forEach((operation, count) -> {
            long made = count - before.cognitoCalls().get(operation);
            if (made > 0) {
                calls.put(operation, made / Math.max(1, operations));
            }
        });
        return calls;
    }

    private static String describe(Map<String, Double> figures) {
        return figures.entrySet().stream().map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** What each process (and the emulators) spent per operation between two readings, and the JIT's part of it. */
    private record Spent(Map<String, Double> perOperation, Map<String, Double> jitPerOperation) {

        static Spent between(Cpu before, Cpu after, double operations) {
            double per = Math.max(1, operations);
            Map<String, Double> spent = new LinkedHashMap<>();
            before.processMs().forEach((name, ms) -> spent.put(name, (after.processMs().get(name) - ms) / per));
            spent.put("emulators", CpuClock.spentMs(before.emulatorThreadsMs(), after.emulatorThreadsMs()) / per);
            // A compiler thread that ended between the readings takes its time with it: the JIT figure is a lower bound.
            Map<String, Double> jit = new LinkedHashMap<>();
            before.jitThreadsMs().forEach((name, threads) ->
                    jit.put(name, CpuClock.spentMs(threads, after.jitThreadsMs().get(name)) / per));
            return new Spent(spent, jit);
        }

        /** What is left per operation once the idle stack's own CPU ({@code idle}, per second) over {@code seconds} is taken out. */
        Spent aboveIdle(Spent idle, double seconds, double operations) {
            double share = seconds / Math.max(1, operations);
            Map<String, Double> spent = new LinkedHashMap<>();
            perOperation.forEach((name, ms) -> spent.put(name, ms - idle.perOperation.get(name) * share));
            Map<String, Double> jit = new LinkedHashMap<>();
            jitPerOperation.forEach((name, ms) -> jit.put(name, ms - idle.jitPerOperation.get(name) * share));
            return new Spent(spent, jit);
        }

        double gateway() {
            return perOperation.get("gateway");
        }

        double services() {
            return gateway() + perOperation.get("dispatcher") + perOperation.get("reaper");
        }

        double all() {
            return perOperation.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double gatewayWithoutJit() {
            return gateway() - jitPerOperation.get("gateway");
        }

        double servicesWithoutJit() {
            return services() - jitPerOperation.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** "gateway 3.41, dispatcher 1.62, …; services 5.44, all 8.10", then the JIT's part. */
        String describe() {
            return String.format("%s; services %.2f, all %.2f%n  of which the JIT compiling (C1/C2 threads): %s;"
                            + " services without the JIT %.2f (gateway %.2f)", StartBenchmarkMain.describe(perOperation),
                    services(), all(), StartBenchmarkMain.describe(jitPerOperation), servicesWithoutJit(), gatewayWithoutJit());
        }

        /** The summary table's cell: "3.4, 1.6, 0.3, 1.0, 0.5, 2.0 (5.3; 8.8)". */
        String brief() {
            return perOperation.values().stream().map(v -> String.format("%.1f", v)).collect(Collectors.joining(", "))
                    + String.format(" (%.1f; %.1f)", services(), all());
        }
    }

    /**
     * Where the machine's time went while the rate ran, per request sent: the stack's processes and the emulators
     * (as above), the load driver (which, on a real deployment, runs on the clients' machines), this JVM's other
     * threads (its JIT, GC, the SMS inbox) and the rest (the kernel's own work, anything else on the machine).
     */
    private static void machineLine(Cpu before, Cpu after, double stack, int sent) {
        double machineBusy = after.machine().busyMs() - before.machine().busyMs();
        double machineTotal = after.machine().totalMs() - before.machine().totalMs();
        double driver = CpuClock.spentMs(before.driverThreadsMs(), after.driverThreadsMs());
        double emulators = CpuClock.spentMs(before.emulatorThreadsMs(), after.emulatorThreadsMs());
        double launcherOthers = after.launcherMs() - before.launcherMs() - driver - emulators;
        double rest = machineBusy - stack - driver - launcherOthers;
        double perSent = Math.max(1, sent);
        System.out.printf("  the machine (from /proc/stat, while the rate ran and its SMS drained): busy %.0f %% of its"
                        + " cores; ms per request sent: the stack %.2f, the load driver %.2f, the benchmark JVM's other"
                        + " threads %.2f, the rest (the kernel's own work, other processes) %.2f%n",
                machineTotal > 0 ? 100 * machineBusy / machineTotal : 0, stack / perSent, driver / perSent,
                launcherOthers / perSent, rest / perSent);
    }

    /** The kinds that took most first, then the rest as "others": "http-nio 2.41, lettuce-epollEv 0.33, …". */
    private static String byKind(Map<String, Double> spentMs, double per) {
        List<Map.Entry<String, Double>> kinds = spentMs.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        String shown = kinds.stream().limit(THREAD_KINDS_SHOWN)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / per)).collect(Collectors.joining(", "));
        double others = kinds.stream().skip(THREAD_KINDS_SHOWN).mapToDouble(Map.Entry::getValue).sum();
        return shown + String.format(", others %.2f", others / per);
    }

    /** The first instance's threads are counted: its share of the starts, one over the service's instances. */
    private static double firstInstanceShare(LocalStack stack, String service) {
        return 1.0 / ("gateway".equals(service) ? stack.gateways().size() : stack.dispatchers().size());
    }

    /**
     * The {@code 202} p99 of each slice of the rate: whether the slow answers came all through it or in a spell (the
     * first seconds of an overload, while the learned bound comes down and the JIT compiles the refusals' path).
     */
    private static String p99BySlice(List<LoadDriver.Start> starts) {
        Instant first = firstSent(starts);
        Map<Long, List<Double>> bySlice = starts.stream().filter(LoadDriver.Start::accepted).collect(Collectors.groupingBy(
                s -> Duration.between(first, s.sentAt()).toNanos() / SLICE.toNanos(), TreeMap::new,
                Collectors.mapping(StartBenchmarkMain::answerMs, Collectors.toList())));
        return bySlice.values().stream().map(ms -> String.format("%.0f", Percentiles.of(ms).p99()))
                .collect(Collectors.joining(", "));
    }

    /** The starts sent after the rate's first slice: the rate as it holds, not as it began. */
    private static Stream<LoadDriver.Start> pastFirstSlice(List<LoadDriver.Start> starts) {
        Instant sliceEnds = firstSent(starts).plus(SLICE);
        return starts.stream().filter(s -> !s.sentAt().isBefore(sliceEnds));
    }

    private static Instant firstSent(List<LoadDriver.Start> starts) {
        return starts.stream().map(LoadDriver.Start::sentAt).min(Instant::compareTo).orElse(Instant.EPOCH);
    }

    private static double answerMs(LoadDriver.Start start) {
        return Duration.between(start.sentAt(), start.answeredAt()).toNanos() / 1e6;
    }

    /**
     * Waits until every accepted start's SMS is in the inbox (or {@link #DRAIN} has passed); per number, the first SMS
     * sent after its start (a returning number's inbox holds its earlier log-ins' too).
     */
    private static Map<String, SmsMessage> awaitSms(LocalStack stack, List<LoadDriver.Start> starts) {
        Set<String> accepted = starts.stream().filter(LoadDriver.Start::accepted).map(LoadDriver.Start::phone)
                .collect(Collectors.toSet());
        Instant deadline = Instant.now().plus(DRAIN);
        while (true) {
            SmsSince inbox = new SmsSince(stack.sns().allMessages(), List.of(starts));
            Map<String, SmsMessage> first = new HashMap<>();
            starts.forEach(start -> {
                SmsMessage sms = inbox.first(start);
                if (sms != null) {
                    first.put(start.phone(), sms);
                }
            });
            if (first.keySet().containsAll(accepted) || Instant.now().isAfter(deadline)) {
                return first;
            }
            sleep(250);
        }
    }

    /**
     * The inbox, by number, read against the starts of the runs: each start's first SMS is one received after it
     * was sent and before the same number's next start (a returning number is started again in later rates).
     */
    private static final class SmsSince {

        private final Map<String, List<SmsMessage>> byPhone;
        private final Map<String, List<Instant>> startsByPhone;

        SmsSince(List<SmsMessage> inbox, List<List<LoadDriver.Start>> runs) {
            this.startsByPhone = runs.stream().flatMap(List::stream).collect(Collectors.groupingBy(LoadDriver.Start::phone,
                    Collectors.mapping(LoadDriver.Start::sentAt, Collectors.toList())));
            this.byPhone = inbox.stream().filter(sms -> startsByPhone.containsKey(sms.phone()))
                    .collect(Collectors.groupingBy(SmsMessage::phone));
        }

        SmsMessage first(LoadDriver.Start start) {
            Instant nextStart = startsByPhone.getOrDefault(start.phone(), List.of()).stream()
                    .filter(sent -> sent.isAfter(start.sentAt())).min(Instant::compareTo).orElse(Instant.MAX);
            return byPhone.getOrDefault(start.phone(), List.of()).stream()
                    .filter(sms -> !sms.receivedAt().isBefore(start.sentAt()) && sms.receivedAt().isBefore(nextStart))
                    .findFirst().orElse(null);
        }
    }

    private static Cpu cpu(LocalStack stack) {
        Map<String, Double> processes = new LinkedHashMap<>();
        processes.put("gateway", sum(stack.gateways()));
        processes.put("dispatcher", sum(stack.dispatchers()));
        processes.put("reaper", CpuClock.processMs(stack.reaper().pid()));
        processes.put("kafka", CpuClock.processMs(stack.kafka().pid()));
        processes.put("redis", CpuClock.processMs(stack.redis().pid()));
        Map<String, Long> calls = new LinkedHashMap<>();
        COGNITO_OPERATIONS.forEach(operation -> calls.put(operation, stack.cognito().callCount(operation)));
        Map<String, Map<Long, Double>> jit = new LinkedHashMap<>();
        jit.put("gateway", jitThreads(stack.gateways()));
        jit.put("dispatcher", jitThreads(stack.dispatchers()));
        jit.put("reaper", jitThreads(List.of(stack.reaper())));
        Map<String, Map<Long, CpuClock.ThreadTime>> threads = new LinkedHashMap<>();
        threads.put("gateway", CpuClock.allThreads(stack.gateways().get(0).pid()));
        threads.put("dispatcher", CpuClock.allThreads(stack.dispatchers().get(0).pid()));
        return new Cpu(processes, jit, CpuClock.ownThreadsMs(EMULATOR_THREADS), threads, calls,
                CpuClock.ownThreadsMs(DRIVER_THREADS), CpuClock.ownProcessMs(), CpuClock.machine(), System.nanoTime());
    }

    private static Map<Long, Double> jitThreads(List<ServiceProcess> services) {
        Map<Long, Double> threads = new HashMap<>();
        services.forEach(s -> threads.putAll(CpuClock.threadsMs(s.pid(), JIT_THREADS)));
        return threads;
    }

    private static double sum(List<ServiceProcess> services) {
        return services.stream().mapToDouble(s -> CpuClock.processMs(s.pid())).sum();
    }

    /** Lets queues empty and the machine calm down between rates. */
    private static void awaitQuiet() {
        sleep(3000);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static LocalStack startStack(LocalStackSettings.Jit jit) {
        Path root = LocalStackSettings.findRepoRoot(Path.of(""));
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("PHONEGATE_") || name.startsWith("SPRING_")) {
                env.put(name, value);
            }
        });
        // One client address sends every start, to numbers of one country: no limit may be what is measured.
        env.putIfAbsent("PHONEGATE_GATEWAY_LIMITS_CLIENTIPREQUESTSPERMINUTE", "100000000");
        env.putIfAbsent("PHONEGATE_GATEWAY_LIMITS_COUNTRYHOURLYCAP", "100000000");
        env.putIfAbsent("PHONEGATE_GATEWAY_LIMITS_DAILYBUDGET", "100000000");
        env.putIfAbsent("PHONEGATE_DISPATCHER_PACING_PERSECOND", "10000");
        // With --returning a number logs in again in later rates, minutes apart.
        env.putIfAbsent("PHONEGATE_GATEWAY_LIMITS_PHONEHOURLYCAP", "1000");
        env.putIfAbsent("PHONEGATE_GATEWAY_LIMITS_PHONEDAILYCAP", "1000");
        env.putIfAbsent("PHONEGATE_DISPATCHER_BACKSTOP_NUMBERDAILYCAP", "1000");
        LocalStackSettings settings = LocalStackSettings.forTests(root, root.resolve(".devstack/benchmark"), env)
                .withJit(jit).withReadyTimeout(Duration.ofMinutes(10));
        System.out.printf("Starting the stack on free ports with the %s JIT (logs: %s/)...%n", jit,
                root.relativize(settings.workDir().resolve("logs")));
        long began = System.nanoTime();
        LocalStack stack = LocalStack.start(settings);
        System.out.printf("Up in %.1f s (gateway pid %d, dispatcher %d, reaper %d, kafka %d, redis %d).%n", (System.nanoTime() - began) / 1e9,
                stack.gateways().get(0).pid(), stack.dispatchers().get(0).pid(), stack.reaper().pid(), stack.kafka().pid(),
                stack.redis().pid());
        return stack;
    }

    /** Valid Indian mobile numbers, a block of a million per rate, none used twice in a run. */
    private static final class Numbers implements Supplier<String> {

        private final long base;
        private long next;

        Numbers(int block) {
            this.base = 7_000_000_000L + block * 1_000_000L;
        }

        @Override
        public synchronized String get() {
            return "+91" + (base + next++);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
