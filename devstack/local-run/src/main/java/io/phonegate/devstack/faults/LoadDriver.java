package io.phonegate.devstack.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * An open-loop load of starts: one request every {@code 1/rate} seconds whatever the answers,
 * as real clients arrive, each for a number never used before, spread over the gateways in
 * turn as a load balancer without health checks would. Every request is kept with its answer.
 */
public final class LoadDriver {

    /**
     * One request as the client saw it. {@code status} 0: no answer (refused, reset or timed out); {@code failure}
     * the problem type of an answer that is not 2xx, or the client-side failure; {@code challenge} the handle a
     * {@code 202} carried, else {@code null}.
     */
    public record Start(String phone, Instant sentAt, Instant answeredAt, int status, String failure, String challenge) {

        public Start(String phone, Instant sentAt, Instant answeredAt, int status, String failure) {
            this(phone, sentAt, answeredAt, status, failure, null);
        }

        public boolean accepted() {
            return status == 202;
        }
    }

    /** How one start is sent and its answer kept; never throws, a failure is a {@link Start} with status 0. */
    @FunctionalInterface
    public interface Sender {
        CompletableFuture<Start> start(URI gateway, String phone);
    }

    private final List<URI> gateways;
    private final Sender sender;

    /** Starts sent with the JDK's HTTP client, as a client library would send them. */
    public LoadDriver(List<URI> gateways, Duration requestTimeout) {
        this(gateways, jdkClient(requestTimeout));
    }

    public LoadDriver(List<URI> gateways, Sender sender) {
        this.gateways = List.copyOf(gateways);
        this.sender = sender;
    }

    private static Sender jdkClient(Duration requestTimeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1))
                .executor(Executors.newFixedThreadPool(8, daemon("load-http"))).build();
        return (gateway, phone) -> start(http, requestTimeout, gateway, phone);
    }

    /** Sends starts at {@code rate} per second for {@code duration}, then waits for every answer. */
    public List<Start> run(Supplier<String> numbers, double rate, Duration duration) {
        int total = (int) Math.round(rate * duration.toMillis() / 1000.0);
        return run(numbers, rate, sent -> sent < total);
    }

    /**
     * Sends starts at {@code rate} per second as long as {@code more} says so (asked before each one, with how
     * many were sent), then waits for every answer.
     */
    public List<Start> run(Supplier<String> numbers, double rate, IntPredicate more) {
        ConcurrentLinkedQueue<CompletableFuture<Start>> inFlight = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("load-ticker"));
        long periodNanos = (long) (1_000_000_000L / rate);
        ticker.scheduleAtFixedRate(() -> {
            if (done.isDone()) {
                return;
            }
            try {
                int n = sent.get();
                if (more.test(n)) {
                    inFlight.add(sender.start(gateways.get(n % gateways.size()), numbers.get()));
                    sent.incrementAndGet();
                } else {
                    done.complete(null);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        try {
            done.join();
        } finally {
            ticker.shutdownNow();
        }
        List<Start> answers = new ArrayList<>();
        for (CompletableFuture<Start> answer : inFlight) {
            answers.add(answer.join());
        }
        return answers;
    }

    /** The body of a start for {@code phone}. */
    public static String startBody(String phone) {
        return "{\"phone\":\"" + phone + "\",\"locale\":\"en\"}";
    }

    /** One start, answered or not; never throws. */
    private static CompletableFuture<Start> start(HttpClient http, Duration requestTimeout, URI gateway, String phone) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/v1/auth/start"))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(startBody(phone)))
                .build();
        Instant sentAt = Instant.now();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> response != null
                        ? answered(phone, sentAt, Instant.now(), response.statusCode(), response.body())
                        : new Start(phone, sentAt, Instant.now(), 0, rootCause(error).getClass().getSimpleName()));
    }

    /** A request that was answered: a {@code 2xx} keeps the challenge handle it carried, any other its problem type. */
    public static Start answered(String phone, Instant sentAt, Instant answeredAt, int status, String body) {
        return status / 100 == 2 ? new Start(phone, sentAt, answeredAt, status, null, stringField(body, "challenge"))
                : new Start(phone, sentAt, answeredAt, status, problemType(body));
    }

    /**
     * A string field of an answer's flat JSON ({@code "name" : "value"}, the value without escapes, as the gateway's
     * handles are), or {@code null}: enough for a load driver, which must not spend the measured cores on a parser.
     */
    static String stringField(String json, String name) {
        String key = "\"" + name + "\"";
        for (int at = json.indexOf(key); at >= 0; at = json.indexOf(key, at + 1)) {
            int i = skipSpaces(json, at + key.length());
            if (i < json.length() && json.charAt(i) == ':') {
                i = skipSpaces(json, i + 1);
                int end = i < json.length() && json.charAt(i) == '"' ? json.indexOf('"', i + 1) : -1;
                return end < 0 ? null : json.substring(i + 1, end);
            }
        }
        return null;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** What a refusal's problem+json names as its type ("busy" for ".../problems/busy"), or "status". */
    public static String problemType(String body) {
        int at = body.indexOf("/problems/");
        if (at < 0) {
            return "status";
        }
        int end = body.indexOf('"', at);
        return body.substring(at + "/problems/".length(), end < 0 ? body.length() : end);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    public static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
