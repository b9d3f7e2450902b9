package io.phonegate.gateway.problem;

import io.phonegate.gateway.config.GatewayProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads every request body before anything parses it, within bounds of size and time: above the
 * configured size it answers {@code 413}, whether announced by {@code Content-Length} or streamed in
 * chunks; a body that has not fully arrived within {@code body-read-timeout} (or stalls for Tomcat's
 * {@code connection-timeout} between two reads) gets {@code 408}. Either way the connection is closed,
 * so a slow or endless body holds a thread for a bounded time only. Bodies within bounds are read once
 * into memory (they are a few hundred bytes) and replayed to the handler.
 *
 * <p>Runs after the per-address limit, which refuses a request before its body is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyFilter extends OncePerRequestFilter {

    /** What is read of an oversized body so its sender sees the 413 (as Tomcat's own default swallow). */
    private static final long DISCARD_AT_MOST = 2L * 1024 * 1024;

    private final int maxBytes;
    private final long readNanos;
    private final JsonMapper jsonMapper;

    RequestBodyFilter(GatewayProperties properties, JsonMapper jsonMapper) {
        this.maxBytes = (int) properties.maxBodySize().toBytes();
        this.readNanos = properties.bodyReadTimeout().toNanos();
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long deadline = System.nanoTime() + readNanos;
        long announced = request.getContentLengthLong();
        if (announced > maxBytes) {
            discardWithin(request.getInputStream(), announced, deadline);
            refuse(request, response, Problem.PAYLOAD_TOO_LARGE, "request bodies are limited to " + maxBytes + " bytes");
            return;
        }
        byte[] body;
        try {
            body = readWithin(request.getInputStream(), maxBytes + 1, deadline);
        } catch (IOException slowOrGone) {
            // A read that stalled past the connection timeout, a body past its deadline, or a client that left.
            refuse(request, response, Problem.REQUEST_TIMEOUT,
                    "the request body must arrive within " + Duration.ofNanos(readNanos).toMillis() + " ms");
            return;
        }
        if (body.length > maxBytes) {
            discardWithin(request.getInputStream(), DISCARD_AT_MOST, deadline);
            refuse(request, response, Problem.PAYLOAD_TOO_LARGE, "request bodies are limited to " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** Up to {@code limit} bytes, or fewer at the end of the body. */
    private static byte[] readWithin(InputStream in, int limit, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 1024));
        byte[] buffer = new byte[1024];
        while (body.size() < limit) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("body not read within its deadline");
            }
            int read = in.read(buffer, 0, Math.min(buffer.length, limit - body.size()));
            if (read < 0) {
                break;
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    /**
     * Reads and drops what is left of a refused body while it arrives quickly, so the client, still
     * sending, gets to read the answer. A larger or slower rest is left unread: the connection closes.
     */
    private static void discardWithin(InputStream in, long atMost, long deadline) {
        if (atMost > DISCARD_AT_MOST) {
            return;
        }
        byte[] buffer = new byte[8192];
        long left = atMost;
        try {
            while (left > 0 && System.nanoTime() - deadline < 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    return;
                }
                left -= read;
            }
        } catch (IOException e) {
            // The client stopped sending or left: nothing more to drop.
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Problem problem, String detail) {
        // Whatever is left of the body is not read: the connection is closed instead.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        try {
            ProblemResponses.write(request, response, new ApiProblem(problem, detail), jsonMapper);
        } catch (IOException e) {
            // The client is gone: no one to answer.
        }
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("bodies are read synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
