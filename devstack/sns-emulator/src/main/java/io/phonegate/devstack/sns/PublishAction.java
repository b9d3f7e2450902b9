package io.phonegate.devstack.sns;

import io.phonegate.common.phone.InvalidPhoneNumberException;
import io.phonegate.common.phone.PhoneNumber;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** SNS {@code Publish} to a phone number, with the configured faults applied; no HTTP here. */
final class PublishAction {

    /** SNS's limit for an SMS message body (it splits longer ones into parts; Phonegate never sends them). */
    private static final int MAX_SMS_LENGTH = 1600;

    /** What one call came to: a message id, or an error answer. */
    record Result(String messageId, SnsError error) {
    }

    private final SmsInbox inbox;
    private final AtomicReference<Faults> faults;
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();

    PublishAction(SmsInbox inbox, AtomicReference<Faults> faults, Clock clock) {
        this.inbox = inbox;
        this.faults = faults;
        this.clock = clock;
    }

    Result publish(Map<String, String> params) {
        calls.incrementAndGet();
        Faults now = faults.get();
        double draw = ThreadLocalRandom.current().nextDouble();
        if (draw < now.throttleRate()) {
            return failure(SnsError.throttling());
        }
        if (draw < now.throttleRate() + now.errorRate()) {
            return failure(SnsError.internalError());
        }
        String phone = params.get("PhoneNumber");
        if (phone == null || phone.isBlank()) {
            // Topics and endpoints are out of scope: Phonegate publishes SMS to numbers only.
            return failure(SnsError.invalidParameter(
                    "Invalid parameter: PhoneNumber Reason: this emulator publishes to phone numbers only; TopicArn and TargetArn are not supported"));
        }
        try {
            PhoneNumber.ofE164(phone);
        } catch (InvalidPhoneNumberException e) {
            return failure(SnsError.invalidParameter("Invalid parameter: PhoneNumber Reason: " + phone + " is not valid to publish to"));
        }
        if (now.throttleNumbers().contains(phone)) {
            return failure(SnsError.throttling());
        }
        if (now.rejectNumbers().contains(phone)) {
            return failure(SnsError.invalidParameter(
                    "Invalid parameter: PhoneNumber Reason: " + phone + " cannot receive SMS (rejected by the emulator's rejectNumbers fault)"));
        }
        String message = params.get("Message");
        if (message == null || message.isEmpty()) {
            return failure(SnsError.invalidParameter("Invalid parameter: Empty message"));
        }
        if (message.length() > MAX_SMS_LENGTH) {
            return failure(SnsError.invalidParameter("Invalid parameter: Message too long"));
        }
        SmsAttributes.Result attributes = SmsAttributes.check(FormData.messageAttributes(params));
        if (attributes.error() != null) {
            return failure(attributes.error());
        }
        String messageId = UUID.randomUUID().toString();
        inbox.add(new SmsMessage(phone, message, messageId, clock.instant(), attributes.values()));
        return new Result(messageId, null);
    }

    long calls() {
        return calls.get();
    }

    private static Result failure(SnsError error) {
        return new Result(null, error);
    }
}
