package io.phonegate.devstack.sns;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code application/x-www-form-urlencoded} body, as AWS Query requests carry their parameters. */
final class FormData {

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("MessageAttributes\\.entry\\.(\\d{1,4})\\.Name");

    private FormData() {
    }

    static Map<String, String> parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** One {@code MessageAttributes.entry.N}: its {@code Value.DataType} and {@code Value.StringValue} (null for binary ones). */
    record Attribute(String dataType, String stringValue) {
    }

    /**
     * The {@code MessageAttributes.entry.N.Name / .Value.*} entries, by name. Entries are read in index
     * order so a repeated name keeps its last value, as SNS does.
     */
    static Map<String, Attribute> messageAttributes(Map<String, String> params) {
        Map<Integer, String> names = new TreeMap<>();
        params.forEach((key, value) -> {
            Matcher entry = ATTRIBUTE_NAME.matcher(key);
            if (entry.matches()) {
                names.put(Integer.parseInt(entry.group(1)), value);
            }
        });
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        names.forEach((index, name) -> {
            String prefix = "MessageAttributes.entry." + index + ".Value.";
            attributes.put(name, new Attribute(params.get(prefix + "DataType"), params.get(prefix + "StringValue")));
        });
        return attributes;
    }
}
