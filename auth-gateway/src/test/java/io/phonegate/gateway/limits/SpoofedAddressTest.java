package io.phonegate.gateway.limits;

import io.phonegate.gateway.support.GatewayInstance;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spoofing table, on a whole gateway over real HTTP: requests from one machine that
 * forge a new client address in every request ({@code X-Forwarded-For}, {@code Forwarded},
 * {@code X-Real-IP}) still share one allowance of the per-address limit, whether or not Spring Boot
 * believes it runs on Kubernetes (where it would install Tomcat's RemoteIpValve, which trusts those
 * headers from any private peer). With a trusted proxy range set, a peer inside it is honoured and
 * one outside it is not. The limit is 5 a minute; each gateway names the store's keys with its own
 * subject key, so their allowances never meet.
 */
@RealKafka
@RealRedis
class SpoofedAddressTest {

    private static final int PER_MINUTE = 5;
    private static final int REQUESTS = 3 * PER_MINUTE;
    private static final String IPV4_PEER = "127.0.0.1";
    private static final String IPV6_PEER = "[::1]";
    /** A GET on the API: 405 once the limit let it through (nothing else reads a GET there), 429 when it did not. */
    private static final int ADMITTED = 405;
    private static final int REFUSED = 429;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest(name = "spring.main.cloud-platform={0}")
    @ValueSource(strings = {"none", "kubernetes"})
    void forgedForwardingHeadersNeverMoveTheLimit(String platform) {
        try (GatewayInstance gateway = GatewayInstance.start(settings(platform, ""))) {
            for (String peer : List.of(IPV4_PEER, IPV6_PEER)) {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 1; i <= REQUESTS; i++) {
                    statuses.add(get(gateway, peer, forgedHeaders(i)));
                }

                assertOneAllowance(statuses, "from " + peer + " on platform " + platform);
            }
        }
    }

    @Test
    void aProxyInTheTrustedRangeIsHonouredAndOneOutsideItIsNot() {
        try (GatewayInstance gateway = GatewayInstance.start(settings("kubernetes", "127.0.0.0/8"))) {
            List<Integer> throughTrustedProxy = new ArrayList<>();
            for (int i = 1; i <= REQUESTS; i++) {
                throughTrustedProxy.add(get(gateway, IPV4_PEER, Map.of("X-Forwarded-For", "203.0.113." + i)));
            }
            List<Integer> oneClientThroughIt = new ArrayList<>();
            for (int i = 1; i <= REQUESTS; i++) {
                // The client forges its own entry; the first proxy appends what it saw, a second trusted one its own.
                oneClientThroughIt.add(get(gateway, IPV4_PEER,
                        Map.of("X-Forwarded-For", "9.9.9." + i + ", 198.51.100.1, 127.0.0.2")));
            }
            List<Integer> fromOutsideTheRange = new ArrayList<>();
            for (int i = 1; i <= REQUESTS; i++) {
                fromOutsideTheRange.add(get(gateway, IPV6_PEER, forgedHeaders(i)));
            }

            assertThat(throughTrustedProxy).as("each forwarded client has an allowance of its own")
                    .containsOnly(ADMITTED);
            assertOneAllowance(oneClientThroughIt, "one forwarded client, behind two trusted hops");
            assertOneAllowance(fromOutsideTheRange, "a peer outside the trusted range is the client");
        }
    }

    /**
     * One client's allowance: the first {@value #PER_MINUTE} through, then refusals. The bucket earns a
     * request back every 12 s, so on a slow machine one more may come through on the way.
     */
    private static void assertOneAllowance(List<Integer> statuses, String who) {
        assertThat(statuses).as(who).containsOnly(ADMITTED, REFUSED);
        assertThat(statuses.subList(0, PER_MINUTE)).as(who).containsOnly(ADMITTED);
        assertThat(statuses.stream().filter(status -> status == REFUSED).count()).as(who + ": refused")
                .isGreaterThanOrEqualTo(REQUESTS - PER_MINUTE - 1L);
    }

    /** A different client address in every header a proxy might write, and in every request. */
    private static Map<String, String> forgedHeaders(int i) {
        return Map.of(
                "X-Forwarded-For", "203.0.113." + i + ", 2001:db8:" + i + "::1",
                "Forwarded", "for=198.51.100." + i + ";proto=https, for=\"[2001:db8:" + i + "::2]\"",
                "X-Real-IP", "192.0.2." + i);
    }

    private int get(GatewayInstance gateway, String peer, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + peer + ":" + gateway.port() + "/v1/auth/start")).timeout(Duration.ofSeconds(15)).GET();
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] settings(String platform, String trustedProxies) {
        byte[] subjectKey = new byte[32];
        new SecureRandom().nextBytes(subjectKey);
        return new String[] {
                "spring.main.cloud-platform=" + platform,
                "phonegate.gateway.client-ip.trusted-proxies=" + trustedProxies,
                "phonegate.gateway.limits.client-ip-requests-per-minute=" + PER_MINUTE,
                "phonegate.store.subject-key=" + Base64.getEncoder().encodeToString(subjectKey)};
    }
}
