package io.phonegate.dispatcher.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsLengthTest {

    @Test
    void gsm7TextFitsUpTo160Characters() {
        assertThat(SmsLength.fitsOnePart("a".repeat(160))).isTrue();
        assertThat(SmsLength.fitsOnePart("a".repeat(161))).isFalse();
    }

    @Test
    void gsm7ExtensionCharactersTakeTwoSeptets() {
        assertThat(SmsLength.gsm7Septets("{€}")).isEqualTo(6);
        assertThat(SmsLength.fitsOnePart("a".repeat(159) + "€")).isFalse();
    }

    @Test
    void anyCharacterOutsideGsm7MakesTheTextUcs2With70Characters() {
        assertThat(SmsLength.isGsm7("कोड")).isFalse();
        assertThat(SmsLength.fitsOnePart("क".repeat(70))).isTrue();
        assertThat(SmsLength.fitsOnePart("a".repeat(69) + "क" + "a")).isFalse();
    }

    @Test
    void newlinesAndTheOriginLineCharactersAreGsm7() {
        assertThat(SmsLength.gsm7Septets("\n\n@auth.example.com #123456")).isEqualTo(27);
    }
}
