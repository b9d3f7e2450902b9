package io.phonegate.dispatcher.sms;

import java.util.Set;

/** The texts the dispatcher sends, as far as the sender settings need to know them (India's DLT registers each). */
public interface SmsTexts {

    /** Every form of every text. */
    Set<TextForm> forms();

    /** The forms this configuration (host, app hash) can send: the ones a DLT country needs template ids for. */
    Set<TextForm> formsInUse();

    /** The form's text exactly as a DLT template registers it, its variable parts as {@code {#var#}}. */
    String registeredTemplate(TextForm form);
}
