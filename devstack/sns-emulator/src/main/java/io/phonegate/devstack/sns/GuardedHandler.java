package io.phonegate.devstack.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns a bad request into a 400 problem and anything unexpected into a 500 problem without a stack trace. */
final class GuardedHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(GuardedHandler.class.getName());

    private final HttpHandler delegate;

    GuardedHandler(HttpHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            delegate.handle(exchange);
        } catch (Http.BadRequest e) {
            Http.problem(exchange, 400, "Bad Request", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SNS emulator failed on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath(), e);
            Http.problem(exchange, 500, "Internal Server Error", "the emulator failed: " + e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }
}
