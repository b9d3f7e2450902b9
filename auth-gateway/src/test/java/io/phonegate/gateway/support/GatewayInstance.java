package io.phonegate.gateway.support;

import io.phonegate.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * One more whole gateway in this JVM, on a free port, as a second replica would run: its own
 * Spring context, web server, Kafka producer and Redis client, against the Cognito emulator and
 * whatever Kafka and Redis the test's {@code @RealKafka} and {@code @RealRedis} published.
 */
public final class GatewayInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param properties {@code name=value} settings on top of the emulator's */
    public static GatewayInstance start(String... properties) {
        return start(EmulatedCognito.gatewayProperties(), properties);
    }

    /** A gateway on a pool of the test's own, with {@code properties} on top. */
    public static GatewayInstance startOn(EmulatedPool pool, String... properties) {
        return start(pool.gatewayProperties(), properties);
    }

    private static GatewayInstance start(List<String> poolProperties, String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "management.server.port=0"));
        all.addAll(poolProperties);
        all.addAll(List.of(properties));
        // As command-line arguments: they win over application.yml, as a deployment's settings do.
        return new GatewayInstance(new SpringApplicationBuilder(GatewayApplication.class)
                .run(all.stream().map(property -> "--" + property).toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Where its actuator (health, metrics) answers: not on {@link #port()}. */
    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    /** A bean of this instance's context, for a test that looks inside (a benchmark counting store calls). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public GatewayHttp http() {
        return new GatewayHttp(port());
    }

    public GatewayHttp management() {
        return new GatewayHttp(managementPort());
    }

    @Override
    public void close() {
        context.close();
    }
}
