package io.phonegate.gateway.support;

import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.kafka.RealKafkaExtension;
import io.phonegate.testsupport.redis.RealRedis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole gateway on a free port, against the Cognito emulator, a real in-process Kafka broker
 * and a real redis-server. Every subclass has the same configuration, so they share one Spring
 * context. Limits are opened wide here (their own tests set them); every test uses fresh numbers.
 */
@RealKafka
@RealRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phonegate.gateway.limits.resend-cooldown=0s",
        "phonegate.gateway.limits.phone-hourly-cap=1000000",
        "phonegate.gateway.limits.phone-daily-cap=1000000",
        "phonegate.gateway.limits.client-ip-requests-per-minute=1000000",
        "phonegate.gateway.limits.country-hourly-cap=1000000",
        "phonegate.gateway.limits.daily-budget=1000000",
        "phonegate.gateway.limits.wrong-answers-per-day=1000000"})
public abstract class GatewayIntegrationTest {

    @LocalServerPort
    protected int port;

    /** The actuator's port (Boot gives it a free one of its own in tests, as the management port differs). */
    @LocalManagementPort
    protected int managementPort;

    @DynamicPropertySource
    static void edges(DynamicPropertyRegistry registry) {
        registry.add("phonegate.cognito.endpoint", () -> EmulatedCognito.emulator().endpoint().toString());
        registry.add("phonegate.cognito.user-pool-id", () -> EmulatedCognito.emulator().userPoolId());
        registry.add("phonegate.cognito.client-id", () -> EmulatedCognito.emulator().clientId());
        registry.add("phonegate.cognito.client-secret", () -> EmulatedCognito.emulator().clientSecret());
        registry.add("phonegate.aws.region", () -> EmulatedCognito.emulator().region());
        registry.add("phonegate.answer.keys", () -> EmulatedCognito.ANSWER_KEYS);
    }

    protected GatewayHttp http() {
        return new GatewayHttp(port);
    }

    protected GatewayHttp management() {
        return new GatewayHttp(managementPort);
    }

    protected static String bootstrapServers() {
        return RealKafkaExtension.bootstrapServers();
    }
}
