package io.phonegate.dispatcher.sms;

import io.phonegate.common.phone.PhoneNumber;

/** One text message to send. The text holds a code: never log it, never put it in an error. */
public record Sms(PhoneNumber to, String text) {

    @Override
    public String toString() {
        return "Sms[to=" + to.masked() + ", text=(" + text.length() + " characters)]";
    }
}
