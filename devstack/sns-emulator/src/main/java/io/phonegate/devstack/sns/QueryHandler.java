package io.phonegate.devstack.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** {@code POST /}: the AWS Query endpoint. {@code GET /}: the human page. */
final class QueryHandler implements HttpHandler {

    private final PublishAction publish;
    private final AtomicReference<Faults> faults;
    private final InboxPage page;

    QueryHandler(PublishAction publish, AtomicReference<Faults> faults, InboxPage page) {
        this.publish = publish;
        this.faults = faults;
        this.page = page;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            Http.problem(exchange, 404, "Not Found", "nothing at " + exchange.getRequestURI().getPath()
                    + "; the AWS Query endpoint is POST /, the inbox GET /_inbox, the faults POST /_faults");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET", "HEAD" -> Http.send(exchange, 200, "text/html; charset=utf-8", page.render());
            case "POST" -> query(exchange);
            default -> Http.methodNotAllowed(exchange, "GET, POST");
        }
    }

    private void query(HttpExchange exchange) throws IOException {
        Map<String, String> params = FormData.parse(Http.body(exchange));
        String requestId = UUID.randomUUID().toString();
        String action = params.getOrDefault("Action", "");
        PublishAction.Result result = "Publish".equals(action)
                ? publish.publish(params)
                : new PublishAction.Result(null, SnsError.invalidAction(action.isEmpty() ? "(none)" : action));
        delay(faults.get().latencyMs());
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (result.error() == null) {
            Http.send(exchange, 200, "text/xml", QueryXml.publishResponse(result.messageId(), requestId));
        } else {
            Http.send(exchange, result.error().status(), "text/xml", QueryXml.errorResponse(result.error(), requestId));
        }
    }

    private static void delay(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            // The server is stopping: answer at once.
            Thread.currentThread().interrupt();
        }
    }
}
