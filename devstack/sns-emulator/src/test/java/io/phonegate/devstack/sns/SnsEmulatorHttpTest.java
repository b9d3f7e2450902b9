package io.phonegate.devstack.sns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator's own HTTP surface: inbox, faults and the human page, as scripts and people use them. */
class SnsEmulatorHttpTest {

    private static final String PHONE = "+919876543210";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SnsEmulator emulator;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        emulator = SnsEmulator.start(SnsEmulatorSettings.onFreePort());
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.clearInbox();
        emulator.setFaults(Faults.NONE);
    }

    @Test
    void inboxAnswersTheNumbersMessagesNewestLastWithTheContractFields() throws Exception {
        publish(PHONE, "first");
        publish(PHONE, "second");
        publish("+14155550100", "someone else");

        HttpResponse<String> response = get("/_inbox?phone=" + PHONE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode inbox = JSON.readTree(response.body());
        assertThat(inbox.size()).isEqualTo(2);
        assertThat(inbox.get(0).propertyNames()).containsExactly("phone", "message", "messageId", "receivedAt", "attributes");
        assertThat(inbox.get(0).get("message").asString()).isEqualTo("first");
        assertThat(inbox.get(1).get("message").asString()).isEqualTo("second");
        assertThat(inbox.get(1).get("phone").asString()).isEqualTo(PHONE);
    }

    @Test
    void inboxAndPageShowTheAttributesSentWithEachMessageDltIdsIncluded() throws Exception {
        publish(PHONE, "123456 is your code", Map.of(SmsMessage.SMS_TYPE, "Transactional",
                SmsMessage.ENTITY_ID, "1101234567890123456", SmsMessage.TEMPLATE_ID, "1107234567890123456"));

        JsonNode attributes = JSON.readTree(get("/_inbox?phone=" + PHONE).body()).get(0).get("attributes");
        String page = get("/").body();

        assertThat(attributes.propertyNames()).containsExactly(SmsMessage.ENTITY_ID, SmsMessage.TEMPLATE_ID, SmsMessage.SMS_TYPE);
        assertThat(attributes.get(SmsMessage.TEMPLATE_ID).asString()).isEqualTo("1107234567890123456");
        assertThat(page).contains(SmsMessage.ENTITY_ID + "=1101234567890123456", SmsMessage.TEMPLATE_ID + "=1107234567890123456");
    }

    @Test
    void throttledPublishIsSnsThrottlingXmlWithStatus400() throws Exception {
        emulator.setFaults(Faults.throttling(PHONE));

        HttpResponse<String> response = post("/", "application/x-www-form-urlencoded",
                form(Map.of("Action", "Publish", "PhoneNumber", PHONE, "Message", "x")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>");
    }

    @Test
    void inboxAcceptsThePlusSignPercentEncodedToo() throws Exception {
        publish(PHONE, "hello");

        HttpResponse<String> response = get("/_inbox?phone=%2B919876543210");

        assertThat(JSON.readTree(response.body()).size()).isEqualTo(1);
    }

    @Test
    void deleteEmptiesTheInbox() throws Exception {
        publish(PHONE, "hello");

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri("/_inbox")).DELETE().build());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(emulator.allMessages()).isEmpty();
    }

    @Test
    void inboxWithAMalformedNumberIsAProblem() throws Exception {
        HttpResponse<String> response = get("/_inbox?phone=12345");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("E.164");
    }

    @Test
    void postedFaultsReplaceTheCurrentOnesWithMissingFieldsAtZero() throws Exception {
        emulator.setFaults(new Faults(0.5, 0.5, 10, java.util.Set.of(), java.util.Set.of("+14155550100")));

        HttpResponse<String> response = post("/_faults", "application/json",
                "{\"throttleRate\":0.3,\"latencyMs\":100,\"rejectNumbers\":[\"" + PHONE + "\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(emulator.faults()).isEqualTo(new Faults(0.3, 0, 100, java.util.Set.of(PHONE), java.util.Set.of()));
    }

    @Test
    void faultsWithAnUnknownFieldAreRefusedAndLeftUnchanged() throws Exception {
        HttpResponse<String> response = post("/_faults", "application/json", "{\"throttlerate\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("throttlerate");
        assertThat(emulator.faults()).isEqualTo(Faults.NONE);
    }

    @Test
    void faultsOutOfRangeAreRefused() throws Exception {
        HttpResponse<String> response = post("/_faults", "application/json", "{\"errorRate\":1.5}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("errorRate");
    }

    @Test
    void latencyFaultDelaysThePublishAnswer() throws Exception {
        emulator.setFaults(Faults.latency(300));

        long started = System.nanoTime();
        publish(PHONE, "slow");

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void humanPageListsMessagesNewestFirstAndEscapesThem() throws Exception {
        publish(PHONE, "older");
        publish(PHONE, "<script>alert(1)</script>");

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.body().indexOf("&lt;script&gt;")).isLessThan(page.body().indexOf("older"));
    }

    @Test
    void unknownActionIsAnXmlErrorAnswer() throws Exception {
        HttpResponse<String> response = post("/", "application/x-www-form-urlencoded", "Action=CreateTopic&Name=t");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidAction</Code>").contains("<Type>Sender</Type>");
    }

    private static void publish(String phone, String message) throws IOException, InterruptedException {
        publish(phone, message, Map.of());
    }

    /** A Publish as the SDKs encode it, with string {@code MessageAttributes}. */
    private static void publish(String phone, String message, Map<String, String> attributes) throws IOException, InterruptedException {
        Map<String, String> params = new java.util.LinkedHashMap<>(Map.of("Action", "Publish", "Version", "2010-03-31",
                "PhoneNumber", phone, "Message", message));
        int entry = 0;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String prefix = "MessageAttributes.entry." + (++entry) + ".";
            params.put(prefix + "Name", attribute.getKey());
            params.put(prefix + "Value.DataType", "String");
            params.put(prefix + "Value.StringValue", attribute.getValue());
        }
        String form = form(params);
        HttpResponse<String> response = post("/", "application/x-www-form-urlencoded; charset=utf-8", form);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">");
    }

    private static String form(Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(emulator.endpoint() + path);
    }
}
