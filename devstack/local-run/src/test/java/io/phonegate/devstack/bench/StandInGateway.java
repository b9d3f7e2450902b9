package io.phonegate.devstack.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in gateway on a free loopback port for the load driver's tests: each test routes its own answers. Closing
 * it stops the server and its threads, so none outlives the test.
 */
final class StandInGateway implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;

    /** Serves {@code routes} (path → handler) until closed. */
    StandInGateway(Map<String, HttpHandler> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        // Made once the port is bound: a failed bind leaves no pool behind.
        threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        routes.forEach(server::createContext);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The request's body as text. */
    static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
