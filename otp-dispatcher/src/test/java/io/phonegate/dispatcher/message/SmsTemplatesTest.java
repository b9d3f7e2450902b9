package io.phonegate.dispatcher.message;

import io.phonegate.common.event.OtpPurpose;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsTemplatesTest {

    private static final String HOST = "auth.example.com";

    @Test
    void everyLanguageAndPurposeFitsOneSmsPartAtTheLongestValidity() {
        SmsTemplates templates = new SmsTemplates(HOST);
        for (String language : SmsTemplates.languages()) {
            for (OtpPurpose purpose : OtpPurpose.values()) {
                String text = templates.render(language, purpose, "999999", SmsTemplates.LONGEST_VALIDITY);
                assertThat(SmsLength.fitsOnePart(text)).as(language + " " + purpose + ": " + text).isTrue();
            }
        }
    }

    @Test
    void englishFullTextIsGsm7AndHindiFullTextIsUcs2WithinTheirLimits() {
        SmsTemplates templates = new SmsTemplates(HOST);

        String english = templates.render("en", OtpPurpose.SIGNUP, "123456", Duration.ofMinutes(15));
        String hindi = templates.render("hi", OtpPurpose.SIGNUP, "123456", Duration.ofMinutes(15));

        assertThat(SmsLength.gsm7Septets(english)).isBetween(1, SmsLength.GSM7_PART);
        assertThat(english).contains("Never share it");
        assertThat(SmsLength.isGsm7(hindi)).isFalse();
        assertThat(hindi.length()).isLessThanOrEqualTo(SmsLength.UCS2_PART);
        assertThat(hindi).contains("साझा न करें");
    }

    @Test
    void textEndsWithTheOriginBoundOneTimeCodeLine() {
        String text = new SmsTemplates(HOST).render("en", OtpPurpose.LOGIN, "042137", Duration.ofMinutes(3));

        assertThat(text).startsWith("042137 is your Phonegate sign-in code. It expires in 3 min.")
                .endsWith("\n\n@auth.example.com #042137");
    }

    @Test
    void remainingValidityIsRoundedUpToWholeMinutes() {
        String text = new SmsTemplates(HOST).render("en", OtpPurpose.LOGIN, "042137", Duration.ofSeconds(121));

        assertThat(text).contains("expires in 3 min");
    }

    @Test
    void languageComesFromTheLocaleTagAndUnknownOnesFallBackToEnglish() {
        assertThat(SmsTemplates.language("hi-IN")).isEqualTo("hi");
        assertThat(SmsTemplates.language("en-GB")).isEqualTo("en");
        assertThat(SmsTemplates.language("fr")).isEqualTo("en");
        assertThat(SmsTemplates.language("")).isEqualTo("en");
    }

    @Test
    void longHostMakesTheHindiTextDropItsWarningToStayInOnePart() {
        String host = "login.accounts.example.co.in";
        String hindi = new SmsTemplates(host).render("hi", OtpPurpose.SIGNUP, "123456", Duration.ofMinutes(3));

        assertThat(hindi).isEqualTo("Phonegate कोड 123456\n\n@" + host + " #123456");
        assertThat(SmsLength.fitsOnePart(hindi)).isTrue();
    }

    @Test
    void hostTooLongForOnePartFailsAtStartWithTheSettingName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SmsTemplates("a-very-long-host-name-that-no-sms-can-hold.example.com"))
                .withMessageContaining("phonegate.dispatcher.otp-host");
    }
}
