package io.phonegate.common.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    static List<PhonegateEvent> events() {
        return SampleEvents.all();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventSurvivesTheJsonRoundTrip(PhonegateEvent event) {
        assertThat(codec.fromJson(codec.toJson(event), event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventIsDecodedByItsCloudEventsType(PhonegateEvent event) {
        Map<String, byte[]> headers = codec.headers(event, "/phonegate/test");
        assertThat(codec.decode(headers, codec.toJson(event))).contains(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void unknownFieldsAreIgnored(PhonegateEvent event) {
        String json = new String(codec.toJson(event), StandardCharsets.UTF_8);
        String newer = "{\"addedInV1_1\":{\"nested\":[1,2,3]},\"flag\":true," + json.substring(1);
        assertThat(codec.fromJson(newer.getBytes(StandardCharsets.UTF_8), event.getClass())).isEqualTo(event);
    }

    @Test
    void headersFollowTheCloudEventsKafkaBinding() {
        Map<String, byte[]> headers = codec.headers(SampleEvents.OTP_REQUESTED, "/phonegate/auth-gateway");
        assertThat(text(headers, "ce_id")).isEqualTo(SampleEvents.OTP_REQUESTED.eventId().toString());
        assertThat(text(headers, "ce_type")).isEqualTo("phonegate.otp.requested.v1");
        assertThat(text(headers, "ce_source")).isEqualTo("/phonegate/auth-gateway");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-11-24T10:15:30.123456789Z");
        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void timesAreIsoStringsAndPhonesAreE164OnTheWire() {
        String json = new String(codec.toJson(SampleEvents.OTP_REQUESTED), StandardCharsets.UTF_8);
        assertThat(json).contains("\"occurredAt\":\"2026-11-24T10:15:30.123456789Z\"")
                .contains("\"phone\":\"+919876543210\"")
                .contains("\"purpose\":\"SIGNUP\"");
    }

    @Test
    void everyTypeNameCarriesAVersion() {
        for (EventType type : EventType.values()) {
            assertThat(type.type()).startsWith("phonegate.").matches(".*\\.v[0-9]+$");
        }
    }

    @Test
    void unknownTypeIsSkippedNotFailed() {
        Map<String, Object> headers = new HashMap<>(codec.headers(SampleEvents.SIGNUP_REQUESTED, "/x"));
        headers.put("ce_type", "phonegate.signup.requested.v9");
        assertThat(codec.decode(headers, "{\"whatever\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Optional.empty());
    }

    @Test
    void bothVersionsOfSignupRequestedShareTheTopicAndEachDecodesByItsType() {
        assertThat(EventType.of(SampleEvents.SIGNUP_REQUESTED).topic())
                .isEqualTo(EventType.of(SampleEvents.SIGNUP_REQUESTED_V2).topic())
                .isEqualTo(Topics.SIGNUP_REQUESTED);
        Map<String, byte[]> v1 = codec.headers(SampleEvents.SIGNUP_REQUESTED, "/x");
        Map<String, byte[]> v2 = codec.headers(SampleEvents.SIGNUP_REQUESTED_V2, "/x");
        assertThat(text(v1, "ce_type")).isEqualTo("phonegate.signup.requested.v1");
        assertThat(text(v2, "ce_type")).isEqualTo("phonegate.signup.requested.v2");
        assertThat(codec.decode(v1, codec.toJson(SampleEvents.SIGNUP_REQUESTED))).contains(SampleEvents.SIGNUP_REQUESTED);
        assertThat(codec.decode(v2, codec.toJson(SampleEvents.SIGNUP_REQUESTED_V2)))
                .contains(SampleEvents.SIGNUP_REQUESTED_V2);
    }

    @Test
    void anAnnouncementHasNoSubBecauseTheUserDoesNotExistYet() {
        String json = new String(codec.toJson(SampleEvents.SIGNUP_REQUESTED_V2), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("userSub");
        String v1Body = new String(codec.toJson(SampleEvents.SIGNUP_REQUESTED), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.fromJson(v1Body.replaceAll("\"userSub\":\"[^\"]+\"", "\"x\":1")
                .getBytes(StandardCharsets.UTF_8), SignupRequested.class))
                .as("v1 is not changed: its sub stays required").hasMessageContaining("userSub is required");
    }

    @Test
    void headerValuesMayArriveAsStrings() {
        Map<String, Object> headers = Map.of("ce_type", "phonegate.user.reaped.v1");
        assertThat(codec.decode(headers, codec.toJson(SampleEvents.USER_REAPED))).contains(SampleEvents.USER_REAPED);
    }

    @Test
    void missingTypeHeaderIsAnError() {
        assertThatThrownBy(() -> codec.decode(Map.of(), codec.toJson(SampleEvents.USER_REAPED)))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("ce_type");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        String json = new String(codec.toJson(SampleEvents.OTP_REQUESTED), StandardCharsets.UTF_8)
                .replaceAll("\"phone\":\"[^\"]+\",", "");
        assertThatThrownBy(() -> codec.fromJson(json.getBytes(StandardCharsets.UTF_8), OtpRequested.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("OtpRequested")
                .hasMessageContaining("phone is required");
    }

    @Test
    void eachRequiredFieldOfEachEventIsEnforced() {
        for (PhonegateEvent event : SampleEvents.all()) {
            String json = new String(codec.toJson(event), StandardCharsets.UTF_8);
            for (String field : List.of("eventId", "occurredAt")) {
                String without = json.replaceAll("\"" + field + "\":\"[^\"]+\",?", "");
                assertThatThrownBy(() -> codec.fromJson(without.getBytes(StandardCharsets.UTF_8), event.getClass()))
                        .isInstanceOf(EventDecodingException.class).hasMessageContaining(field + " is required");
            }
        }
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        String json = "{\"eventId\":\"9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b\",\"occurredAt\":\"2026-11-24T10:15:30Z\","
                + "\"requestEventId\":\"c2d4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e1f\",\"phone\":\"+919876543210\","
                + "\"challengeId\":\"ch-1\",\"outcome\":\"EXPIRED\",\"attempts\":0}";
        OtpDeliveryReported report = codec.fromJson(json.getBytes(StandardCharsets.UTF_8), OtpDeliveryReported.class);
        assertThat(report.providerMessageId()).isNull();
        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.EXPIRED);
    }

    @Test
    void missingLocaleDefaultsToEnglish() {
        String json = new String(codec.toJson(SampleEvents.OTP_REQUESTED), StandardCharsets.UTF_8)
                .replace("\"locale\":\"hi\",", "");
        assertThat(codec.fromJson(json.getBytes(StandardCharsets.UTF_8), OtpRequested.class).locale()).isEqualTo("en");
    }

    @Test
    void wrongTypesAndBadValuesAreErrorsNotSurprises() {
        List<String> bad = List.of(
                "not json",
                "[]",
                "{\"eventId\":42}",
                new String(codec.toJson(SampleEvents.OTP_REQUESTED), StandardCharsets.UTF_8).replace("SIGNUP", "BOGUS"),
                new String(codec.toJson(SampleEvents.OTP_REQUESTED), StandardCharsets.UTF_8).replace("+919876543210", "12345"),
                new String(codec.toJson(SampleEvents.OTP_REQUESTED), StandardCharsets.UTF_8).replace("2026-11-24T10:15:30.123456789Z", "yesterday"));
        for (String json : bad) {
            assertThatThrownBy(() -> codec.fromJson(json.getBytes(StandardCharsets.UTF_8), OtpRequested.class))
                    .as(json).isInstanceOf(EventDecodingException.class).hasMessageStartingWith("invalid OtpRequested: ");
        }
        assertThatThrownBy(() -> codec.fromJson(new byte[0], OtpRequested.class)).isInstanceOf(EventDecodingException.class);
    }

    @Test
    void otpRequestedNeverPrintsItsSealedCodeOrFullNumber() {
        assertThat(SampleEvents.OTP_REQUESTED.toString())
                .doesNotContain(SampleEvents.OTP_REQUESTED.sealedCode())
                .doesNotContain("9876543210")
                .contains("+91******3210");
    }

    @Test
    void recordKeyIsTheE164Number() {
        for (PhonegateEvent event : SampleEvents.all()) {
            assertThat(event.partitionKey()).isEqualTo("+919876543210");
        }
    }

    private static String text(Map<String, byte[]> headers, String name) {
        return EventCodec.headerText(headers.get(name));
    }
}
