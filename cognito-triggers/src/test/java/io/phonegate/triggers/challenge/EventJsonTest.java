package io.phonegate.triggers.challenge;

import io.phonegate.triggers.testing.TriggerEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    @Test
    void everyKindOfValueGoesBackAsItCame() {
        String json = """
                {"version":"1","n":-12.50e3,"big":123456789012345678901234567890,"t":true,"f":false,"nothing":null,\
                "text":"é \\" \\\\ \\n \\u2028 😀","list":[1,"a",[],{},[null]],"nested":{"a":{"b":{"c":[{"d":"e"}]}}}}""";

        String written = roundTrip(json);

        assertThat(TriggerEvents.JSON.readTree(written)).isEqualTo(TriggerEvents.JSON.readTree(json));
        assertThat(written).contains("-12.50e3").contains("123456789012345678901234567890");
    }

    @Test
    void readsPlainMapsInFieldOrder() {
        Map<String, Object> event = EventJson.readObject(in("{\"z\":\"1\",\"a\":{\"x\":[\"y\",true]},\"m\":null}"));

        assertThat(event.keySet()).containsExactly("z", "a", "m");
        assertThat(event.get("z")).isEqualTo("1");
        assertThat(event.get("a")).isEqualTo(Map.of("x", List.of("y", true)));
        assertThat(event).containsKey("m");
        assertThat(event.get("m")).isNull();
    }

    @Test
    void somethingOtherThanOneObjectIsRefused() {
        for (String json : new String[] {"[]", "\"text\"", "{} {}", "{\"a\":1} []"}) {
            assertThatThrownBy(() -> EventJson.readObject(in(json))).as(json).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void malformedJsonIsRefused() {
        for (String json : new String[] {"{", "{\"a\":}", "{\"a\" 1}", "{'a':1}", ""}) {
            assertThatThrownBy(() -> EventJson.readObject(in(json))).as(json).isInstanceOf(RuntimeException.class);
        }
    }

    private static String roundTrip(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventJson.write(EventJson.readObject(in(json)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
