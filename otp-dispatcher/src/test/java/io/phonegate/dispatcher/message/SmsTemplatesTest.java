package io.phonegate.dispatcher.message;

import io.phonegate.common.event.OtpPurpose;
import io.phonegate.dispatcher.sms.TextForm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsTemplatesTest {

    private static final String HOST = "auth.example.com";
    /** An SMS Retriever hash as Google computes them: 11 characters of base64, '+' and '/' included. */
    private static final String APP_HASH = "FA+9qCX9VS/";

    @Test
    void everyLanguageAndPurposeFitsOneSmsPartAtTheLongestValidity() {
        for (SmsTemplates templates : new SmsTemplates[]{new SmsTemplates(HOST, null), new SmsTemplates(HOST, APP_HASH)}) {
            for (String language : SmsTemplates.languages()) {
                for (OtpPurpose purpose : OtpPurpose.values()) {
                    String text = templates.render(language, purpose, "999999", SmsTemplates.LONGEST_VALIDITY).body();
                    assertThat(SmsLength.fitsOnePart(text)).as(language + " " + purpose + ": " + text).isTrue();
                    assertThat(SmsLength.bytes(text)).isLessThanOrEqualTo(SmsLength.PART_BYTES);
                }
            }
        }
    }

    @Test
    void englishFullTextIsGsm7AndHindiFullTextIsUcs2WithinTheirLimits() {
        SmsTemplates templates = new SmsTemplates(HOST, null);

        SmsTemplates.Text english = templates.render("en", OtpPurpose.SIGNUP, "123456", Duration.ofMinutes(15));
        SmsTemplates.Text hindi = templates.render("hi", OtpPurpose.SIGNUP, "123456", Duration.ofMinutes(15));

        assertThat(SmsLength.gsm7Septets(english.body())).isBetween(1, SmsLength.GSM7_PART);
        assertThat(english.body()).contains("Never share it");
        assertThat(english.form()).isEqualTo(new TextForm("en", OtpPurpose.SIGNUP, TextForm.Length.LONG));
        assertThat(SmsLength.isGsm7(hindi.body())).isFalse();
        assertThat(hindi.body().length()).isLessThanOrEqualTo(SmsLength.UCS2_PART);
        assertThat(hindi.body()).contains("साझा न करें");
        assertThat(hindi.form()).isEqualTo(new TextForm("hi", OtpPurpose.SIGNUP, TextForm.Length.LONG));
    }

    @Test
    void textEndsWithTheOriginBoundOneTimeCodeLine() {
        String text = new SmsTemplates(HOST, null).render("en", OtpPurpose.LOGIN, "042137", Duration.ofMinutes(3)).body();

        assertThat(text).startsWith("042137 is your Phonegate sign-in code. It expires in 3 min.")
                .endsWith("\n\n@auth.example.com #042137");
    }

    /**
     * The message ends with the hash, as the SMS Retriever asks, and the last line still starts with the
     * origin-bound {@code @host #code}, the only line that format reads (it ignores what follows the code).
     */
    @Test
    void appHashEndsTheMessageOnTheOriginBoundLine() {
        String text = new SmsTemplates(HOST, APP_HASH).render("en", OtpPurpose.LOGIN, "042137", Duration.ofMinutes(3)).body();

        assertThat(text).endsWith("\n\n@auth.example.com #042137 " + APP_HASH);
        String lastLine = text.substring(text.lastIndexOf('\n') + 1);
        assertThat(lastLine).matches("@auth\\.example\\.com #042137 .*");
    }

    @Test
    void appHashMakesTheHindiTextTakeItsShortFormToStayInOnePart() {
        SmsTemplates.Text hindi = new SmsTemplates("localhost", APP_HASH).render("hi", OtpPurpose.LOGIN, "123456", Duration.ofMinutes(3));

        assertThat(hindi.form().length()).isEqualTo(TextForm.Length.SHORT);
        assertThat(hindi.body()).isEqualTo("Phonegate कोड 123456\n\n@localhost #123456 " + APP_HASH);
        assertThat(SmsLength.fitsOnePart(hindi.body())).isTrue();
    }

    @Test
    void remainingValidityIsRoundedUpToWholeMinutes() {
        String text = new SmsTemplates(HOST, null).render("en", OtpPurpose.LOGIN, "042137", Duration.ofSeconds(121)).body();

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
        SmsTemplates.Text hindi = new SmsTemplates(host, null).render("hi", OtpPurpose.SIGNUP, "123456", Duration.ofMinutes(3));

        assertThat(hindi.body()).isEqualTo("Phonegate कोड 123456\n\n@" + host + " #123456");
        assertThat(hindi.form()).isEqualTo(new TextForm("hi", OtpPurpose.SIGNUP, TextForm.Length.SHORT));
        assertThat(SmsLength.fitsOnePart(hindi.body())).isTrue();
    }

    @Test
    void hostTooLongForOnePartFailsAtStartWithTheSettingName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SmsTemplates("a-very-long-host-name-that-no-sms-can-hold.example.com", null))
                .withMessageContaining("phonegate.dispatcher.otp-host")
                .withMessageNotContaining("android-app-hash");
    }

    /** A host that fits alone but not with the 12 characters the app hash adds: the start names both settings. */
    @Test
    void appHashThatMakesATextTooLongFailsAtStartNamingBothSettings() {
        String host = "login.accounts.example.co.in";
        new SmsTemplates(host, null);

        assertThatIllegalArgumentException().isThrownBy(() -> new SmsTemplates(host, APP_HASH))
                .withMessageContaining("phonegate.dispatcher.otp-host").withMessageContaining("phonegate.dispatcher.android-app-hash");
    }

    @Test
    void formsInUseAreTheOnesSomeCodeLengthAndLifetimeChooses() {
        SmsTemplates templates = new SmsTemplates(HOST, null);

        assertThat(templates.forms()).hasSize(8);
        // English always fits in full; Hindi in full for shorter codes, in short for longer ones.
        assertThat(templates.formsInUse()).extracting(TextForm::id).containsExactlyInAnyOrder(
                "en-signup-long", "en-login-long", "hi-signup-long", "hi-signup-short", "hi-login-long", "hi-login-short");
        assertThat(new SmsTemplates(HOST, APP_HASH).formsInUse()).extracting(TextForm::id)
                .containsExactlyInAnyOrder("en-signup-long", "en-login-long", "hi-signup-short", "hi-login-short");
    }

    /** What India's carriers check: each text sent matches its form's registered template, {#var#} standing for ≤ 30 characters. */
    @Test
    void everyTextSentMatchesTheRegisteredTemplateOfItsForm() {
        for (SmsTemplates templates : new SmsTemplates[]{new SmsTemplates(HOST, null), new SmsTemplates(HOST, APP_HASH)}) {
            for (String language : SmsTemplates.languages()) {
                for (OtpPurpose purpose : OtpPurpose.values()) {
                    for (int digits = SmsTemplates.SHORTEST_CODE; digits <= SmsTemplates.LONGEST_CODE; digits++) {
                        for (int minutes = 1; minutes <= 15; minutes += 7) {
                            SmsTemplates.Text text = templates.render(language, purpose, "7".repeat(digits), Duration.ofMinutes(minutes));
                            assertThat(templates.formsInUse()).contains(text.form());
                            assertThat(text.body()).matches(asPattern(templates.registeredTemplate(text.form())));
                        }
                    }
                }
            }
        }
    }

    @Test
    void registeredTemplateKeepsEverythingButTheCodeAndTheMinutes() {
        SmsTemplates templates = new SmsTemplates(HOST, APP_HASH);

        assertThat(templates.registeredTemplate(new TextForm("en", OtpPurpose.LOGIN, TextForm.Length.LONG))).isEqualTo(
                "{#var#} is your Phonegate sign-in code. It expires in {#var#} min. Never share it.\n\n@auth.example.com #{#var#} "
                        + APP_HASH);
        assertThat(templates.registeredTemplate(new TextForm("hi", OtpPurpose.SIGNUP, TextForm.Length.SHORT)))
                .isEqualTo("Phonegate कोड {#var#}\n\n@auth.example.com #{#var#} " + APP_HASH);
    }

    private static Pattern asPattern(String template) {
        StringBuilder regex = new StringBuilder();
        String[] literals = template.split(Pattern.quote(SmsTemplates.DLT_VARIABLE), -1);
        for (int i = 0; i < literals.length; i++) {
            regex.append(Pattern.quote(literals[i]));
            if (i < literals.length - 1) {
                regex.append("[0-9]{1,30}");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
