package io.phonegate.dispatcher.sms;

import com.sun.net.httpserver.HttpServer;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.dispatcher.TestSettings;
import io.phonegate.dispatcher.message.SmsTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form an AWS error answer can take, as SNS's wire format carries it, through the real SDK client: a
 * stub server answers each {@code Publish} with SNS's XML error body for the code and HTTP status under test.
 * Throttling in any of its forms is retried whatever the status; other 4xx are not.
 */
class SnsErrorFormsTest {

    private static final AtomicReference<String> ANSWER = new AtomicReference<>();
    private static HttpServer stub;
    private static SnsClient client;
    private static SnsSmsSender sender;

    @BeforeAll
    static void start() throws IOException {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String[] answer = ANSWER.get().split(" ");
            byte[] body = errorXml(answer[0]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(Integer.parseInt(answer[1]), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
        client = SnsSmsSenderTest.snsClient("http://127.0.0.1:" + stub.getAddress().getPort(), Duration.ofSeconds(5));
        sender = new SnsSmsSender(client, new CountrySenders(TestSettings.dispatcher(Map.of()), new SmsTemplates("localhost", null)));
    }

    @AfterAll
    static void stop() {
        client.close();
        stub.stop(0);
    }

    @ParameterizedTest(name = "{0} with HTTP {1} is {2}")
    @CsvSource({
            "Throttling, 400, THROTTLED",
            "Throttling, 500, THROTTLED",
            "ThrottlingException, 400, THROTTLED",
            "Throttled, 429, THROTTLED",
            "Throttled, 400, THROTTLED",
            "ThrottledException, 400, THROTTLED",
            "KMSThrottling, 400, THROTTLED",
            "KMSThrottlingException, 400, THROTTLED",
            "TooManyRequestsException, 400, THROTTLED",
            "RequestLimitExceeded, 400, THROTTLED",
            "SlowDown, 503, THROTTLED",
            "SomethingNew, 429, THROTTLED",
            "InternalError, 500, TRANSIENT",
            "ServiceUnavailable, 503, TRANSIENT",
            "InvalidParameter, 400, PERMANENT",
            "ParameterValueInvalid, 400, PERMANENT",
            "AuthorizationError, 403, PERMANENT",
            "KMSDisabled, 400, PERMANENT",
            "OptedOut, 400, PERMANENT"})
    void errorIsClassifiedByItsCodeBeforeItsStatus(String code, int status, SendResult.Failure expected) {
        ANSWER.set(code + " " + status);

        SendResult result = sender.send(new Sms(PhoneNumber.ofE164("+919876543210"), "x",
                new TextForm("en", OtpPurpose.LOGIN, TextForm.Length.LONG)));

        assertThat(result).isEqualTo(new SendResult.Refused(expected, code));
    }

    /** SNS's AWS Query error body, as the shared wire facts give it. */
    private static String errorXml(String code) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>Rate exceeded</Message></Error>"
                + "<RequestId>5e6f7a8b-0000-0000-0000-000000000000</RequestId></ErrorResponse>";
    }
}
