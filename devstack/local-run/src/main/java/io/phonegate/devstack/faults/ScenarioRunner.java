package io.phonegate.devstack.faults;

import io.phonegate.common.event.OtpDeliveryReported;
import io.phonegate.common.event.PhonegateEvent;
import io.phonegate.common.event.Topics;
import io.phonegate.devstack.local.LocalStack;
import io.phonegate.devstack.local.ServiceProcess;
import io.phonegate.devstack.sns.SmsMessage;
import io.phonegate.testsupport.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs scenarios one after another on one stack, each with its own block of numbers, then
 * judges them all once the reports had time to arrive and the reaper time to reap.
 */
final class ScenarioRunner {

    /**
     * How one scenario went, before judging.
     *
     * @param setUpStarts when each set-up sign-up was started, by number, failed attempts included
     */
    record Run(Fault fault, List<LoadDriver.Start> starts, List<String> verifiedBefore, Map<String, Instant> setUpStarts,
               Instant healedAt) {

        Set<String> numbers() {
            Set<String> all = starts.stream().map(LoadDriver.Start::phone).collect(Collectors.toCollection(HashSet::new));
            all.addAll(verifiedBefore);
            return all;
        }
    }

    /**
     * @param rate        starts per second
     * @param loadFor     how long each scenario's load runs
     * @param faultAfter  when, into the load, the fault starts
     * @param faultFor    how long it lasts
     * @param reaperTtl   the stack's reaper TTL (users still pending this long after their start are limbo)
     */
    record Timing(double rate, Duration loadFor, Duration faultAfter, Duration faultFor, Duration reaperTtl) {
    }

    private static final int VERIFIED_PER_SCENARIO = 2;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(240);
    /**
     * The load goes on at least this long after the fault ended, whatever the planned length: healing can take
     * longer than the load (a restarted broker is back 10 s or more after its restart began), and the starts
     * made once it is over are what show whether the stack recovered (the recovery column and the wait for SMS).
     */
    static final Duration LOAD_AFTER_FAULT = Duration.ofSeconds(5);

    private final LocalStack stack;
    private final Timing timing;
    private final LoadDriver driver;
    private final CognitoUsers users;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ScenarioRunner(LocalStack stack, Timing timing) {
        this.stack = stack;
        this.timing = timing;
        this.driver = new LoadDriver(stack.gateways().stream().map(ServiceProcess::baseUri).toList(),
                Duration.ofSeconds(10));
        this.users = new CognitoUsers(stack.cognito().endpoint(), stack.cognito().userPoolId());
    }

    /** Signs up a few numbers for good, drives the load with the fault in its middle, waits until the stack is whole. */
    Run run(Fault fault, int block) {
        Numbers numbers = new Numbers(block);
        List<String> verified = new ArrayList<>();
        Map<String, Instant> setUpStarts = new LinkedHashMap<>();
        for (int i = 0; i < VERIFIED_PER_SCENARIO; i++) {
            verified.add(signUp(numbers::get, setUpStarts));
        }
        CompletableFuture<Instant> faultDone = CompletableFuture.supplyAsync(() -> {
            sleep(timing.faultAfter());
            fault.inject(stack);
            sleep(timing.faultFor());
            fault.heal(stack);
            return Instant.now();
        });
        int planned = (int) Math.round(timing.rate() * timing.loadFor().toMillis() / 1000.0);
        List<LoadDriver.Start> starts = driver.run(numbers, timing.rate(),
                sent -> sent < planned || !faultDone.isDone() || Instant.now().isBefore(faultDone.join().plus(LOAD_AFTER_FAULT)));
        Instant healedAt = faultDone.join();
        settle();
        return new Run(fault, starts, verified, Map.copyOf(setUpStarts), healedAt);
    }

    /** Waits for reports and reaping, then judges every run. */
    List<ScenarioResult> judge(List<Run> runs) {
        Set<String> accepted = runs.stream().flatMap(r -> r.starts().stream()).filter(LoadDriver.Start::accepted)
                .map(LoadDriver.Start::phone).collect(Collectors.toSet());
        Map<String, List<OtpDeliveryReported>> reports = awaitReports(accepted);
        Set<String> everyNumber = runs.stream().flatMap(r -> r.numbers().stream()).collect(Collectors.toSet());
        Map<String, CognitoUsers.UserState> left = awaitReaping(runs, everyNumber);
        Set<String> announced = records(Topics.SIGNUP_REQUESTED).stream().map(ConsumerRecord::key)
                .collect(Collectors.toSet());
        Map<String, List<SmsMessage>> sms = stack.sns().allMessages().stream()
                .collect(Collectors.groupingBy(SmsMessage::phone));
        return runs.stream().map(run -> judge(run, reports, sms, left, announced)).toList();
    }

