package io.phonegate.dispatcher.backstop;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.dispatcher.DispatcherProperties;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What is never texted, whatever an event says: a country outside the allowed ones, a number that
 * cannot receive SMS, a number over its hard daily cap. The gateway admits nothing of that, so a
 * refusal here means an event the gateway did not admit (injected on the topic, or a gateway bug):
 * it is reported, counted and alerted on.
 */
public final class Backstop {

    /** @param reason words for the report, starting with {@code "backstop: "} */
    public record Refusal(BackstopRefusal kind, String reason) {
    }

    private final Set<String> allowedCountries;
    private final int dailyCap;
    private final NumberCap cap;

    public Backstop(DispatcherProperties.Backstop settings, NumberCap cap) {
        this.allowedCountries = Set.copyOf(settings.allowedCountries());
        this.dailyCap = settings.numberDailyCap();
        this.cap = cap;
    }

    /**
     * Checks one code about to be sent and, when it passes, counts it against the number's cap.
     *
     * @throws io.phonegate.dispatcher.store.StoreUnavailableException when the cap could not be checked
     */
    public Optional<Refusal> check(PhoneNumber phone, Instant now) {
        String country = phone.regionCode();
        if (!allowedCountries.contains(country)) {
            return Optional.of(new Refusal(BackstopRefusal.COUNTRY, "backstop: codes to " + country + " numbers are not allowed"));
        }
        if (!phone.canReceiveSms()) {
            return Optional.of(new Refusal(BackstopRefusal.NUMBER_TYPE, "backstop: the number is not a valid mobile number"));
        }
        if (!cap.count(phone, now)) {
            return Optional.of(new Refusal(BackstopRefusal.NUMBER_CAP,
                    "backstop: the number already had " + dailyCap + " codes today (UTC)"));
        }
        return Optional.empty();
    }
}
