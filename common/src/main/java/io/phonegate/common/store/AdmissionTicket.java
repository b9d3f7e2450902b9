package io.phonegate.common.store;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway's word that it admitted one start, as it travels in {@code OtpRequested}: the
 * number's subject in the shared store and the id of the start's slot there. The gateway keeps
 * the slot in the number's starts ({@link #startsKey}) while the start stands and removes it when
 * the start fails after all — also when the request reached Kafka late, after the client was told
 * {@code 503}. Once the {@code 202} has left for the client, the gateway writes the start's answered
 * mark ({@link #answeredKey}). The dispatcher sends a code only while the slot is there and once the
 * mark is, so no SMS goes out for a start that was not answered {@code 202} (a gateway killed between
 * queueing the request and answering never writes the mark), and no injected event is texted.
 *
 * <p>Text form {@code <subject>.<slotId>}; both parts base64url.
 */
public record AdmissionTicket(String subject, String slotId) {

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern SLOT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public AdmissionTicket {
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("an admission's subject is 22 characters of base64url");
        }
        if (slotId == null || !SLOT_ID.matcher(slotId).matches()) {
            throw new IllegalArgumentException("an admission's slot id is 1-64 characters of base64url");
        }
    }

    /** The ticket in {@code text}, or empty when there is none or it is not one the gateway wrote. */
    public static Optional<AdmissionTicket> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AdmissionTicket(text.substring(0, dot), text.substring(dot + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The sorted set of a number's admitted starts in the last 24 hours: one member per slot id. */
    public static String startsKey(String subject) {
        return "phonegate:phone:{" + subject + "}:24h";
    }

    public String startsKey() {
        return startsKey(subject);
    }

    /**
     * Present once the start's {@code 202} was handed to the client; same hash slot as {@link #startsKey()}.
     * The gateway writes it, the dispatcher reads it before a first send.
     */
    public String answeredKey() {
        return "phonegate:start_answered:{" + subject + "}:" + slotId;
    }

    public String text() {
        return subject + "." + slotId;
    }
}