    private ScenarioResult judge(Run run, Map<String, List<OtpDeliveryReported>> reports,
                                 Map<String, List<SmsMessage>> sms, Map<String, CognitoUsers.UserState> users,
                                 Set<String> announced) {
        List<LoadDriver.Start> starts = run.starts();
        int accepted = 0;
        int reported = 0;
        int missing = 0;
        int lost = 0;
        int duplicateReports = 0;
        int duplicateSms = 0;
        int duplicateAfterRetry = 0;
        int smsWithout202 = 0;
        for (LoadDriver.Start start : starts) {
            List<OtpDeliveryReported> its = reports.getOrDefault(start.phone(), List.of());
            int texts = sms.getOrDefault(start.phone(), List.of()).size();
            reported += its.size();
            duplicateReports += its.stream().collect(Collectors.groupingBy(OtpDeliveryReported::requestEventId,
                    Collectors.counting())).values().stream().mapToInt(n -> (int) (n - 1)).sum();
            duplicateSms += Math.max(0, texts - 1);
            if (texts > 1 && its.stream().anyMatch(report -> report.attempts() > 1)) {
                duplicateAfterRetry++;
            }
            if (start.accepted()) {
                accepted++;
                missing += its.isEmpty() ? 1 : 0;
                lost += texts == 0 ? 1 : 0;
            } else if (texts > 0) {
                smsWithout202++;
            }
        }
        int limbo = 0;
        int unreaped = 0;
        for (String phone : run.numbers()) {
            CognitoUsers.UserState user = users.get(phone);
            if (user != null && user.pending() && !run.verifiedBefore().contains(phone)) {
                if (announced.contains(phone)) {
                    unreaped++;
                } else {
                    limbo++;
                }
            }
        }
        int verifiedDeleted = (int) run.verifiedBefore().stream().filter(phone -> {
            CognitoUsers.UserState user = users.get(phone);
            return user == null || !user.phoneVerified();
        }).count();
        return new ScenarioResult(run.fault().label(), starts.size(), accepted, reported, missing, lost, duplicateReports,
                duplicateSms, smsWithout202, limbo, unreaped, verifiedDeleted, recovery(starts, run.healedAt()),
                starts.stream().filter(s -> !s.accepted()).collect(Collectors.groupingBy(ScenarioRunner::failureKind,
                        java.util.TreeMap::new, Collectors.counting())), duplicateAfterRetry, slowestRefusal(starts),
                SmsDelays.of(starts, run.setUpStarts(), sms, run.healedAt(), timing.reaperTtl()));
    }

