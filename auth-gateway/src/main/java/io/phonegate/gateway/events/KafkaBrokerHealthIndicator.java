package io.phonegate.gateway.events;

import io.phonegate.gateway.config.GatewayProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness of the Kafka broker: one long-lived admin client asks for the cluster's nodes with a
 * short timeout. An instance that cannot publish cannot answer a start, so it leaves the load
 * balancer while the broker is unreachable and comes back when it answers again. Answers are
 * reused for a moment so frequent probes cost the broker little.
 */
@Component("kafkaBroker")
class KafkaBrokerHealthIndicator implements HealthIndicator, DisposableBean {

    private final Admin admin;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private volatile Health last;
    private volatile Instant lastAt = Instant.MIN;

    KafkaBrokerHealthIndicator(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                               GatewayProperties properties, Clock clock) {
        Duration checkTimeout = properties.kafkaHealth().timeout();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) checkTimeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) checkTimeout.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                AdminClientConfig.CLIENT_ID_CONFIG, "auth-gateway-health"));
        this.timeout = checkTimeout;
        this.cacheFor = properties.kafkaHealth().cacheFor();
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Health cached = last;
        if (cached != null && now.isBefore(lastAt.plus(cacheFor))) {
            return cached;
        }
        Health fresh = check();
        last = fresh;
        lastAt = now;
        return fresh;
    }

    private Health check() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 200, TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return Health.down().withDetail("error", cause.getClass().getSimpleName()).build();
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
