package io.phonegate.dispatcher.sms;

import io.phonegate.common.event.OtpPurpose;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the dispatcher's texts an SMS is: its language, purpose and length. India's DLT registers
 * each text as a template of its own, so each form has its own template id.
 *
 * @param language ISO 639 language of the text ({@code en}, {@code hi})
 * @param length   the full text, or the shorter one sent when the full one would not fit one SMS part
 */
public record TextForm(String language, OtpPurpose purpose, Length length) {

    public enum Length { LONG, SHORT }

    private static final Pattern KEY = Pattern.compile("([a-z]{2,3})-(login|signup)-(long|short)");

    public TextForm {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(length, "length");
    }

    /** {@code en-login-long}, {@code hi-signup-short}: how the settings name it. */
    public String id() {
        return language + "-" + purpose.name().toLowerCase(Locale.ROOT) + "-" + length.name().toLowerCase(Locale.ROOT);
    }

    /** The form an {@link #id()} names, or empty when it names none. */
    public static Optional<TextForm> fromId(String id) {
        Matcher parts = KEY.matcher(id);
        if (!parts.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TextForm(parts.group(1), OtpPurpose.valueOf(parts.group(2).toUpperCase(Locale.ROOT)),
                Length.valueOf(parts.group(3).toUpperCase(Locale.ROOT))));
    }

    @Override
    public String toString() {
        return id();
    }
}
