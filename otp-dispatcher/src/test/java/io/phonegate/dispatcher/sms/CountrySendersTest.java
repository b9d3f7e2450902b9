package io.phonegate.dispatcher.sms;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.dispatcher.TestSettings;
import io.phonegate.dispatcher.message.SmsTemplates;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Per-country senders and the start-up check of India's DLT settings, against the dispatcher's real texts. */
class CountrySendersTest {

    private static final String HOST = "auth.example.com";
    /** With this host: English always in full, Hindi in full or short by code length. */
    private static final SmsTemplates TEXTS = new SmsTemplates(HOST, null);
    private static final PhoneNumber INDIA = PhoneNumber.ofE164("+919876543210");
    private static final PhoneNumber UK = PhoneNumber.ofE164("+447700900123");

    @Test
    void completeDltSettingsPutTheEntityAndTheTemplateOfEachFormOnSmsToIndiaOnly() {
        CountrySenders senders = new CountrySenders(TestSettings.dispatcher(completeIndia()), TEXTS);

        assertThat(senders.dltCountries()).containsExactly("IN");
        assertThat(senders.attributes(sms(INDIA, "hi-login-short"))).containsExactly(
                Map.entry(CountrySenders.SMS_TYPE, "Transactional"), Map.entry(CountrySenders.SENDER_ID, "PHNGTE"),
                Map.entry(CountrySenders.ENTITY_ID, "1101000000000000001"), Map.entry(CountrySenders.TEMPLATE_ID, "1107000000000000006"));
        assertThat(senders.attributes(sms(INDIA, "en-signup-long"))).containsEntry(CountrySenders.TEMPLATE_ID, "1107000000000000002");
        assertThat(senders.attributes(sms(UK, "en-signup-long"))).containsOnlyKeys(CountrySenders.SMS_TYPE);
    }

    @Test
    void aCountrysOwnSenderWinsOverTheDefaults() {
        Map<String, String> settings = Map.of("sender-id", "Phonegate", "origination-number", "+14155550199",
                "countries.GB.sender-id", "PG-UK");
        CountrySenders senders = new CountrySenders(TestSettings.dispatcher(settings), TEXTS);

        assertThat(senders.attributes(sms(UK, "en-login-long"))).containsEntry(CountrySenders.SENDER_ID, "PG-UK")
                .containsEntry(CountrySenders.ORIGINATION_NUMBER, "+14155550199");
        assertThat(senders.attributes(sms(INDIA, "en-login-long"))).containsEntry(CountrySenders.SENDER_ID, "Phonegate");
        assertThat(senders.dltCountries()).isEmpty();
    }

    /** One message names every form in use that has no id, with its setting, its variable and the text to register. */
    @Test
    void dltWithoutATemplateIdForAFormInUseFailsTheStartNamingEachFormAndItsExactText() {
        Map<String, String> settings = completeIndia();
        settings.remove("countries.IN.dlt.templates.hi-login-short");
        settings.remove("countries.IN.dlt.templates.en-login-long");

        assertThatIllegalArgumentException().isThrownBy(() -> new CountrySenders(TestSettings.dispatcher(settings), TEXTS))
                .withMessageContaining("phonegate.dispatcher.countries.IN.dlt.templates.hi-login-short")
                .withMessageContaining("PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_TEMPLATES_HI_LOGIN_SHORT")
                .withMessageContaining("-----\nPhonegate कोड {#var#}\n\n@auth.example.com #{#var#}\n-----")
                .withMessageContaining("phonegate.dispatcher.countries.IN.dlt.templates.en-login-long")
                .withMessageContaining("{#var#} is your Phonegate sign-in code. It expires in {#var#} min. Never share it.")
                .withMessageNotContaining("en-login-short");
    }

