package io.phonegate.dispatcher.claim;

import io.phonegate.common.event.DeliveryOutcome;
import io.phonegate.dispatcher.report.DeliveryReports.Outcome;

/**
 * An outcome as the claim keeps it: {@code OUTCOME\nattempts\nproviderMessageId\nreason}, empty
 * for an absent value. The reason is last and may hold anything but is never the code.
 */
final class SettledOutcome {

    private SettledOutcome() {
    }

    static String write(Outcome outcome) {
        return outcome.outcome().name() + '\n' + outcome.attempts() + '\n' + orEmpty(outcome.providerMessageId()) + '\n'
                + orEmpty(outcome.reason());
    }

    /** @throws IllegalArgumentException when the text is not one {@link #write} made */
    static Outcome read(String text) {
        String[] parts = text.split("\n", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a settled outcome: " + parts.length + " parts");
        }
        return new Outcome(DeliveryOutcome.valueOf(parts[0]), Integer.parseInt(parts[1]), orNull(parts[2]), orNull(parts[3]));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
