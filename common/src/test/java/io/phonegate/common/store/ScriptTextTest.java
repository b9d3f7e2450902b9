package io.phonegate.common.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptTextTest {

    @Test
    void readsAScriptFromTheClasspath() {
        assertThat(ScriptText.read("script-text-test")).isEqualTo("return 1\n");
    }

    @Test
    void aMissingScriptIsNamed() {
        assertThatThrownBy(() -> ScriptText.read("no-such-script"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("META-INF/scripts/no-such-script.lua");
    }
}
