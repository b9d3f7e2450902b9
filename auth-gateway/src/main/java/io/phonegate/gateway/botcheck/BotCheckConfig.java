package io.phonegate.gateway.botcheck;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Locale;

/** The bot check: its settings, the provider's siteverify client, and what the demo page needs to show the widget. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotCheckSettings.class)
public class BotCheckConfig {

    private static final Logger log = LoggerFactory.getLogger(BotCheckConfig.class);

    @Bean
    public BotCheck botCheck(BotCheckSettings settings, MeterRegistry meters) {
        if (settings.enabled()) {
            log.info("Bot check on: {} at {}, for {}{}, when it cannot answer: {}",
                    settings.provider().name().toLowerCase(Locale.ROOT), settings.effectiveVerifyUrl(),
                    settings.appliesTo() == BotCheckSettings.AppliesTo.ALL ? "every start" : "new numbers",
                    settings.countries().isEmpty() ? "" : " in " + settings.countries(),
                    settings.whenUnavailable().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        BotVerifier verifier = settings.enabled() ? new SiteverifyClient(settings) : token -> {
            throw new IllegalStateException("the bot check is off: nothing to verify with");
        };
        return new BotCheck(settings, verifier, meters);
    }

    @Bean
    public BotCheckPageSources botCheckPageSources(BotCheckSettings settings) {
        return new BotCheckPageSources(settings);
    }
}
