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

    /** An SMS Retriever app hash is base64: '+' and '/' are in GSM-7's basic table, one septet each. */
    @Test
    void androidAppHashCharactersAreGsm7() {
        assertThat(SmsLength.gsm7Septets(" FA+9qCX9VS/")).isEqualTo(12);
    }

    /** One part is 140 bytes, as Google's SMS Retriever also states it: 160 septets of 7 bits, or 70 UCS-2 units of 2 bytes. */
    @Test
    void onePartIs140BytesInEitherEncoding() {
        assertThat(SmsLength.bytes("a".repeat(160))).isEqualTo(140);
        assertThat(SmsLength.bytes("a".repeat(161))).isEqualTo(141);
        assertThat(SmsLength.bytes("a")).isEqualTo(1);
        assertThat(SmsLength.bytes("क".repeat(70))).isEqualTo(140);
        assertThat(SmsLength.bytes("a".repeat(69) + "क")).isEqualTo(140);
        assertThat(SmsLength.bytes("😀")).as("outside the BMP: two UCS-2 units").isEqualTo(4);
    }
}
