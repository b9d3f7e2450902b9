package io.phonegate.devstack.bench;

import io.phonegate.devstack.faults.LoadDriver;
import io.phonegate.devstack.sns.SmsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The benchmark's log-ins ({@code --returning}), against a stand-in gateway that knows one code. */
class LoginsTest {

    private static final String GOOD_CODE = "123456";

    private StandInGateway server;
    private final List<String> verifyBodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Starts answer 202 with a challenge named after the number; verifies answer 200 for the good code, else 400. */
    private URI gateway() throws IOException {
        server = new StandInGateway(Map.of("/v1/auth/start", exchange -> {
            String phone = StandInGateway.body(exchange).replaceAll(".*\"phone\":\"([^\"]+)\".*", "$1");
            byte[] answer = ("{\"challenge\":\"c-" + phone + "\",\"codeLength\":6}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        }, "/v1/auth/verify", exchange -> {
            String body = StandInGateway.body(exchange);
            verifyBodies.add(body);
            boolean good = body.contains("\"code\":\"" + GOOD_CODE + "\"");
            byte[] answer = (good ? "{\"idToken\":\"x\",\"expiresIn\":3600}"
                    : "{\"type\":\"https://phonegate.io/problems/wrong-code\",\"status\":400,\"challenge\":\"next\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", good ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(good ? 200 : 400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        }));
        return server.uri();
    }

    @Test
    void eachAcceptedStartIsAnsweredWithItsSmsCodeAndOnlyNumbersThatLoggedInReturn() throws Exception {
        URI gateway = gateway();
        SocketStarts sockets = new SocketStarts(Duration.ofSeconds(5));
        Logins logins = new Logins(List.of(gateway), sockets);
        LoadDriver.Start good = sockets.start(gateway, "+919000000001").get(10, TimeUnit.SECONDS);
        LoadDriver.Start wrong = sockets.start(gateway, "+919000000002").get(10, TimeUnit.SECONDS);
        LoadDriver.Start noSms = sockets.start(gateway, "+919000000003").get(10, TimeUnit.SECONDS);
        LoadDriver.Start refused = new LoadDriver.Start("+919000000004", Instant.now(), Instant.now(), 503, "busy");
        Map<String, SmsMessage> sms = Map.of(
                good.phone(), sms(good.phone(), GOOD_CODE),
                wrong.phone(), sms(wrong.phone(), "654321"),
                refused.phone(), sms(refused.phone(), GOOD_CODE));

        List<LoadDriver.Start> verifies = logins.verify(List.of(good, wrong, noSms, refused), sms, 100);

        assertThat(good.challenge()).isEqualTo("c-+919000000001");
        assertThat(verifyBodies).containsExactlyInAnyOrder(
                "{\"phone\":\"+919000000001\",\"challenge\":\"c-+919000000001\",\"code\":\"123456\"}",
                "{\"phone\":\"+919000000002\",\"challenge\":\"c-+919000000002\",\"code\":\"654321\"}");
        assertThat(verifies).extracting(LoadDriver.Start::phone, LoadDriver.Start::status, LoadDriver.Start::failure)
                .containsExactlyInAnyOrder(tuple("+919000000001", 200, null),
                        tuple("+919000000002", 400, "wrong-code"));
        assertThat(logins.returningNumbers()).isEqualTo(1);
    }

    @Test
    void aRateTakesReturningNumbersInTheShareAskedEachOnceWhileThereAreEnough() throws Exception {
        URI gateway = gateway();
        SocketStarts sockets = new SocketStarts(Duration.ofSeconds(5));
        Logins logins = new Logins(List.of(gateway), sockets);
        List<LoadDriver.Start> starts = new ArrayList<>();
        Map<String, SmsMessage> sms = new ConcurrentHashMap<>();
        for (int i = 0; i < 8; i++) {
            LoadDriver.Start start = sockets.start(gateway, "+91900000010" + i).get(10, TimeUnit.SECONDS);
            starts.add(start);
            sms.put(start.phone(), sms(start.phone(), GOOD_CODE));
        }
        logins.verify(starts, sms, 200);
        int[] fresh = {0};
        Supplier<String> mixed = logins.mix(() -> "+91800000000" + fresh[0]++, 0.8);

        List<String> numbers = IntStream.range(0, 10).mapToObj(i -> mixed.get()).toList();

        assertThat(numbers.stream().filter(n -> n.startsWith("+919"))).hasSize(8).doesNotHaveDuplicates();
        assertThat(numbers.stream().filter(n -> n.startsWith("+918"))).hasSize(2);
        // Spread evenly: one new number in every five, not all at the end.
        assertThat(numbers.subList(0, 5).stream().filter(n -> n.startsWith("+918"))).hasSize(1);
        assertThat(logins.mix(() -> "new", 1.0).get()).startsWith("+919");
        assertThat(new Logins(List.of(gateway), sockets).mix(() -> "new", 1.0).get())
                .as("no number has logged in yet: a new one").isEqualTo("new");
    }

    private static SmsMessage sms(String phone, String code) {
        return new SmsMessage(phone, "Your code is " + code + ".\n\n@localhost #" + code, "m-" + phone, Instant.now(), Map.of());
    }
}
