package io.phonegate.common.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The logical, versioned type of each event on the wire ({@code ce_type}) and its topic. */
public enum EventType {
    /** Read for the events still on the topic; no longer published. */
    SIGNUP_REQUESTED("phonegate.signup.requested.v1", Topics.SIGNUP_REQUESTED, SignupRequested.class),
    SIGNUP_REQUESTED_V2("phonegate.signup.requested.v2", Topics.SIGNUP_REQUESTED, SignupRequestedV2.class),
    SIGNUP_COMPLETED("phonegate.signup.completed.v1", Topics.SIGNUP_COMPLETED, SignupCompleted.class),
    OTP_REQUESTED("phonegate.otp.requested.v1", Topics.OTP_REQUESTED, OtpRequested.class),
    OTP_DELIVERY_REPORTED("phonegate.otp.delivery.reported.v1", Topics.OTP_DELIVERY, OtpDeliveryReported.class),
    USER_REAPED("phonegate.user.reaped.v1", Topics.USER_REAPED, UserReaped.class);

    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::eventClass, Function.identity()));

    private final String type;
    private final String topic;
    private final Class<? extends PhonegateEvent> eventClass;

    EventType(String type, String topic, Class<? extends PhonegateEvent> eventClass) {
        this.type = type;
        this.topic = topic;
        this.eventClass = eventClass;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends PhonegateEvent> eventClass() {
        return eventClass;
    }

    /** The type for a {@code ce_type} value; empty for types this version does not know. */
    public static Optional<EventType> fromType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }

    public static EventType of(PhonegateEvent event) {
        return BY_CLASS.get(event.getClass());
    }
}
