package io.phonegate.dispatcher.delivery;

import io.phonegate.dispatcher.DispatcherProperties;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.message.CodeMessages;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import io.phonegate.dispatcher.ratelimit.SendAdmission;
import io.phonegate.dispatcher.ratelimit.SendRate;
import io.phonegate.dispatcher.report.DeliveryReports;
import io.phonegate.dispatcher.sms.SmsSender;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    private static final Duration IDLE_NUMBER_SWEEP = Duration.ofMinutes(10);

    @Bean
    SendAdmission sendAdmission(DispatcherProperties properties, Workers workers, Clock clock) {
        SendAdmission admission = new SendAdmission(properties.limits());
        sweepIdleNumbers(admission, workers, clock);
        return admission;
    }

    @Bean
    DeliveryPipeline deliveryPipeline(DispatcherProperties properties, SendAdmission admission, CodeMessages messages,
                                      SmsSender sender, DeliveryReports reporter, DispatcherMetrics metrics,
                                      Workers workers, Clock clock) {
        return new DeliveryPipeline(properties, admission, SendRate.perSecond(properties.limits().globalPerSecond()),
                messages, sender, reporter, metrics, workers, clock);
    }

    /** Numbers with nothing sent in a day are dropped every ten minutes, so memory tracks active numbers only. */
    private static void sweepIdleNumbers(SendAdmission admission, Workers workers, Clock clock) {
        workers.later(IDLE_NUMBER_SWEEP, () -> {
            admission.forgetIdle(clock.instant());
            sweepIdleNumbers(admission, workers, clock);
        });
    }
}
