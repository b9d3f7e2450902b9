package io.phonegate.dispatcher.delivery;

import io.phonegate.common.event.OtpRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * From an {@code OtpRequested} to its one report. On the consumer thread, in partition order, a
 * request takes one of {@code maxInFlight} slots (the consumer waits when none is free) and goes
 * to the worker pool, where a {@link Delivery} claims it in the shared store, checks it, waits for
 * the shared send rate, calls SNS and retries, all bounded by the code's expiry. Each delivery runs
 * on its own, so a slow or failing number, or one waiting for the store, holds only its own slot.
 */
public final class DeliveryPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPipeline.class);

    private final DeliveryParts parts;
    private final AnswerWaits answerWaits = new AnswerWaits();
    private final Semaphore slots;
    private final int maxInFlight;

    DeliveryPipeline(int maxInFlight, DeliveryParts parts) {
        this.parts = parts;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        parts.metrics().inFlight(this::inFlight);
    }

    /**
     * Takes one request; returns once it is handed to a worker.
     *
     * @param finished runs exactly once, when the request's offset may be committed: its report is on
     *                 Kafka, or it had been reported before, or another delivery of it holds its claim
     *                 now and will report it. Never when the dispatcher is stopping (the request then
     *                 stays uncommitted and is redelivered)
     * @throws InterruptedException when the consumer is stopped while waiting for a slot (nothing was done)
     */
    public void accept(OtpRequested request, Runnable finished) throws InterruptedException {
        slots.acquire();
        Delivery delivery = new Delivery(parts, answerWaits, request, () -> {
            slots.release();
            finished.run();
        });
        try {
            parts.workers().execute(delivery::start);
        } catch (RejectedExecutionException stopping) {
            slots.release();
            LOG.info("Stopping: request {} left uncommitted for redelivery", request.eventId());
        }
    }

    /** Deliveries under way now (holding a slot). */
    public int inFlight() {
        return maxInFlight - slots.availablePermits();
    }
}
