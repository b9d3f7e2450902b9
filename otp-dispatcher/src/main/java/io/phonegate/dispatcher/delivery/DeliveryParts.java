package io.phonegate.dispatcher.delivery;

import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.backstop.Backstop;
import io.phonegate.dispatcher.claim.SendClaims;
import io.phonegate.dispatcher.message.CodeMessages;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import io.phonegate.dispatcher.ratelimit.SendPacing;
import io.phonegate.dispatcher.report.DeliveryReports;
import io.phonegate.dispatcher.report.ReportLog;
import io.phonegate.dispatcher.sms.SmsSender;
import io.phonegate.dispatcher.store.StoreOutage;

import java.time.Clock;

/** What every delivery works with. */
record DeliveryParts(SendClaims claims, SendPacing pacing, Backstop backstop, CodeMessages messages, SmsSender sender,
                     DeliveryReports reports, ReportLog reportLog, DispatcherMetrics metrics, StoreOutage outage, Backoff backoff,
                     Workers workers, Clock clock) {
}
