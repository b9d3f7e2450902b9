package io.phonegate.triggers.challenge;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trigger event's JSON as plain maps and lists, read and written with Jackson's streaming parser and
 * generator only. Databind's object mapper would do the same, but building one loads some 500 classes: in
 * a cold Lambda at a fraction of a core that was about half a second of CPU before the first answer
 * ({@code bench/cold-start.sh}); the streaming layer costs a tenth of it.
 *
 * <p>Objects become {@code LinkedHashMap<String, Object>} (field order kept), arrays {@code List<Object>},
 * strings {@code String}, booleans {@code Boolean}, {@code null} stays {@code null}, and numbers keep their
 * exact text ({@link JsonNumber}), so every field Cognito sent goes back unchanged.
 */
final class EventJson {

    /** Thread-safe and immutable; holds no state that a SnapStart snapshot could make stale. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** A number exactly as it was written. */
    record JsonNumber(String text) {
    }

    private EventJson() {
    }

    /** @throws IllegalArgumentException when the document is not one JSON object */
    static Map<String, Object> readObject(InputStream in) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a Cognito trigger event must be a JSON object");
            }
            Map<String, Object> object = readObjectBody(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("a Cognito trigger event must be one JSON object, found more after it");
            }
            return object;
        }
    }

    static void write(Map<String, Object> object, OutputStream out) {
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            writeValue(generator, object);
        }
    }

    private static Map<String, Object> readObjectBody(JsonParser parser) {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object readValue(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> readObjectBody(parser);
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                    array.add(readValue(parser, element));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getString());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        };
    }

    private static void writeValue(JsonGenerator generator, Object value) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof JsonNumber number) {
            generator.writeNumber(number.text());
        } else if (value instanceof Map<?, ?> object) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> field : object.entrySet()) {
                generator.writeName((String) field.getKey());
                writeValue(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> array) {
            generator.writeStartArray();
            for (Object element : array) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalStateException("not a JSON value: " + value.getClass().getName());
        }
    }
}
