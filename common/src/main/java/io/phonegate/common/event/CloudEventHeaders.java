package io.phonegate.common.event;

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

    private CloudEventHeaders() {
    }
}
