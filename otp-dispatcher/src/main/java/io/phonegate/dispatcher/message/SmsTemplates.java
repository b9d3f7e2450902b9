package io.phonegate.dispatcher.message;

import io.phonegate.common.event.OtpPurpose;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The code SMS per language and purpose. Every text ends with the origin-bound one-time-code
 * line {@code @host #code} (WICG "origin-bound one-time codes"), so browsers and phones offer
 * the code only on that site. A message must fit one SMS part: Devanagari makes it UCS-2
 * (70 characters), so each text has shorter forms, and the longest form that fits is sent
 * (with a long {@code otp-host}, the Hindi text drops "do not share").
 */
public final class SmsTemplates {

    /** Longest lifetime the texts are checked with; Cognito sessions last at most 15 minutes. */
    static final Duration LONGEST_VALIDITY = Duration.ofMinutes(15);
    static final String DEFAULT_LANGUAGE = "en";

    /** Forms of each text, longest first. */
    private static final Map<String, Map<OtpPurpose, List<String>>> TEXTS = Map.of(
            "en", Map.of(
                    OtpPurpose.LOGIN, List.of(
                            "{code} is your Phonegate sign-in code. It expires in {minutes} min. Never share it.",
                            "{code} is your Phonegate code."),
                    OtpPurpose.SIGNUP, List.of(
                            "{code} is your Phonegate code to verify your number. It expires in {minutes} min. Never share it.",
                            "{code} is your Phonegate code.")),
            "hi", Map.of(
                    OtpPurpose.LOGIN, List.of("Phonegate लॉगिन कोड {code}। साझा न करें।", "Phonegate कोड {code}"),
                    OtpPurpose.SIGNUP, List.of("Phonegate सत्यापन कोड {code}। साझा न करें।", "Phonegate कोड {code}")));

    private final String host;

    /** @throws IllegalArgumentException when even the shortest form of a text would not fit one SMS part with this host */
    public SmsTemplates(String host) {
        this.host = host;
        for (String language : TEXTS.keySet()) {
            for (OtpPurpose purpose : OtpPurpose.values()) {
                List<String> forms = TEXTS.get(language).get(purpose);
                String shortest = fill(forms.get(forms.size() - 1), "000000", LONGEST_VALIDITY);
                if (!SmsLength.fitsOnePart(shortest)) {
                    throw new IllegalArgumentException("the " + language + " " + purpose + " SMS with otp-host '" + host
                            + "' needs more than one SMS part; use a shorter phonegate.dispatcher.otp-host");
                }
            }
        }
    }

    /**
     * @param locale   a BCP 47 tag; its language picks the text ({@code hi-IN} → Hindi), English otherwise
     * @param validFor how long the code stays valid, shown rounded up to whole minutes
     */
    public String render(String locale, OtpPurpose purpose, String code, Duration validFor) {
        List<String> forms = TEXTS.get(language(locale)).get(purpose);
        for (String form : forms) {
            String text = fill(form, code, validFor);
            if (SmsLength.fitsOnePart(text)) {
                return text;
            }
        }
        return fill(forms.get(forms.size() - 1), code, validFor);
    }

    private String fill(String form, String code, Duration validFor) {
        return form.replace("{code}", code)
                .replace("{minutes}", Long.toString(Math.max(1, (validFor.toSeconds() + 59) / 60)))
                + "\n\n@" + host + " #" + code;
    }

    static String language(String locale) {
        String language = locale == null ? "" : Locale.forLanguageTag(locale.strip()).getLanguage();
        return TEXTS.containsKey(language) ? language : DEFAULT_LANGUAGE;
    }

    static Iterable<String> languages() {
        return TEXTS.keySet();
    }
}
