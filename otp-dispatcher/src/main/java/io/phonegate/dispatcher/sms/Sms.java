package io.phonegate.dispatcher.sms;

import io.phonegate.common.phone.PhoneNumber;

import java.util.Objects;

/**
 * One text message to send. The text holds a code: never log it, never put it in an error.
 *
 * @param form which of the dispatcher's texts it is (India's DLT needs the template id of each)
 */
public record Sms(PhoneNumber to, String text, TextForm form) {

    public Sms {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(form, "form");
    }

    @Override
    public String toString() {
        return "Sms[to=" + to.masked() + ", form=" + form.id() + ", text=(" + text.length() + " characters)]";
    }
}
