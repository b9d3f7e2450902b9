package io.phonegate.dispatcher.consume;

import io.phonegate.common.event.CloudEventHeaders;

import java.util.HashMap;
import java.util.Map;

/**
 * Spring Cloud Function renames CloudEvents headers it recognises from the Kafka binding's
 * {@code ce_type} to {@code ce-type} on the way in (seen with records that lack
 * {@code ce_specversion}). The codec and the dead-letter topic speak the wire names, so the
 * headers are read back under those.
 */
final class CloudEventNames {

    private static final String RENAMED_PREFIX = "ce-";
    private static final String WIRE_PREFIX = "ce_";

    private CloudEventNames() {
    }

    static Map<String, Object> onTheWire(Map<String, Object> headers) {
        Map<String, Object> wire = new HashMap<>(headers);
        headers.forEach((name, value) -> {
            if (name.startsWith(RENAMED_PREFIX)) {
                wire.remove(name);
                wire.putIfAbsent(WIRE_PREFIX + name.substring(RENAMED_PREFIX.length()), value);
            }
        });
        return wire;
    }

    static boolean isCloudEventHeader(String name) {
        return name.startsWith(WIRE_PREFIX) || name.equals(CloudEventHeaders.CONTENT_TYPE);
    }
}
