package io.phonegate.gateway.limits;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayInstance;
import io.phonegate.gateway.support.Phones;
import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shared store adds to a start, on a real redis-server on loopback: microseconds per
 * decision (p50/p99, one caller, after warm-up) and the commands a whole gateway sends the store per
 * start and per verify, counted by a Lettuce command listener and checked against the server's own
 * {@code INFO commandstats}. Not a timed test: it prints figures (the README keeps them) and checks
 * only the round-trip count. Runs only with {@code ./mvnw -B -Pbenchmark -pl auth-gateway -am test}.
 */
@Tag("benchmark")
@RealKafka
@RealRedis
class StoreBenchmarkTest {

    private static final int WARM_UP = 2_000;
    private static final int MEASURED = 10_000;
    private static final int STARTS = 200;

    @Test
    void microsecondsPerDecision() {
        LimitSettings settings = TestLimits.defaults().budget(1_000_000, 0.2).countryHourly(1_000_000).build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestRedis redis = TestRedis.on(RealRedisExtension.server())) {
            StoreKeys keys = StoreKeys.from("", "benchmark-secret");
            StoreCalls calls = new StoreCalls(meters, settings.store());
            EdgeRefusals refusals = new EdgeRefusals(meters);
            Admission admission = new Admission(new RedisAdmissionStore(redis.template(), settings), keys, calls,
                    refusals, settings, Clock.systemUTC());
            ClientIpLimit clientIp = new ClientIpLimit(new RedisClientIpBuckets(redis.template(), 1_000_000), keys,
                    calls, refusals, Clock.systemUTC());
            WrongAnswers wrongAnswers = new WrongAnswers(new RedisWrongAnswerLedger(redis.template(), 1_000_000),
                    keys, calls, refusals, settings, Clock.systemUTC());

            print("admission (new number)", measure(i -> admission.admit(phone(i))));
            print("client_ip", measure(i -> clientIp.acquire("198.18." + (i / 250 % 250) + "." + (i % 250))));
            print("wrong_answer_reserve", measure(i -> wrongAnswers.reserve(phone(i % 1000), "handle-" + i)));
        }
    }

    @Test
    void storeCommandsPerStartAndVerifyOfAWholeGateway() {
        try (GatewayInstance gateway = GatewayInstance.start(
                "phonegate.gateway.limits.resend-cooldown=0s",
                "phonegate.gateway.limits.client-ip-requests-per-minute=1000000");
             TestRedis redis = TestRedis.on(RealRedisExtension.server())) {
            Map<String, LongAdder> commands = new ConcurrentHashMap<>();
            AbstractRedisClient client = gateway.bean(LettuceConnectionFactory.class).getNativeClient();
            // Before the first command: a listener sees the commands of connections made after it.
            client.addListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    commands.computeIfAbsent(event.getCommand().getType().toString(), key -> new LongAdder()).increment();
                }
            });
            GatewayHttp http = gateway.http();
            assertThat(http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", Phones.fresh()))).status())
                    .isEqualTo(202);
            System.out.printf("store commands of the first start: %s%n", snapshot(commands));
            commands.clear();

            long serverBefore = redis.scriptCalls();
            for (int i = 0; i < STARTS; i++) {
                assertThat(http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", Phones.fresh()))).status())
                        .isEqualTo(202);
            }
            // The answered mark is written once each 202 has left, which the client may read first.
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> snapshot(commands).getOrDefault("SET", 0L) >= STARTS);
            Map<String, Long> perStart = snapshot(commands);
            long serverCalls = redis.scriptCalls() - serverBefore;
            Map<String, String> challenges = new java.util.LinkedHashMap<>();
            for (int i = 0; i < STARTS; i++) {
                String phone = Phones.fresh();
                challenges.put(phone, http.postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", phone))).text("challenge"));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> snapshot(commands).getOrDefault("SET", 0L) >= 2L * STARTS);
            commands.clear();
            // A wrong code on a real challenge: 1 in a million that a number's code is 000000 (the test would fail, not pass).
            challenges.forEach((phone, challenge) -> assertThat(http.postJson("/v1/auth/verify", GatewayHttp.json(Map.of(
                    "phone", phone, "challenge", challenge, "code", "000000"))).status()).isEqualTo(401));
            Map<String, Long> perWrongVerify = snapshot(commands);

            long total = perStart.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("store commands per start: %.2f %s (server: %.2f script calls per start)%n",
                    (double) total / STARTS, perStart, (double) serverCalls / STARTS);
            System.out.printf("store commands per wrong verify: %.2f %s%n",
                    (double) perWrongVerify.values().stream().mapToLong(Long::longValue).sum() / STARTS, perWrongVerify);
            // One EVALSHA per decision and the answered mark's SET; an EVAL only where the server did not know
            // a script yet (NOSCRIPT).
            assertThat(perStart.get("EVALSHA")).isEqualTo(2L * STARTS);
            assertThat(perStart.get("SET")).isEqualTo(STARTS);
            assertThat(total - perStart.get("EVALSHA") - perStart.get("SET")).isEqualTo(perStart.getOrDefault("EVAL", 0L))
                    .isLessThanOrEqualTo(2);
        }
    }

    private static PhoneNumber phone(int i) {
        return PhoneNumber.ofE164("+9198" + String.format("%08d", i));
    }

    private interface Decision {
        void run(int i);
    }

    private static long[] measure(Decision decision) {
        for (int i = 0; i < WARM_UP; i++) {
            decision.run(MEASURED + i);
        }
        long[] micros = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long started = System.nanoTime();
            decision.run(i);
            micros[i] = (System.nanoTime() - started) / 1_000;
        }
        Arrays.sort(micros);
        return micros;
    }

    private static void print(String decision, long[] sorted) {
        System.out.printf("%-24s p50 %4d us  p99 %5d us  max %6d us  (%d calls)%n", decision,
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1], sorted.length);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> commands) {
        Map<String, Long> copy = new TreeMap<>();
        commands.forEach((type, count) -> copy.put(type, count.sum()));
        return copy;
    }
}
