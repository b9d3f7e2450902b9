package io.phonegate.common.keys;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRingTest {

    private final String keyA = KeyRing.newKeyConfig("a");
    private final String keyB = KeyRing.newKeyConfig("b");

    @Test
    void readsEveryKeyAndUsesTheNamedOneOrElseTheFirst() {
        KeyRing named = KeyRing.fromConfig("test", keyA + ", " + keyB, "b", "TEST_KEYS");
        KeyRing first = KeyRing.fromConfig("test", keyB + "," + keyA, " ", "TEST_KEYS");

        assertThat(named.ids()).containsExactly("a", "b");
        assertThat(named.activeId()).isEqualTo("b");
        assertThat(first.activeId()).isEqualTo("b");
        assertThat(named.key("a")).contains(Base64.getDecoder().decode(keyA.substring(2)));
        assertThat(named.key("z")).isEmpty();
    }

    @Test
    void derivedKeysKeepTheIdsAndShareNoBytesWithTheirSourceOrEachOther() {
        KeyRing ring = KeyRing.fromConfig("test", keyA + "," + keyB, "a", "TEST_KEYS");

        KeyRing handles = ring.derive("handles");

        assertThat(handles.ids()).containsExactly("a", "b");
        assertThat(handles.activeId()).isEqualTo("a");
        assertThat(handles.key("a").orElseThrow()).hasSize(32).isNotEqualTo(ring.key("a").orElseThrow());
        assertThat(ring.derive("other").key("a").orElseThrow()).isNotEqualTo(handles.key("a").orElseThrow());
        assertThat(ring.derive("handles").key("a")).contains(handles.key("a").orElseThrow());
    }

    @Test
    void keysStayOutOfTextAndCopiesCannotChangeTheRing() {
        KeyRing ring = KeyRing.fromConfig("test", keyA, null, "TEST_KEYS");
        byte[] copy = ring.key("a").orElseThrow();
        copy[0] ^= 1;

        assertThat(ring.key("a").orElseThrow()[0]).isNotEqualTo(copy[0]);
        assertThat(ring.toString()).doesNotContain(keyA.substring(2));
    }

    @Test
    void badConfigurationSaysWhatToFixWithoutShowingAKey() {
        assertThatThrownBy(() -> KeyRing.fromConfig("test", " ", null, "TEST_KEYS")).hasMessageContaining("TEST_KEYS");
        assertThatThrownBy(() -> KeyRing.fromConfig("test", "a:c2hvcnQ=", null, "TEST_KEYS")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyRing.fromConfig("test", "a:!!!", null, "TEST_KEYS")).hasMessageContaining("base64");
        assertThatThrownBy(() -> KeyRing.fromConfig("test", keyA, "z", "TEST_KEYS")).hasMessageContaining("not among");
        assertThatThrownBy(() -> KeyRing.fromConfig("test", ":abc", null, "TEST_KEYS")).hasMessageContaining("no id");
        assertThatThrownBy(() -> KeyRing.fromConfig("test", "a b:" + keyA.substring(2), null, "TEST_KEYS"))
                .hasMessageContaining("1-32 of");
    }
}
