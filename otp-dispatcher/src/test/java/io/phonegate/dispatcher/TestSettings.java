package io.phonegate.dispatcher;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

/** Settings for unit tests, bound as the application binds them (defaults, relaxed names), from property names. */
public final class TestSettings {

    private TestSettings() {
    }

    /** {@code phonegate.dispatcher.*} from name, value, name, value… (names without the prefix). */
    public static DispatcherProperties dispatcher(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return dispatcher(properties);
    }

    /** {@code phonegate.dispatcher.*} from {@code properties} (names without the prefix), defaults for the rest. */
    public static DispatcherProperties dispatcher(Map<String, String> properties) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        properties.forEach((name, value) -> source.put("phonegate.dispatcher." + name, value));
        return new Binder(source).bindOrCreate("phonegate.dispatcher", DispatcherProperties.class);
    }
}
