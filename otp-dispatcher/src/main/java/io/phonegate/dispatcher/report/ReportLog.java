package io.phonegate.dispatcher.report;

import io.phonegate.common.event.OtpRequested;

import java.time.Instant;

/**
 * Whether a request's report is on Kafka already: asked only when a delivery takes over a request
 * whose earlier holder stopped between publishing the report and noting it in the claim, so that
 * the report is published once and not twice.
 */
public interface ReportLog {

    /**
     * @param since no report of the request can be older than this
     * @throws RuntimeException when the log cannot be read now (ask again later)
     */
    boolean contains(OtpRequested request, Instant since);
}
