package io.phonegate.gateway.auth;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.limits.WrongAnswers;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayInstance;
import io.phonegate.gateway.support.Phones;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Can a start's answer tell what state a number is in? Drives starts for six classes of number
 * (known, known and logged in as the store remembers, pending sign-up, unknown, disabled, {@code UNCONFIRMED};
 * a start for a number the store remembers asks Cognito first, every other one creates first) in one shuffled sequence against a
 * whole gateway (Cognito emulator, real Kafka, real Redis, default pacing), and compares, for each pair
 * of classes, everything a client sees: status, headers (all but {@code Date}), the body's fields, their
 * lengths and formats and what the times say relative to each other; and the time to answer, as the AUC
 * of the best one-threshold classifier (0.5 = a coin, 1 = always right).
 *
 * <p>The default build runs 30 per class and refuses any difference in the answers and an AUC over 0.75
 * (a missing floor gives about 0.9; the standard error at 30 per class is about 0.075). The benchmark
 * ({@code -Pbenchmark}) runs 200 per class and requires at most 0.6 for every pair; the README keeps its figures.
 */
@RealKafka
@RealRedis
class StartEnumerationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final int CALLERS = 4;

    /** {@code KNOWN}: a user who completed sign-up, not logged in as far as the store knows; {@code LOGGED_IN}: one it knows. */
    enum State { KNOWN, LOGGED_IN, PENDING, UNKNOWN, DISABLED, UNCONFIRMED }

    record Observation(State state, long nanos, String shape) {
    }

    private static GatewayInstance gateway;
    private static HttpClient http;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayInstance.start(
                "phonegate.gateway.limits.resend-cooldown=0s",
                "phonegate.gateway.limits.phone-hourly-cap=1000000",
                "phonegate.gateway.limits.phone-daily-cap=1000000",
                "phonegate.gateway.limits.client-ip-requests-per-minute=1000000",
                "phonegate.gateway.limits.country-hourly-cap=1000000",
                "phonegate.gateway.limits.daily-budget=1000000");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void startAnswersAreAlikeForEveryStateOfANumber() throws Exception {
        Map<State, List<Observation>> observed = measure(30);

        Map<String, Double> aucs = report(observed, "30 per class");
        assertNoAnswerDiffers(observed);
        assertThat(aucs).allSatisfy((pair, auc) -> assertThat(auc).as(pair).isLessThanOrEqualTo(0.75));
    }

    @Test
    @Tag("benchmark")
    void startTimesCannotTellTheStateOfANumber() throws Exception {
        Map<State, List<Observation>> observed = measure(200);

        Map<String, Double> aucs = report(observed, "200 per class");
        assertNoAnswerDiffers(observed);
        assertThat(aucs).allSatisfy((pair, auc) -> assertThat(auc).as(pair).isLessThanOrEqualTo(0.6));
    }

    /** Warms the gateway up as a running one is (its floor learned from sign-ups), then measures {@code perState} starts of each state. */
    private static Map<State, List<Observation>> measure(int perState) throws Exception {
        List<State> warmUp = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warmUp.add(State.UNKNOWN);
            warmUp.add(State.KNOWN);
            warmUp.add(State.LOGGED_IN);
        }
        run(warmUp);
        List<State> states = new ArrayList<>();
        for (State state : State.values()) {
            states.addAll(Collections.nCopies(perState, state));
        }
        Collections.shuffle(states);
        Map<State, List<Observation>> observed = new EnumMap<>(State.class);
        for (Observation observation : run(states)) {
            observed.computeIfAbsent(observation.state(), state -> new ArrayList<>()).add(observation);
        }
        return observed;
    }

    /** Each number is made in its state first (through Cognito's admin API), then started once, {@link #CALLERS} at a time. */
    private static List<Observation> run(List<State> states) throws Exception {
        List<String> phones = states.stream().map(StartEnumerationTest::numberIn).toList();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Observation>> answers = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                State state = states.get(i);
                String phone = phones.get(i);
                answers.add(callers.submit(() -> start(state, phone)));
            }
            List<Observation> observations = new ArrayList<>();
            for (Future<Observation> answer : answers) {
                observations.add(answer.get());
            }
            return observations;
        } finally {
            callers.shutdownNow();
        }
    }

    private static Observation start(State state, String phone) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/auth/start"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}", StandardCharsets.UTF_8)).build();
        long sent = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long took = System.nanoTime() - sent;
        return new Observation(state, took, shape(response));
    }

    /**
     * Everything the client sees that is not random by design: a handle's characters and the clock's reading
     * ({@code Date}) are. {@code Connection: close} is left out too: Tomcat sends it on the 100th request a
     * keep-alive connection carries ({@code maxKeepAliveRequests}), whatever that request was.
     */
    private static String shape(HttpResponse<String> response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("date") && !name.equalsIgnoreCase("connection")) {
                headers.put(name.toLowerCase(), String.join(",", values));
            }
        });
        JsonNode body = JSON.readTree(response.body());
        Map<String, String> fields = new TreeMap<>();
        body.properties().forEach(field -> {
            String value = field.getValue().asString("");
            fields.put(field.getKey(), field.getValue().getNodeType() + "/" + value.length()
                    + (value.matches(TIME) ? "/time" : "")
                    + (field.getKey().equals("challenge") ? "/" + value.matches("[A-Za-z0-9_-]+") : "")
                    + (field.getKey().equals("codeLength") ? "=" + value : ""));
        });
        String lifetime = body.has("expiresAt") && body.has("resendAfter")
                ? Duration.between(Instant.parse(body.path("resendAfter").asString()),
                Instant.parse(body.path("expiresAt").asString())).toString() : "-";
        return response.statusCode() + " " + headers + " " + fields + " bytes=" + response.body().length()
                + " expiresAt-resendAfter=" + lifetime;
    }

    private static void assertNoAnswerDiffers(Map<State, List<Observation>> observed) {
        Map<State, Set<String>> shapes = shapes(observed);
        assertThat(shapes.get(State.KNOWN)).hasSize(1).allMatch(shape -> shape.startsWith("202 "));
        shapes.forEach((state, seen) -> assertThat(seen).as(state.name()).isEqualTo(shapes.get(State.KNOWN)));
    }

    private static Map<State, Set<String>> shapes(Map<State, List<Observation>> observed) {
        Map<State, Set<String>> shapes = new EnumMap<>(State.class);
        observed.forEach((state, list) -> shapes.put(state,
                list.stream().map(Observation::shape).collect(Collectors.toCollection(TreeSet::new))));
        return shapes;
    }

    /** Prints the figures (the README's table) and returns the AUC of every pair. */
    private static Map<String, Double> report(Map<State, List<Observation>> observed, String label) throws IOException {
        Map<State, Set<String>> shapes = shapes(observed);
        StringBuilder out = new StringBuilder("\nStart answers by state of the number, " + label + ", " + CALLERS
                + " callers, load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + "\n");
        out.append(String.format("%-12s %5s %9s %9s %9s %7s%n", "state", "n", "p10 ms", "median ms", "p90 ms", "shapes"));
        observed.forEach((state, list) -> {
            long[] ms = list.stream().mapToLong(Observation::nanos).sorted().toArray();
            out.append(String.format("%-12s %5d %9.1f %9.1f %9.1f %7d%n", state.name().toLowerCase(), ms.length,
                    ms[ms.length / 10] / 1e6, ms[ms.length / 2] / 1e6, ms[ms.length * 9 / 10] / 1e6, shapes.get(state).size()));
        });
        out.append(String.format("%-26s %-18s %s%n", "pair", "answers differ", "timing AUC"));
        Map<String, Double> aucs = new TreeMap<>();
        State[] states = State.values();
        for (int a = 0; a < states.length; a++) {
            for (int b = a + 1; b < states.length; b++) {
                String pair = states[a].name().toLowerCase() + " / " + states[b].name().toLowerCase();
                double auc = auc(observed.get(states[a]), observed.get(states[b]));
                boolean differ = !shapes.get(states[a]).equals(shapes.get(states[b]));
                aucs.put(pair, auc);
                out.append(String.format("%-26s %-18s %.3f%n", pair, differ ? "YES" : "no", auc));
            }
        }
        out.append("answer shape: ").append(shapes.get(State.KNOWN)).append('\n');
        System.out.print(out);
        return aucs;
    }

    /**
     * The area under the ROC curve of the better of "slower means A" and "slower means B": the chance that
     * a classifier with the best threshold ranks a random pair right (Mann-Whitney, ties count half).
     */
    static double auc(List<Observation> a, List<Observation> b) {
        double wins = 0;
        for (Observation x : a) {
            for (Observation y : b) {
                wins += x.nanos() > y.nanos() ? 1 : x.nanos() == y.nanos() ? 0.5 : 0;
            }
        }
        double auc = wins / ((double) a.size() * b.size());
        return Math.max(auc, 1 - auc);
    }

    /** A fresh number in the given state, made through Cognito's admin API as the flows would have left it. */
    private static String numberIn(State state) {
        String phone = Phones.fresh();
        var admin = EmulatedCognito.admin();
        String pool = EmulatedCognito.emulator().userPoolId();
        switch (state) {
            case UNKNOWN -> {
            }
            case UNCONFIRMED -> EmulatedCognito.signUpUnconfirmed(phone);
            case PENDING -> {
                EmulatedCognito.signUpUnconfirmed(phone);
                admin.adminConfirmSignUp(r -> r.userPoolId(pool).username(phone));
            }
            case KNOWN, LOGGED_IN, DISABLED -> {
                EmulatedCognito.signUpUnconfirmed(phone);
                admin.adminConfirmSignUp(r -> r.userPoolId(pool).username(phone));
                admin.adminUpdateUserAttributes(r -> r.userPoolId(pool).username(phone).userAttributes(
                        AttributeType.builder().name("phone_number_verified").value("true").build(),
                        AttributeType.builder().name("custom:pg_completed").value(Instant.now().toString()).build()));
                if (state == State.DISABLED) {
                    EmulatedCognito.disable(phone);
                }
                if (state == State.LOGGED_IN) {
                    // What a right answer leaves in the store: the number's "logged in" marker.
                    WrongAnswers ledger = gateway.bean(WrongAnswers.class);
                    ledger.accepted(ledger.reserve(PhoneNumber.ofE164(phone), UUID.randomUUID().toString()));
                }
            }
        }
        return phone;
    }
}
