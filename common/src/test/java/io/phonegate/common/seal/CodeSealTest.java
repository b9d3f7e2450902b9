package io.phonegate.common.seal;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeSealTest {

    private static final String PHONE = "+919876543210";
    private final String keyA = CodeSeal.newKeyConfig("a");
    private final String keyB = CodeSeal.newKeyConfig("b");

    @Test
    void unsealsWhatItSealed() {
        CodeSeal seal = CodeSeal.fromConfig(keyA, "a");
        assertThat(seal.unseal(seal.seal("012345", PHONE), PHONE)).isEqualTo("012345");
    }

    @Test
    void sealedFormHidesTheCodeAndNamesTheKey() {
        CodeSeal seal = CodeSeal.fromConfig(keyA, "a");
        String sealed = seal.seal("123456", PHONE);
        assertThat(sealed).startsWith("v1.a.").doesNotContain("123456");
    }

    @Test
    void sealingTheSameCodeTwiceGivesDifferentTexts() {
        CodeSeal seal = CodeSeal.fromConfig(keyA, "a");
        Set<String> sealed = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            sealed.add(seal.seal("123456", PHONE));
        }
        assertThat(sealed).hasSize(100);
    }

    @Test
    void everyFlippedBitIsDetected() {
        CodeSeal seal = CodeSeal.fromConfig(keyA, "a");
        String sealed = seal.seal("123456", PHONE);
        String prefix = sealed.substring(0, sealed.lastIndexOf('.') + 1);
        byte[] body = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));
        for (int bit = 0; bit < body.length * 8; bit++) {
            byte[] tampered = body.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            String text = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> seal.unseal(text, PHONE)).isInstanceOf(SealException.class);
        }
    }

    @Test
    void truncatedTextIsRejected() {
        CodeSeal seal = CodeSeal.fromConfig(keyA, "a");
        String sealed = seal.seal("123456", PHONE);
        for (int length = 0; length < sealed.length(); length++) {
            String truncated = sealed.substring(0, length);
            assertThatThrownBy(() -> seal.unseal(truncated, PHONE)).isInstanceOf(SealException.class);
        }
    }

    @Test
    void codeSealedForOneNumberDoesNotOpenForAnother() {
        CodeSeal seal = CodeSeal.fromConfig(keyA, "a");
        String sealed = seal.seal("123456", PHONE);
        assertThatThrownBy(() -> seal.unseal(sealed, "+919876543211"))
                .isInstanceOf(SealException.class).hasMessageContaining("authentication");
    }

    @Test
    void wrongKeyFailsWithClearError() {
        String sealed = CodeSeal.fromConfig(keyA, "a").seal("123456", PHONE);
        String otherKeySameId = CodeSeal.newKeyConfig("a");
        assertThatThrownBy(() -> CodeSeal.fromConfig(otherKeySameId, "a").unseal(sealed, PHONE))
                .isInstanceOf(SealException.class);
        assertThatThrownBy(() -> CodeSeal.fromConfig(keyB, "b").unseal(sealed, PHONE))
                .isInstanceOf(SealException.class).hasMessageContaining("unknown key id 'a'");
    }

    @Test
    void relabellingTheKeyIdIsDetected() {
        byte[] shared = new byte[32];
        CodeSeal seal = CodeSeal.of("a", Map.of("a", shared, "b", shared));
        String relabelled = seal.seal("123456", PHONE).replaceFirst("^v1\\.a\\.", "v1.b.");
        assertThatThrownBy(() -> seal.unseal(relabelled, PHONE)).isInstanceOf(SealException.class);
    }

    @Test
    void rotationKeepsOldCodesReadableWhileTheNewKeySeals() {
        CodeSeal before = CodeSeal.fromConfig(keyA, "a");
        String sealedBefore = before.seal("111111", PHONE);

        CodeSeal during = CodeSeal.fromConfig(keyB + "," + keyA, "b");
        assertThat(during.sealingKeyId()).isEqualTo("b");
        assertThat(during.unseal(sealedBefore, PHONE)).isEqualTo("111111");
        String sealedDuring = during.seal("222222", PHONE);
        assertThat(sealedDuring).startsWith("v1.b.");

        CodeSeal after = CodeSeal.fromConfig(keyB, "b");
        assertThat(after.unseal(sealedDuring, PHONE)).isEqualTo("222222");
        assertThatThrownBy(() -> after.unseal(sealedBefore, PHONE)).isInstanceOf(SealException.class);
    }

    @Test
    void firstListedKeySealsWhenNoneIsNamed() {
        assertThat(CodeSeal.fromConfig(keyB + "," + keyA, "").sealingKeyId()).isEqualTo("b");
    }

    @Test
    void badConfigurationIsRefusedWithReason() {
        assertThatThrownBy(() -> CodeSeal.fromConfig("", null)).hasMessageContaining("PHONEGATE_SEAL_KEYS");
        assertThatThrownBy(() -> CodeSeal.fromConfig("a:c2hvcnQ=", "a")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> CodeSeal.fromConfig("a:!!!", "a")).hasMessageContaining("base64");
        assertThatThrownBy(() -> CodeSeal.fromConfig(keyA, "z")).hasMessageContaining("not among");
        assertThatThrownBy(() -> CodeSeal.fromConfig(":abc", null)).hasMessageContaining("no id");
    }

    @Test
    void garbageNeverUnsealsToACode() {
        CodeSeal seal = CodeSeal.fromConfig(keyA, "a");
        for (String garbage : new String[]{"", "v1", "v1.a", "v1.a.", "v2.a.AAAA", "v1.a.%%%", "v1.a.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            assertThatThrownBy(() -> seal.unseal(garbage, PHONE)).isInstanceOf(SealException.class);
        }
        assertThatThrownBy(() -> seal.unseal(null, PHONE)).isInstanceOf(SealException.class);
    }
}
