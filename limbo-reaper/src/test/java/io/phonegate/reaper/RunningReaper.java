package io.phonegate.reaper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One reaper instance in this JVM, started as {@code java -jar} would start it, with settings as arguments. */
public final class RunningReaper implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningReaper(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Without its HTTP server, which only the tests of the actuator endpoints need: starts faster. */
    public static RunningReaper start(TestTopics topics, Map<String, String> settings, Class<?>... extraConfiguration) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("spring.main.web-application-type", "none");
        return startWith(topics, all, extraConfiguration);
    }

    public static RunningReaper startWithHttp(TestTopics topics, Map<String, String> settings) {
        return startWith(topics, settings);
    }

    private static RunningReaper startWith(TestTopics topics, Map<String, String> settings, Class<?>... extraConfiguration) {
        Map<String, String> all = new HashMap<>();
        all.put("server.port", "0");
        all.put("phonegate.reaper.sweep-interval", "1h");
        all.putAll(topics.bindings());
        all.putAll(settings);
        List<String> args = new ArrayList<>();
        all.forEach((name, value) -> args.add("--" + name + "=" + value));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ReaperApplication.class);
        if (extraConfiguration.length > 0) {
            builder.sources(extraConfiguration);
        }
        return new RunningReaper(builder.run(args.toArray(String[]::new)));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The sum of a counter's series matching the tags (name, value, ...), 0 when none exists yet. */
    public double count(String name, String... tags) {
        Search search = context.getBean(MeterRegistry.class).find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** How many times a timer recorded, 0 when it does not exist yet. */
    public long timerCount(String name) {
        return context.getBean(MeterRegistry.class).find(name).timers().stream().mapToLong(t -> t.count()).sum();
    }

    public double gauge(String name) {
        return context.getBean(MeterRegistry.class).get(name).gauge().value();
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1"));
    }

    @Override
    public void close() {
        context.close();
    }
}
