package io.phonegate.dispatcher.delivery;

import io.phonegate.dispatcher.DispatcherProperties;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    DeliveryPipeline deliveryPipeline(DispatcherProperties properties, SendClaims claims, SendPacing pacing, Backstop backstop,
                                      CodeMessages messages, SmsSender sender, DeliveryReports reports, ReportLog reportLog,
                                      DispatcherMetrics metrics, StoreOutage outage, Workers workers, Clock clock) {
        return new DeliveryPipeline(properties.maxInFlight(), new DeliveryParts(claims, pacing, backstop, messages, sender,
                reports, reportLog, metrics, outage, Backoff.jittered(properties.retry()), workers, clock));
    }
}
