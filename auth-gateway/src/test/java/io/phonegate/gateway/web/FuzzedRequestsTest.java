package io.phonegate.gateway.web;

import io.phonegate.gateway.support.GatewayIntegrationTest;
import io.phonegate.gateway.support.Phones;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few thousand random and malformed requests over raw HTTP/1.1 (wrong JSON, huge strings,
 * control characters, odd Unicode, wrong methods, media types and headers): none may get a 5xx.
 * Seeded, so a failure repeats; the seed and the offending request are in the failure message.
 */
class FuzzedRequestsTest extends GatewayIntegrationTest {

    private static final int REQUESTS = 3000;
    /** Below the learned bound's floor on requests in progress (4): none of these is refused as busy. */
    private static final int SENDERS = 3;
    private static final String[] PATHS = {"/v1/auth/start", "/v1/auth/verify", "/v1/auth/refresh",
            "/v1/auth/logout", "/v1/auth/", "/v1/auth/start/x", "/v1/auth/start?phone=1", "/v1/auth/%00", "/"};
    private static final String[] METHODS = {"POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH", "OPTIONS"};
    private static final String[] MEDIA_TYPES = {"application/json", "application/json", "application/json; charset=utf-8",
            "application/json; charset=latin1", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data", "*/*", "application/problem+json", "nonsense"};
    private static final String[] FIELDS = {"phone", "challenge", "code", "refreshToken", "locale", "extra", "",
            "ph\u0000one", "__proto__", "PHONE"};

    @Test
    void thousandsOfRandomAndMalformedRequestsNeverGet5xx() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // Made first from the seed, so a failure repeats however the senders interleave.
        List<Fuzzed> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(new Fuzzed(pick(random, METHODS), pick(random, PATHS), body(random), pick(random, MEDIA_TYPES)));
        }
        // A few senders at once: an accepted start is answered no sooner than its floor, and the rest need not queue behind it.
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<Integer>> answers;
        try {
            answers = senders.invokeAll(requests.stream().<Callable<Integer>>map(request -> () -> send(request.method(),
                    request.path(), request.mediaType(), request.body().getBytes(StandardCharsets.UTF_8))).toList());
        } finally {
            senders.shutdownNow();
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            int status = answers.get(i).get();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500 || status < 100) {
                Fuzzed request = requests.get(i);
                failures.add(status + " for " + request.method() + " " + request.path() + " " + request.mediaType() + " "
                        + abbreviate(request.body()));
            }
        }
        assertThat(failures).as("seed %d, statuses %s", seed, statuses).isEmpty();
        assertThat(statuses.keySet()).as("the fuzzing reached the flows, not only the parser").contains(202, 400);
    }

    private record Fuzzed(String method, String path, String body, String mediaType) {
    }

    private static String body(Random random) {
        List<Supplier<String>> shapes = List.of(
                () -> "{\"phone\":\"" + Phones.fresh() + "\"}",
                () -> "{\"phone\":" + value(random) + "}",
                () -> "{\"phone\":" + value(random) + ",\"challenge\":" + value(random) + ",\"code\":" + value(random) + "}",
                () -> "{\"refreshToken\":" + value(random) + "}",
                () -> object(random),
                () -> randomText(random, random.nextInt(200)),
                () -> randomText(random, 3000 + random.nextInt(3000)),
                () -> "",
                () -> "[" + value(random) + "]",
                () -> "{\"phone\":\"" + "9".repeat(random.nextInt(100_000)) + "\"}",
                () -> "{".repeat(random.nextInt(5000)),
                () -> "{\"phone\":\"+91\\u0000" + random.nextInt() + "\"}");
        return shapes.get(random.nextInt(shapes.size())).get();
    }

    private static String object(Random random) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(escape(pick(random, FIELDS))).append("\":").append(value(random));
        }
        return json.append('}').toString();
    }

    private static String value(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> String.valueOf(random.nextDouble() * 1e300);
            case 2 -> "null";
            case 3 -> "true";
            case 4 -> "[1,\"a\",{}]";
            case 5 -> "{\"nested\":{\"deeper\":[]}}";
            case 6 -> "\"" + escape(randomText(random, random.nextInt(40))) + "\"";
            case 7 -> "\"" + "A".repeat(random.nextInt(6000)) + "\"";
            case 8 -> "\"+" + random.nextInt(1000) + " " + random.nextInt(100000) + " " + random.nextInt(100000) + "\"";
            default -> "\"" + random.nextInt(1_000_000) + "\"";
        };
    }

    /** Any code points: controls, surrogate halves, bidi overrides, emoji, full-width digits. */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(6);
            int codePoint = switch (kind) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x5F);
                case 2 -> 0xD800 + random.nextInt(0x800);
                case 3 -> 0x202A + random.nextInt(5);
                case 4 -> 0x1F600 + random.nextInt(0x50);
                default -> 0xFF10 + random.nextInt(10);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Raw HTTP/1.1 over a socket, so nothing in a client library tidies the request up first. */
    private int send(String method, String path, String mediaType, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + mediaType
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may refuse an oversized body before reading it all; its answer is still there
            }
            return status(socket.getInputStream());
        }
    }

    private static int status(InputStream in) throws IOException {
        byte[] line = new byte[12];
        int read = in.readNBytes(line, 0, 12);
        String text = new String(line, 0, read, StandardCharsets.ISO_8859_1);
        return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " chars)" : text;
    }
}
