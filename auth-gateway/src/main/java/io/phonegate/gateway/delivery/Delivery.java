package io.phonegate.gateway.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * What the shared store keeps of a dispatcher's report on one challenge: sent, or failed and why; and
 * when a gateway wrote it down (the moment its status changed for every client).
 *
 * @param failure {@code null} when the text was sent
 */
record Delivery(FailureReason failure, Instant recordedAt) {

    Delivery {
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    boolean sent() {
        return failure == null;
    }

    /** {@code sent|<recorded ms>} or {@code failed:<reason>|<recorded ms>}. */
    String text() {
        return (sent() ? "sent" : "failed:" + failure.slug()) + "|" + recordedAt.toEpochMilli();
    }

    /** @throws IllegalArgumentException for text {@link #text()} did not write */
    static Delivery parse(String text) {
        int bar = text.lastIndexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("not a delivery: " + text);
        }
        String what = text.substring(0, bar);
        Instant at = Instant.ofEpochMilli(Long.parseLong(text.substring(bar + 1)));
        if (what.equals("sent")) {
            return new Delivery(null, at);
        }
        if (what.startsWith("failed:")) {
            return new Delivery(FailureReason.ofSlug(what.substring("failed:".length()))
                    .orElse(FailureReason.NOT_SENT), at);
        }
        throw new IllegalArgumentException("not a delivery: " + text);
    }
}
