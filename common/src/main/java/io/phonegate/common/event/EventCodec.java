package io.phonegate.common.event;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns events into Kafka record bodies and CloudEvents headers, and back.
 *
 * <p>Tolerant reader: unknown fields are ignored and unknown {@code ce_type}s are skipped
 * (an older consumer meets a newer producer). Strict on what it needs: a missing required
 * field or a wrong type fails with a message naming it. Thread-safe; share one instance.
 */
public final class EventCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    public byte[] toJson(PhonegateEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    /** @throws EventDecodingException naming the missing or malformed field */
    public <T extends PhonegateEvent> T fromJson(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new EventDecodingException("empty record body");
        }
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new EventDecodingException("invalid " + type.getSimpleName() + ": " + reason(e));
        }
    }

    /** The CloudEvents Kafka headers for {@code event}, as the UTF-8 bytes that go on the wire. */
    public Map<String, byte[]> headers(PhonegateEvent event, String source) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.ID, utf8(event.eventId().toString()));
        headers.put(CloudEventHeaders.TYPE, utf8(EventType.of(event).type()));
        headers.put(CloudEventHeaders.SOURCE, utf8(source));
        headers.put(CloudEventHeaders.TIME, utf8(event.occurredAt().toString()));
        headers.put(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.put(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.JSON));
        return headers;
    }

    /**
     * Reads a record by its {@code ce_type} header.
     *
     * @return the event, or empty when the type is one this version does not know
     * @throws EventDecodingException when the header is missing or the body is not a valid event of that type
     */
    public Optional<PhonegateEvent> decode(Map<String, ?> headers, byte[] payload) {
        String ceType = headerText(headers.get(CloudEventHeaders.TYPE));
        if (ceType == null || ceType.isBlank()) {
            throw new EventDecodingException("record has no " + CloudEventHeaders.TYPE + " header");
        }
        Optional<EventType> type = EventType.fromType(ceType);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fromJson(payload, type.get().eventClass()));
    }

    /** A header value as text, whether the Kafka header mapper left it as bytes or made it a String. */
    public static String headerText(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The innermost message: for a failing record constructor that is "phone is required". */
    private static String reason(JacksonException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof JacksonException jackson) {
            return jackson.getOriginalMessage();
        }
        return cause.getMessage();
    }
}
