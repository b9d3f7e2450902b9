package io.phonegate.gateway.web;

import io.phonegate.gateway.support.GatewayHttp;
import io.phonegate.gateway.support.GatewayInstance;
import io.phonegate.gateway.support.Phones;
import io.phonegate.testsupport.kafka.RealKafka;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 220 connections that send their headers and then a byte of body every two seconds (more than the
 * public connector's 200 threads, as in the issue): liveness on the management port answers within a
 * second all along, every slow body is cut off with {@code 408} (or refused with {@code 429} before its
 * body is read) within bounded time, and the API answers again once they are. The gateway trusts this
 * machine as its proxy, so each connection can name a client address of its own, as a spread-out
 * attack would come from many.
 */
@RealKafka
@RealRedis
class SlowBodyTest {

    private static final int CONNECTIONS = 220;
    private static final Duration TRICKLE_EVERY = Duration.ofSeconds(2);
    /** body-read-timeout (5 s) plus one wait for a byte plus a queue behind 200 busy threads, on a loaded machine. */
    private static final Duration ALL_CUT_OFF_WITHIN = Duration.ofSeconds(40);
    private static final Duration LIVENESS_WITHIN = Duration.ofSeconds(1);

    /** The attack and the probes each on a thread of their own, never queued behind each other in a shared pool. */
    private static final Executor OWN_THREAD = task -> new Thread(task, "slow-body-test").start();

    private static GatewayInstance gateway;
    private final HttpClient probes = HttpClient.newBuilder().connectTimeout(LIVENESS_WITHIN).build();

    @BeforeAll
    static void start() {
        gateway = GatewayInstance.start(
                "phonegate.gateway.client-ip.trusted-proxies=127.0.0.0/8",
                "phonegate.gateway.limits.resend-cooldown=0s");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void slowBodiesFromManyAddressesAreCutOffWhileLivenessKeepsAnswering() throws Exception {
        Attack attack = Attack.open(gateway.port(), i -> "198.51.100." + i);
        Liveness liveness = watchLiveness(attack);
        long apiMillis = timeOneStart();

        attack.awaitAllAnswered(ALL_CUT_OFF_WITHIN);
        liveness.stop();

        System.out.printf("slow bodies: %d answered %s, last after %d ms; liveness max %d ms over %d probes; "
                        + "a start during the attack took %d ms%n",
                CONNECTIONS, attack.statusCounts(), attack.lastAnswerMillis(), liveness.maxMillis(), liveness.probes(),
                apiMillis);
        assertThat(liveness.failures()).as("liveness probes slower than %s or failed", LIVENESS_WITHIN).isZero();
        assertThat(liveness.probes()).isGreaterThan(5);
        assertThat(attack.statuses()).as("every slow body is answered 408 and closed").containsOnly(408);
        assertThat(gateway.http().postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", Phones.fresh()))).status())
                .isEqualTo(202);
    }

    @Test
    void slowBodiesFromOneAddressBeyondItsAllowanceAreRefusedBeforeTheirBodyIsRead() throws Exception {
        Attack attack = Attack.open(gateway.port(), i -> "192.0.2.77");
        Liveness liveness = watchLiveness(attack);

        attack.awaitAllAnswered(ALL_CUT_OFF_WITHIN);
        liveness.stop();

        System.out.printf("slow bodies from one address: %s; liveness max %d ms over %d probes%n",
                attack.statusCounts(), liveness.maxMillis(), liveness.probes());
        assertThat(liveness.failures()).isZero();
        // The default allowance is 60 a minute (one more each second while the connections open): the
        // rest never had a body read, and were answered at once.
        assertThat(attack.statuses()).containsOnly(408, 429);
        assertThat(attack.statuses().stream().filter(status -> status == 429).count()).isGreaterThanOrEqualTo(CONNECTIONS - 70);
        assertThat(attack.millisOfFirst(429)).as("refusals come before any deadline").isLessThan(5_000);
    }

    /** A normal start while the slow bodies hold the connector's threads: printed, not judged. */
    private long timeOneStart() {
        long began = System.nanoTime();
        gateway.http().postJson("/v1/auth/start", GatewayHttp.json(Map.of("phone", Phones.fresh())));
        return Duration.ofNanos(System.nanoTime() - began).toMillis();
    }

    private Liveness watchLiveness(Attack attack) {
        Liveness liveness = new Liveness();
        liveness.task = CompletableFuture.runAsync(() -> {
            URI uri = URI.create("http://127.0.0.1:" + gateway.managementPort() + "/actuator/health/liveness");
            while (!liveness.stopped && !attack.allAnswered()) {
                long began = System.nanoTime();
                boolean ok;
                try {
                    ok = probes.send(HttpRequest.newBuilder(uri).timeout(LIVENESS_WITHIN).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    ok = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long millis = Duration.ofNanos(System.nanoTime() - began).toMillis();
                liveness.record(ok && millis <= LIVENESS_WITHIN.toMillis(), millis);
                sleep(250);
            }
        }, OWN_THREAD);
        return liveness;
    }

    private static final class Liveness {
        private volatile boolean stopped;
        private CompletableFuture<Void> task;
        private int probes;
        private int failures;
        private long maxMillis;

        synchronized void record(boolean ok, long millis) {
            probes++;
            failures += ok ? 0 : 1;
            maxMillis = Math.max(maxMillis, millis);
        }

        void stop() {
            stopped = true;
            task.join();
        }

        synchronized int probes() {
            return probes;
        }

        synchronized int failures() {
            return failures;
        }

        synchronized long maxMillis() {
            return maxMillis;
        }
    }

    /** The slow connections: one selector thread writes their bytes and notes when each is answered. */
    private static final class Attack {
        private final List<SocketChannel> channels = new ArrayList<>();
        private final int[] statuses = new int[CONNECTIONS];
        private final long[] answeredMillis = new long[CONNECTIONS];
        private final long began = System.nanoTime();
        private final AtomicLong answered = new AtomicLong();
        private final Selector selector;
        private final CompletableFuture<Void> loop;

        private Attack(int port, IntFunction<String> forwardedFor) throws IOException {
            selector = Selector.open();
            for (int i = 0; i < CONNECTIONS; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                String head = "POST /v1/auth/start HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "X-Forwarded-For: " + forwardedFor.apply(i) + "\r\nContent-Length: 1000\r\n\r\n{";
                channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, i);
                channels.add(channel);
            }
            loop = CompletableFuture.runAsync(this::run, OWN_THREAD);
        }

        static Attack open(int port, IntFunction<String> forwardedFor) throws IOException {
            return new Attack(port, forwardedFor);
        }

        private void run() {
            long nextTrickle = System.nanoTime() + TRICKLE_EVERY.toNanos();
            try (selector) {
                while (!allAnswered() && elapsed().compareTo(ALL_CUT_OFF_WITHIN) < 0) {
                    selector.select(200);
                    for (SelectionKey key : selector.selectedKeys()) {
                        noteAnswer((SocketChannel) key.channel(), (Integer) key.attachment(), key);
                    }
                    selector.selectedKeys().clear();
                    if (System.nanoTime() - nextTrickle >= 0) {
                        trickle();
                        nextTrickle += TRICKLE_EVERY.toNanos();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                channels.forEach(Attack::closeQuietly);
            }
        }

        private void noteAnswer(SocketChannel channel, int index, SelectionKey key) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            int read;
            try {
                read = channel.read(buffer);
            } catch (IOException e) {
                read = -1;
            }
            if (statuses[index] == 0) {
                String start = new String(buffer.array(), 0, Math.max(0, buffer.position()), StandardCharsets.ISO_8859_1);
                statuses[index] = start.startsWith("HTTP/1.1 ") ? Integer.parseInt(start.substring(9, 12)) : -1;
                answeredMillis[index] = elapsed().toMillis();
                answered.incrementAndGet();
            }
            if (read < 0) {
                key.cancel();
                closeQuietly(channel);
            }
        }

        private void trickle() {
            for (int i = 0; i < channels.size(); i++) {
                if (statuses[i] == 0) {
                    try {
                        channels.get(i).write(ByteBuffer.wrap(new byte[] {' '}));
                    } catch (IOException e) {
                        // closed by the server; its answer is noted by the selector
                    }
                }
            }
        }

        boolean allAnswered() {
            return answered.get() >= CONNECTIONS;
        }

        void awaitAllAnswered(Duration within) {
            loop.join();
            assertThat(answered.get()).as("slow connections answered within %s", within).isEqualTo(CONNECTIONS);
        }

        List<Integer> statuses() {
            List<Integer> all = new ArrayList<>();
            for (int status : statuses) {
                all.add(status);
            }
            return all;
        }

        Map<Integer, Long> statusCounts() {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses().forEach(status -> counts.merge(status, 1L, Long::sum));
            return counts;
        }

        long lastAnswerMillis() {
            long last = 0;
            for (long millis : answeredMillis) {
                last = Math.max(last, millis);
            }
            return last;
        }

        long millisOfFirst(int status) {
            long first = Long.MAX_VALUE;
            for (int i = 0; i < CONNECTIONS; i++) {
                if (statuses[i] == status) {
                    first = Math.min(first, answeredMillis[i]);
                }
            }
            return first;
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - began);
        }

        private static void closeQuietly(SocketChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
