package io.phonegate.dispatcher;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.dispatcher.store.StoreOutage;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One dispatcher application context in the test JVM, next to others: several of them share the
 * broker, the Redis server and the consumer group, as instances of one deployment do.
 */
final class DispatcherInstance implements AutoCloseable {

    private final String name;
    private final ConfigurableApplicationContext context;

    private DispatcherInstance(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    /** @param properties settings on top of the defaults (broker and Redis come from the test extensions) */
    static DispatcherInstance start(String name, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent("server.port", "0");
        all.putIfAbsent("spring.cloud.stream.kafka.bindings.otpRequests-in-0.consumer.poll-timeout", "200");
        // As command-line arguments: they win over application.yml, as the environment does in a deployment.
        String[] arguments = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OtpDispatcherApplication.class).run(arguments);
        return new DispatcherInstance(name, context);
    }

    String name() {
        return name;
    }

    double counter(String meter, String tag, String value) {
        var counter = context.getBean(MeterRegistry.class).find(meter).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    double smsSent() {
        return counter("phonegate.sms.send.attempts", "result", "success");
    }

    StoreOutage outage() {
        return context.getBean(StoreOutage.class);
    }

    /** Whether the consumer binding is paused now. */
    boolean consumerPaused() {
        List<Binding<?>> bindings = context.getBean(BindingsLifecycleController.class).queryState("otpRequests-in-0");
        return !bindings.isEmpty() && bindings.stream().allMatch(Binding::isPaused);
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    boolean running() {
        return context.isActive();
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
