package io.phonegate.deploy;

import java.util.List;
import java.util.Map;

/** Typed steps through parsed YAML/JSON, failing with the path that was missing. */
final class Structure {

    private Structure() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new AssertionError(where + ": expected a mapping, found " + describe(value));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String where) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new AssertionError(where + ": expected a list, found " + describe(value));
    }

    /** Follows keys from a mapping: {@code at(deployment, "spec", "template", "spec")}. */
    static Map<String, Object> at(Map<String, Object> from, String... keys) {
        Map<String, Object> current = from;
        StringBuilder where = new StringBuilder();
        for (String key : keys) {
            where.append('/').append(key);
            current = map(current.get(key), where.toString());
        }
        return current;
    }

    static List<Map<String, Object>> maps(Object value, String where) {
        return list(value, where).stream().map(item -> map(item, where)).toList();
    }

    static String string(Object value, String where) {
        if (value == null) {
            throw new AssertionError(where + ": missing");
        }
        return String.valueOf(value);
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
    }
}
