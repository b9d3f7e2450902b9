package io.phonegate.gateway.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits at the edge on a hand-moved clock. */
class EdgeLimitsTest {

    private static final PhoneNumber PHONE = PhoneNumber.ofE164("+919876543210");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aReleasedSlotDoesNotCountTowardsTheCooldown() {
        PhoneLimits limits = new PhoneLimits(properties(Duration.ofSeconds(30), 5, 60, ""), clock, meters);

        limits.release(PHONE, limits.acquire(PHONE));

        assertThat(limits.acquire(PHONE)).isEqualTo(clock.instant());
    }

    @Test
    void theCooldownEndsExactlyAfterItsLength() {
        PhoneLimits limits = new PhoneLimits(properties(Duration.ofSeconds(30), 5, 60, ""), clock, meters);
        limits.acquire(PHONE);

        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> limits.acquire(PHONE)).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        limits.acquire(PHONE);
        assertThat(meters.counter("phonegate.edge.rate.limited", "limit", "phone_cooldown").count()).isEqualTo(1);
    }

    @Test
    void theHourlyCapIsARollingHour() {
        PhoneLimits limits = new PhoneLimits(properties(Duration.ZERO, 2, 60, ""), clock, meters);
        limits.acquire(PHONE);
        clock.advance(Duration.ofMinutes(30));
        limits.acquire(PHONE);

        clock.advance(Duration.ofMinutes(29));
        assertThatThrownBy(() -> limits.acquire(PHONE)).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.limit()).isEqualTo(EdgeLimit.PHONE_HOURLY));
        clock.advance(Duration.ofMinutes(1));
        limits.acquire(PHONE);
    }

    @Test
    void aClientAddressGetsItsMinuteAllowanceThenOneRequestPerRefill() {
        ClientIpLimit limit = new ClientIpLimit(properties(Duration.ZERO, 5, 6, ""), clock, meters);
        for (int i = 0; i < 6; i++) {
            limit.acquire("10.0.0.1");
        }

        assertThatThrownBy(() -> limit.acquire("10.0.0.1")).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
        limit.acquire("10.0.0.2");
        clock.advance(Duration.ofSeconds(10));
        limit.acquire("10.0.0.1");
    }

    @Test
    void forwardedHeaderIsIgnoredUnlessConfigured() {
        MockHttpServletRequest request = request("203.0.113.9, 198.51.100.7");

        assertThat(new ClientAddress(properties(Duration.ZERO, 5, 60, "")).of(request)).isEqualTo("10.1.1.1");
    }

    @Test
    void forwardedHeaderGivesTheAddressTheTrustedProxyAppended() {
        MockHttpServletRequest request = request("1.2.3.4, 203.0.113.9, 198.51.100.7");

        assertThat(new ClientAddress(properties(Duration.ZERO, 5, 60, "X-Forwarded-For")).of(request))
                .isEqualTo("198.51.100.7");
    }

    private static MockHttpServletRequest request(String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.1.1.1");
        request.addHeader("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static GatewayProperties properties(Duration cooldown, int hourlyCap, int ipPerMinute, String header) {
        return new GatewayProperties("IN", Set.of("IN"), 6, Duration.ofMinutes(3), DataSize.ofKilobytes(4),
                Duration.ofSeconds(1), 4,
                new GatewayProperties.Limits(cooldown, hourlyCap, ipPerMinute, 1000),
                new GatewayProperties.ClientIp(header, 1),
                new GatewayProperties.CognitoCalls(Duration.ofSeconds(3), 2, Duration.ofSeconds(2)),
                new GatewayProperties.KafkaHealth(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }
}
