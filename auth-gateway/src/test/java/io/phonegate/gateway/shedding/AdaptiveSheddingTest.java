package io.phonegate.gateway.shedding;

import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.gateway.support.EmulatedCognito;
import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayIntegrationTest;
import io.phonegate.gateway.support.Phones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learned bound on the whole gateway (Cognito emulator, real Kafka and Redis): starts whose work slows down
 * well past its usual speed, while most slots are taken, lower the bound, and the gauge shows it. Its own context (the tolerance below), so no
 * other test meets the lowered bound.
 */
@TestPropertySource(properties = {
        "phonegate.gateway.shedding.max-in-progress=8",
        "phonegate.gateway.shedding.min-in-progress=2",
        "phonegate.gateway.shedding.latency-tolerance=1.9",
        "phonegate.gateway.pacing.start-floor=0s"})
class AdaptiveSheddingTest extends GatewayIntegrationTest {

    /** Far slower than a start's work against the emulator on any machine (tens of ms). */
    private static final long SLOW_CALL_MS = 1_200;
    private static final int WINDOW = AdaptiveLimit.WINDOW;

    @AfterEach
    void healCognito() {
        EmulatedCognito.emulator().setFaults(CognitoFaults.NONE);
    }

    @Test
    void startsWhoseWorkSlowsDownLowerTheBoundOnRequestsInProgress() {
        GatewayHttp http = http();
        starts(http, 2 * WINDOW, 1);
        assertThat(limit()).as("work at its usual speed keeps the maximum").isEqualTo(8);

        EmulatedCognito.emulator().setFaults(CognitoFaults.latency(SLOW_CALL_MS).onlyFor("AdminInitiateAuth"));
        starts(http, WINDOW, 6);

        assertThat(limit()).as("a window of starts far slower than the fastest, with most slots taken: the bound is cut")
                .isLessThan(8).isGreaterThanOrEqualTo(2);
        assertThat(metric("phonegate_gateway_requests_work_seconds_count")).as("every admitted start's work is timed")
                .isGreaterThanOrEqualTo(3 * WINDOW);
        assertThat(metric("phonegate_gateway_requests_work_seconds_max")).as("the slow work shows as work")
                .isGreaterThanOrEqualTo(SLOW_CALL_MS / 1000.0);
    }

    /** {@code count} starts of new numbers, {@code parallel} at a time; each must be accepted to be judged. */
    private static void starts(GatewayHttp http, int count, int parallel) {
        ExecutorService callers = Executors.newFixedThreadPool(parallel);
        try {
            List<CompletableFuture<Integer>> sent = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.postJson("/v1/auth/start",
                            GatewayHttp.json(Map.of("phone", Phones.fresh()))).status(), callers))
                    .toList();
            assertThat(sent.stream().map(CompletableFuture::join)).allMatch(status -> status == 202);
        } finally {
            callers.shutdownNow();
        }
    }

    private double limit() {
        return metric("phonegate_gateway_requests_limit");
    }

    private double metric(String name) {
        Matcher value = Pattern.compile("^" + name + "\\{[^}]*} (\\S+)$", Pattern.MULTILINE)
                .matcher(management().get("/actuator/prometheus").body());
        assertThat(value.find()).as(name + " is exposed").isTrue();
        return Double.parseDouble(value.group(1));
    }
}