    @Test
    void dltWithoutTheEntityIdOrASenderIdFailsTheStart() {
        Map<String, String> settings = completeIndia();
        settings.remove("countries.IN.dlt.entity-id");
        settings.remove("countries.IN.sender-id");

        assertThatIllegalArgumentException().isThrownBy(() -> new CountrySenders(TestSettings.dispatcher(settings), TEXTS))
                .withMessageContaining("phonegate.dispatcher.countries.IN.dlt.entity-id (PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_ENTITYID)")
                .withMessageContaining("PHONEGATE_DISPATCHER_COUNTRIES_IN_SENDERID");
    }

    @Test
    void indianDltSenderIdMustBeThreeToSixLetters() {
        Map<String, String> settings = completeIndia();
        settings.put("countries.IN.sender-id", "PHONEGATE");

        assertThatIllegalArgumentException().isThrownBy(() -> new CountrySenders(TestSettings.dispatcher(settings), TEXTS))
                .withMessageContaining("3-6 letters");
    }

    @Test
    void aTemplateKeyThatNamesNoTextFormFailsTheStart() {
        Map<String, String> settings = completeIndia();
        settings.put("countries.IN.dlt.templates.en-login-lng", "1107000000000000009");
        settings.put("countries.IN.dlt.templates.fr-login-long", "1107000000000000010");

        assertThatIllegalArgumentException().isThrownBy(() -> new CountrySenders(TestSettings.dispatcher(settings), TEXTS))
                .withMessageContaining("templates.en-login-lng names no text form")
                .withMessageContaining("templates.fr-login-long names no text form")
                .withMessageContaining("hi-signup-short");
    }

    /** A form this host never sends needs no id; the short English text only goes out with a much longer host. */
    @Test
    void formsThisConfigurationNeverSendsNeedNoTemplateId() {
        assertThat(TEXTS.formsInUse()).doesNotContain(form("en-login-short"), form("en-signup-short"));

        new CountrySenders(TestSettings.dispatcher(completeIndia()), TEXTS);
    }

    @Test
    void dltForIndiaOutsideMumbaiOrHyderabadIsWarnedAbout() {
        CountrySenders senders = new CountrySenders(TestSettings.dispatcher(completeIndia()), TEXTS);

        assertThat(senders.warnings("ap-south-1", Set.of("IN"))).isEmpty();
        assertThat(senders.warnings("ap-south-2", Set.of("IN"))).isEmpty();
        assertThat(senders.warnings("us-east-1", Set.of("IN"))).singleElement().asString()
                .contains("us-east-1", "ap-south-1", "ap-south-2");
    }

    @Test
    void aSenderIdForIndiaWithoutDltIsWarnedAboutWhereCodesGoToIndia() {
        CountrySenders senders = new CountrySenders(TestSettings.dispatcher(Map.of("sender-id", "Phonegate")), TEXTS);

        assertThat(senders.warnings("us-east-1", Set.of("IN", "GB"))).singleElement().asString().contains("without DLT");
        assertThat(senders.warnings("us-east-1", Set.of("GB"))).isEmpty();
    }

    private static Map<String, String> completeIndia() {
        Map<String, String> settings = new HashMap<>(Map.of(
                "countries.IN.sender-id", "PHNGTE",
                "countries.IN.dlt.entity-id", "1101000000000000001",
                "countries.IN.dlt.templates.en-login-long", "1107000000000000001",
                "countries.IN.dlt.templates.en-signup-long", "1107000000000000002",
                "countries.IN.dlt.templates.hi-login-long", "1107000000000000003",
                "countries.IN.dlt.templates.hi-signup-long", "1107000000000000004",
                "countries.IN.dlt.templates.hi-signup-short", "1107000000000000006"));
        settings.put("countries.IN.dlt.templates.hi-login-short", "1107000000000000006");
        return settings;
    }

    private static Sms sms(PhoneNumber to, String form) {
        return new Sms(to, "text", form(form));
    }

    private static TextForm form(String id) {
        return TextForm.fromId(id).orElseThrow();
    }
}
