package io.phonegate.testsupport.redis;

import io.phonegate.testsupport.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@RealRedis
class RedisServerTest {

    @Test
    void realRedisPublishesTheUrlOfARunningServer() {
        RedisServer server = RealRedisExtension.server();
        assertThat(server.isRunning()).isTrue();
        assertThat(System.getProperty(RealRedisExtension.URL_PROPERTY)).isEqualTo(server.url());
        assertThat(accepts(server.port())).isTrue();
    }

    @Test
    void aKilledServerComesBackOnTheSamePortWithItsData(@TempDir Path dir) throws IOException {
        try (RedisServer server = RedisServer.start(FreePorts.next(), dir.resolve("redis.log"))) {
            long firstPid = server.pid();
            assertThat(send(server.port(), "SET", "kept", "yes")).isEqualTo("+OK");
            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThat(accepts(server.port())).isFalse();

            server.restart();
            assertThat(server.pid()).isNotEqualTo(firstPid);
            assertThat(send(server.port(), "GET", "kept")).isEqualTo("$3");
            server.flushAll();
        }
        try (RedisServer fresh = RedisServer.start(FreePorts.next(), dir.resolve("redis.log"))) {
            assertThat(send(fresh.port(), "GET", "kept")).as("a new server starts empty").isEqualTo("$-1");
        }
    }

    @Test
    void everyWriteItAcknowledgedSurvivesAKillRightAfterIt(@TempDir Path dir) throws IOException {
        try (RedisServer server = RedisServer.start(FreePorts.next(), dir.resolve("redis.log"))) {
            int writes = 500;
            for (int i = 0; i < writes; i++) {
                assertThat(send(server.port(), "SET", "mark-" + i, "1")).isEqualTo("+OK");
            }
            server.kill();
            server.restart();

            assertThat(send(server.port(), "DBSIZE")).as("no acknowledged write waits for a later sync").isEqualTo(":" + writes);
        }
    }

    /** One command in RESP; answers the reply's first line. */
    private static String send(int port, String... words) throws IOException {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder line = new StringBuilder();
            for (int b = socket.getInputStream().read(); b != '\r' && b != -1; b = socket.getInputStream().read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }

    @Test
    void isReadyOnlyOnceItsOwnProcessHasLoadedItsData() {
        String loading = "# Server\r\nredis_version:7.0.15\r\nprocess_id:42\r\n# Persistence\r\nloading:1\r\n"
                + "async_loading:0\r\n";
        String loaded = loading.replace("loading:1", "loading:0");
        assertThat(RedisServer.ready(loading, 42)).as("still loading, though async_loading:0").isFalse();
        assertThat(RedisServer.ready(loaded, 42)).isTrue();
        assertThat(RedisServer.ready(loaded, 4)).as("another process on the port").isFalse();
        assertThat(RedisServer.ready(loaded.replace("process_id:42", "process_id:142"), 42)).isFalse();
    }

    @Test
    void closingStopsTheServerAndItsWatchdog(@TempDir Path dir) {
        RedisServer server = RedisServer.start(FreePorts.next(), dir.resolve("redis.log"));
        ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
        server.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        assertThat(accepts(server.port())).isFalse();
    }

    @Test
    void aServerThatCannotStartSaysWhy(@TempDir Path dir) {
        try (RedisServer taken = RedisServer.start(FreePorts.next(), dir.resolve("first.log"))) {
            assertThatThrownBy(() -> RedisServer.start(taken.port(), dir.resolve("second.log")))
                    .hasMessageContaining("exited").hasMessageContaining("second.log");
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
