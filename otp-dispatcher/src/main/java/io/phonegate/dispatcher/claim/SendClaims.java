package io.phonegate.dispatcher.claim;

import io.phonegate.dispatcher.report.DeliveryReports.Outcome;

import java.time.Instant;

/**
 * The truth about which requests were handled, shared by every dispatcher instance: one claim per
 * challenge, taken before anything is sent, so a request redelivered after a crash, a restart or a
 * partition move is never texted twice and never reported twice.
 *
 * <p>A delivery {@link #claim claims} its request; {@link #renew renews} the claim right before each
 * SNS call (the lease shows it is alive, and the answer tells it whether it still holds the claim);
 * {@link #settle settles} the final outcome before publishing the report; and marks it
 * {@link #reported} once the report is on Kafka. A claim whose holder stopped renewing is taken
 * over by the next delivery of the same request.
 *
 * @throws io.phonegate.dispatcher.store.StoreUnavailableException from every method when the store does
 *         not answer: nothing was decided, ask again later. Every call may be repeated with the same
 *         holder (a repeated claim or settle answers as the first did).
 */
public interface SendClaims {

    /**
     * @param codeExpiresAt when the request's code expires: the claim is kept a retention window longer
     * @return {@link Claim.Withdrawn} instead of {@link Claim.Send} when nothing was sent yet and the
     *         gateway's admission does not stand, {@link Claim.Unanswered} while it stands but its start is
     *         not yet marked answered
     */
    Claim claim(Holder holder, Instant now, Instant codeExpiresAt);

    /** Before each SNS call: renews the lease and counts the attempt, if the holder still holds the claim. */
    Renewal renew(Holder holder, Instant now);

    /** Writes the request's final outcome (the first one written wins) before its report is published. */
    Settlement settle(Holder holder, Outcome outcome);

    /** The request's report (or its DUPLICATE report) is on Kafka. */
    void reported(Holder holder);

    /** What a delivery does with its request. */
    sealed interface Claim {

        /**
         * This delivery holds the claim: send.
         *
         * @param attemptsSoFar SNS attempts earlier holders made (&gt; 0: one may have reached SNS)
         * @param takenOver     another delivery held it before and stopped renewing (a crash, a lost partition)
         */
        record Send(int attemptsSoFar, boolean takenOver) implements Claim {
        }

        /**
         * An earlier holder ended the request and stopped before it noted the report as published:
         * publish this outcome, unless the report is on Kafka after all.
         */
        record Settled(Outcome outcome) implements Claim {
        }

        /**
         * Another request of the same challenge owns its one SMS: report this one DUPLICATE.
         *
         * @param takenOver another delivery held it before and stopped, perhaps after publishing that report
         */
        record Duplicate(boolean takenOver) implements Claim {
        }

        /**
         * Nothing was sent for the request and the gateway's admission of its start is gone (the
         * start failed after all, e.g. this request reached Kafka after the client was told 503) or
         * it carries none: report it unsent, send nothing. This delivery holds the claim.
         *
         * @param reason why, in words a person can read in the report
         */
        record Withdrawn(String reason) implements Claim {
        }

        /** The request's report is already on Kafka: publish nothing, just let its offset go. */
        record Reported() implements Claim {
        }

        /**
         * The gateway has not yet marked the start answered (its {@code 202} is on its way, or the gateway
         * died before it): ask again soon. Past {@code windowEnd} the claim answers {@link Withdrawn}.
         * This delivery holds the claim.
         */
        record Unanswered(Instant windowEnd) implements Claim {
        }

        /** Another delivery holds the request and its lease runs until {@code leaseEnd}: ask again later. */
        record Busy(Instant leaseEnd) implements Claim {
        }
    }

    /** The answer before an SNS call. */
    sealed interface Renewal {

        /** Still the holder: this is SNS attempt number {@code attempt} for the request. */
        record Go(int attempt) implements Renewal {
        }

        /** An earlier holder's outcome arrived after all: publish it instead of sending. */
        record Settled(Outcome outcome) implements Renewal {
        }

        /** Another delivery took the claim over: it sends and reports; this one stops. */
        record Lost() implements Renewal {
        }
    }

    /** The answer to a settle. */
    sealed interface Settlement {

        /** Publish this outcome: the first one settled, which may be another holder's. */
        record Publish(Outcome outcome) implements Settlement {
        }

        /** Another delivery holds the request and will report it; this one stops. */
        record Lost() implements Settlement {
        }
    }
}
