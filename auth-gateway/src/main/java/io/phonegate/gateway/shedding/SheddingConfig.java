package io.phonegate.gateway.shedding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Load shedding on the API: a bound on requests in progress, each with a deadline. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SheddingSettings.class)
public class SheddingConfig {

    /**
     * After the client address and its rate limit (orders +4, +5: a flood from one address is refused by its
     * own limit and takes no slot) and after the filter that reads bodies within their bounds (+10): a slow
     * body holds no slot, so a few slow senders cannot turn every other request away.
     */
    static final int IN_PROGRESS_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 11;

    /** Before the client address and its store call (+4, +5): a request refused for capacity costs no store call. */
    static final int AT_CAPACITY_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

    /** {@code phonegate_gateway_shed_total{reason}}: requests turned away at once, or not published past their deadline. */
    public static final String SHED = "phonegate.gateway.shed";

    /** Outermost: the deadlines count from the request's arrival, before its body and its store calls. */
    @Bean
    FilterRegistrationBean<RequestArrival> requestArrival() {
        FilterRegistrationBean<RequestArrival> registration = new FilterRegistrationBean<>(new RequestArrival());
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AtCapacityFilter> atCapacityFilter(FilterRegistrationBean<InProgressLimitFilter> bound) {
        FilterRegistrationBean<AtCapacityFilter> registration =
                new FilterRegistrationBean<>(new AtCapacityFilter(bound.getFilter()));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(AT_CAPACITY_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<InProgressLimitFilter> inProgressLimitFilter(SheddingSettings settings, MeterRegistry meters,
                                                                        BusyAnswer busy) {
        InProgressLimitFilter filter = new InProgressLimitFilter(settings,
                Counter.builder(SHED).tag("reason", "in_progress").register(meters),
                Timer.builder("phonegate.gateway.requests.work").publishPercentileHistogram()
                        .description("How long each admitted API request held its slot (its work; not the pacing wait)")
                        .register(meters), busy);
        Gauge.builder("phonegate.gateway.requests.in_progress", filter, InProgressLimitFilter::inProgress)
                .register(meters);
        Gauge.builder("phonegate.gateway.requests.limit", filter, InProgressLimitFilter::limit)
                .description("API requests that may be in progress now: shedding.max-in-progress, or the bound learned below it")
                .register(meters);
        FilterRegistrationBean<InProgressLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(IN_PROGRESS_LIMIT_ORDER);
        return registration;
    }
}
