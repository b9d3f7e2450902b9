package io.phonegate.dispatcher.sms;

/** Sends one SMS with one provider call: no retries of its own (the caller retries, within the code's life). */
public interface SmsSender {

    SendResult send(Sms sms);
}
