package io.phonegate.common.event;

import java.util.HashMap;
import java.util.Map;

/**
 * Header names of the CloudEvents Kafka protocol binding (binary mode), plus Phonegate's
 * dead-letter header. Values travel as UTF-8 bytes.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** On a dead-lettered record: why it could not be processed. */
    public static final String DLQ_REASON = "phonegate_dlq_reason";

    /** The prefix of every CloudEvents attribute header in the Kafka binding. */
    public static final String KAFKA_PREFIX = "ce_";
    /** The canonical (HTTP binding) prefix, which Spring Cloud Function renames Kafka's to on some records. */
    private static final String CANONICAL_PREFIX = "ce-";

    private CloudEventHeaders() {
    }

    /**
     * The headers with every {@code ce-} name put back under its Kafka {@code ce_} name. Spring
     * Cloud Function renames the {@code ce_} headers of a record that is not a complete CloudEvent
     * (one lacking {@code ce_specversion}, say); without this such a record would look as if it had
     * no {@code ce_type}. Where both forms are present, the Kafka one wins.
     */
    public static Map<String, Object> withKafkaNames(Map<String, ?> headers) {
        Map<String, Object> named = new HashMap<>(headers);
        headers.forEach((name, value) -> {
            if (name.startsWith(CANONICAL_PREFIX)) {
                named.remove(name);
                named.putIfAbsent(KAFKA_PREFIX + name.substring(CANONICAL_PREFIX.length()), value);
            }
        });
        return named;
    }
}
