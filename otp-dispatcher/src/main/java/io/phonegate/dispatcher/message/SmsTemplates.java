package io.phonegate.dispatcher.message;

import io.phonegate.common.event.OtpPurpose;
import io.phonegate.dispatcher.sms.SmsTexts;
import io.phonegate.dispatcher.sms.TextForm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The code SMS per language and purpose. Every text ends with the origin-bound one-time-code line
 * {@code @host #code} (WICG "origin-bound one-time codes"), so browsers and phones offer the code
 * only on that site. A message must fit one SMS part: Devanagari makes it UCS-2 (70 characters), so
 * each text has a long and a short form, and the long one is sent when it fits (with a long
 * {@code otp-host} or an app hash, the Hindi text drops "do not share").
 *
 * <p>With an Android app hash, the last line ends with it: {@code @host #code FA+9qCX9VSu}. Google's SMS
 * Retriever wants the message to end with the app's 11-character hash (its example puts it on a line of
 * its own), and the origin-bound format reads only the last line, which must start with {@code @host #code}
 * and may carry more text after it. A line of its own after the origin-bound line would hide that line
 * from every parser that follows the format (Safari's among them).
 */
public final class SmsTemplates implements SmsTexts {

    /** Longest lifetime the texts are checked with; Cognito sessions last at most 15 minutes. */
    static final Duration LONGEST_VALIDITY = Duration.ofMinutes(15);
    static final String DEFAULT_LANGUAGE = "en";
    /** The codes the Create trigger can make ({@code PHONEGATE_CODE_LENGTH}: 4 to 10 digits). */
    static final int SHORTEST_CODE = 4;
    static final int LONGEST_CODE = 10;
    /** Every text must fit one part with a code of the Create trigger's default length, or the start fails. */
    static final int CHECKED_CODE = 6;
    /** A DLT template's placeholder for a value that changes from message to message. */
    static final String DLT_VARIABLE = "{#var#}";

    private record Forms(String longText, String shortText) {

        String text(TextForm.Length length) {
            return length == TextForm.Length.LONG ? longText : shortText;
        }
    }

    private static final Map<String, Map<OtpPurpose, Forms>> TEXTS = Map.of(
            "en", Map.of(
                    OtpPurpose.LOGIN, new Forms(
                            "{code} is your Phonegate sign-in code. It expires in {minutes} min. Never share it.",
                            "{code} is your Phonegate code."),
                    OtpPurpose.SIGNUP, new Forms(
                            "{code} is your Phonegate code to verify your number. It expires in {minutes} min. Never share it.",
                            "{code} is your Phonegate code.")),
            "hi", Map.of(
                    OtpPurpose.LOGIN, new Forms("Phonegate लॉगिन कोड {code}। साझा न करें।", "Phonegate कोड {code}"),
                    OtpPurpose.SIGNUP, new Forms("Phonegate सत्यापन कोड {code}। साझा न करें।", "Phonegate कोड {code}")));

    /** One rendered message and which form of its text it is. */
    public record Text(String body, TextForm form) {

        @Override
        public String toString() {
            return "Text[form=" + form + ", (" + body.length() + " characters)]";
        }
    }

    private final String host;
    private final String appHash;

    /**
     * @param host           the {@code otp-host} of the origin-bound line
     * @param androidAppHash the Android app's 11-character SMS Retriever hash, or {@code null} for none
     * @throws IllegalArgumentException when a text would not fit one SMS part even in its short form
     */
    public SmsTemplates(String host, String androidAppHash) {
        this.host = host;
        this.appHash = androidAppHash;
        for (TextForm form : forms()) {
            if (form.length() == TextForm.Length.SHORT
                    && !SmsLength.fitsOnePart(fill(form, "0".repeat(CHECKED_CODE), minutes(LONGEST_VALIDITY)))) {
                throw new IllegalArgumentException("the " + form.language() + " " + form.purpose() + " SMS with otp-host '"
                        + host + "'" + (appHash == null ? "" : " and the Android app hash") + " needs more than one SMS part; use a shorter "
                        + "phonegate.dispatcher.otp-host" + (appHash == null ? "" : " or leave phonegate.dispatcher.android-app-hash unset"));
            }
        }
    }

    /**
     * @param locale   a BCP 47 tag; its language picks the text ({@code hi-IN} → Hindi), English otherwise
     * @param validFor how long the code stays valid, shown rounded up to whole minutes
     */
    public Text render(String locale, OtpPurpose purpose, String code, Duration validFor) {
        TextForm form = formFor(language(locale), purpose, code.length(), minutes(validFor));
        return new Text(fill(form, code, minutes(validFor)), form);
    }

    /** Every form of every text, whether or not this configuration ever sends it. */
    @Override
    public Set<TextForm> forms() {
        Set<TextForm> forms = new LinkedHashSet<>();
        for (String language : languages()) {
            for (OtpPurpose purpose : OtpPurpose.values()) {
                for (TextForm.Length length : TextForm.Length.values()) {
                    forms.add(new TextForm(language, purpose, length));
                }
            }
        }
        return Collections.unmodifiableSet(forms);
    }

    /**
     * The forms this host and app hash can send: for each text, the form chosen for some code the Create
     * trigger can make (4 to 10 digits) and some lifetime up to 15 minutes.
     */
    @Override
    public Set<TextForm> formsInUse() {
        return codeLengthsByForm().keySet();
    }

    /** Each form in use and the code lengths (digits) it is sent for. */
    Map<TextForm, SortedSet<Integer>> codeLengthsByForm() {
        Map<TextForm, SortedSet<Integer>> inUse = new LinkedHashMap<>();
        for (TextForm form : forms()) {
            for (int digits = SHORTEST_CODE; digits <= LONGEST_CODE; digits++) {
                for (long minutes = 1; minutes <= LONGEST_VALIDITY.toMinutes(); minutes++) {
                    inUse.computeIfAbsent(formFor(form.language(), form.purpose(), digits, Long.toString(minutes)),
                            chosen -> new TreeSet<>()).add(digits);
                }
            }
        }
        return Collections.unmodifiableMap(inUse);
    }

    /**
     * The form's text as India's DLT registers it: the code and the minutes are {@value #DLT_VARIABLE},
     * everything else (line breaks, the host, the app hash) exactly as sent. A carrier drops a message
     * that does not match its template.
     */
    @Override
    public String registeredTemplate(TextForm form) {
        return fill(form, DLT_VARIABLE, DLT_VARIABLE);
    }

    /** The long form when it fits one part, else the short one (which may not: a code longer than checked). */
    private TextForm formFor(String language, OtpPurpose purpose, int codeDigits, String minutes) {
        TextForm full = new TextForm(language, purpose, TextForm.Length.LONG);
        return SmsLength.fitsOnePart(fill(full, "0".repeat(codeDigits), minutes)) ? full
                : new TextForm(language, purpose, TextForm.Length.SHORT);
    }

    private String fill(TextForm form, String code, String minutes) {
        return TEXTS.get(form.language()).get(form.purpose()).text(form.length())
                .replace("{code}", code).replace("{minutes}", minutes)
                + "\n\n@" + host + " #" + code + (appHash == null ? "" : " " + appHash);
    }

    private static String minutes(Duration validFor) {
        return Long.toString(Math.max(1, (validFor.toSeconds() + 59) / 60));
    }

    static String language(String locale) {
        String language = locale == null ? "" : Locale.forLanguageTag(locale.strip()).getLanguage();
        return TEXTS.containsKey(language) ? language : DEFAULT_LANGUAGE;
    }

    /** The languages with texts, English first. */
    static List<String> languages() {
        List<String> languages = new ArrayList<>(TEXTS.keySet());
        languages.sort((a, b) -> a.equals(DEFAULT_LANGUAGE) ? -1 : b.equals(DEFAULT_LANGUAGE) ? 1 : a.compareTo(b));
        return languages;
    }
}