    /** The longest a client waited for an answer that was not 202: a dependency down must give a fast 503. */
    static Duration slowestRefusal(List<LoadDriver.Start> starts) {
        return starts.stream().filter(s -> !s.accepted() && s.status() != 0)
                .map(s -> Duration.between(s.sentAt(), s.answeredAt())).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    private static String failureKind(LoadDriver.Start start) {
        return start.status() == 0 ? "no answer: " + start.failure() : start.status() + " " + start.failure();
    }

    /** From the fault's end to the first 202 after the last failed start; zero without failures. */
    static Duration recovery(List<LoadDriver.Start> starts, Instant healedAt) {
        Instant lastFailure = starts.stream().filter(s -> !s.accepted()).map(LoadDriver.Start::sentAt)
                .max(Comparator.naturalOrder()).orElse(null);
        if (lastFailure == null) {
            return Duration.ZERO;
        }
        return starts.stream().filter(LoadDriver.Start::accepted).map(LoadDriver.Start::sentAt)
                .filter(sent -> sent.isAfter(lastFailure)).min(Comparator.naturalOrder())
                .map(first -> first.isBefore(healedAt) ? Duration.ZERO : Duration.between(healedAt, first))
                .orElse(null);
    }

    private Map<String, List<OtpDeliveryReported>> awaitReports(Set<String> accepted) {
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        while (true) {
            Map<String, List<OtpDeliveryReported>> reports = events(Topics.OTP_DELIVERY, OtpDeliveryReported.class)
                    .stream().collect(Collectors.groupingBy(r -> r.phone().e164()));
            if (reports.keySet().containsAll(accepted) || Instant.now().isAfter(deadline)) {
                return reports;
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    /** Waits until no pending user is left among the numbers, or until the TTL (and a margin) has long passed. */
    private Map<String, CognitoUsers.UserState> awaitReaping(List<Run> runs, Set<String> numbers) {
        Instant lastStart = runs.stream().flatMap(r -> r.starts().stream()).map(LoadDriver.Start::sentAt)
                .max(Comparator.naturalOrder()).orElse(Instant.now());
        Instant earliest = lastStart.plus(timing.reaperTtl());
        Instant latest = earliest.plus(Duration.ofSeconds(90));
        Set<String> seeded = runs.stream().flatMap(r -> r.verifiedBefore().stream()).collect(Collectors.toSet());
        while (true) {
            Map<String, CognitoUsers.UserState> all = users.all();
            boolean anyPending = numbers.stream().filter(n -> !seeded.contains(n)).map(all::get)
                    .anyMatch(user -> user != null && user.pending());
            Instant now = Instant.now();
            if ((now.isAfter(earliest) && !anyPending) || now.isAfter(latest)) {
                return all;
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    private <T extends PhonegateEvent> List<T> events(String topic, Class<T> type) {
        return records(topic).stream().map(TopicReader::decode).filter(type::isInstance).map(type::cast).toList();
    }

    private List<ConsumerRecord<String, byte[]>> records(String topic) {
        try (TopicReader reader = TopicReader.open(stack.kafkaBootstrapServers(), topic)) {
            return reader.recordsToEnd(Duration.ofSeconds(60));
        }
    }

    /** Until every service, the broker and Redis answer again. */
    private void settle() {
        for (ServiceProcess service : stack.services()) {
            service.awaitReady(SETTLE_TIMEOUT);
        }
    }

    /**
     * A number that completed sign-up: started, code read from the inbox, verified. Set-up, not measurement:
     * a failed attempt is printed and another number signed up (at most three tries), so an anomaly right
     * after the previous scenario's fault shows in the output instead of ending the run. The number left
     * pending is the reaper's, as any abandoned sign-up.
     */
    private String signUp(Supplier<String> numbers, Map<String, Instant> startedAt) {
        for (int attempt = 1; ; attempt++) {
            String phone = numbers.get();
            String failure = trySignUp(phone, startedAt);
            if (failure == null) {
                return phone;
            }
            if (attempt == 3) {
                throw new IllegalStateException("could not sign up " + phone + ": " + failure);
            }
            System.out.println("  sign-up of " + phone + " failed (" + failure + "); signing up another number");
        }
    }

    /** @return null once signed up, else what failed */
    private String trySignUp(String phone, Map<String, Instant> startedAt) {
        int before = stack.sns().inbox(phone).size();
        URI gateway = stack.gatewayUri();
        startedAt.put(phone, Instant.now());
        HttpResponse<String> started = post(gateway.resolve("/v1/auth/start"), "{\"phone\":\"" + phone + "\"}");
        if (started.statusCode() != 202) {
            return "start answered " + started.statusCode() + " " + started.body();
        }
        String challenge = field(started.body(), "challenge");
        String code = awaitCode(phone, before);
        HttpResponse<String> verified = post(gateway.resolve("/v1/auth/verify"),
                "{\"phone\":\"" + phone + "\",\"challenge\":\"" + challenge + "\",\"code\":\"" + code + "\"}");
        return verified.statusCode() == 200 ? null : "verify answered " + verified.statusCode() + " " + verified.body();
    }

    private String awaitCode(String phone, int before) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            List<SmsMessage> inbox = stack.sns().inbox(phone);
            if (inbox.size() > before) {
                Optional<String> code = inbox.get(inbox.size() - 1).originBoundCode();
                if (code.isPresent()) {
                    return code.get();
                }
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("no SMS reached " + phone + " within a minute");
    }

    private HttpResponse<String> post(URI uri, String json) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(uri + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String field(String json, String name) {
        String value = LoadDriver.stringField(json, name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Valid Indian mobile numbers, a block of a million per scenario, none used twice in a run. */
    static final class Numbers implements Supplier<String> {

        private final long base;
        private long next;

        Numbers(int block) {
            this.base = 9_800_000_000L + block * 1_000_000L;
        }

        @Override
        public synchronized String get() {
            return "+91" + (base + next++);
        }
    }
}
