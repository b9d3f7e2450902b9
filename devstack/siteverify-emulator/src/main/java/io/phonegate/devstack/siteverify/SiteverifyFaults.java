package io.phonegate.devstack.siteverify;

/**
 * What goes wrong with every siteverify call: {@code down} answers {@code 503} at once (the provider has an
 * outage), {@code latencyMs} delays every answer (past the caller's timeout, the provider looks dead).
 */
public record SiteverifyFaults(boolean down, long latencyMs) {

    public static final SiteverifyFaults NONE = new SiteverifyFaults(false, 0);

    public SiteverifyFaults {
        if (latencyMs < 0 || latencyMs > 60_000) {
            throw new IllegalArgumentException("latencyMs must be 0-60000, was " + latencyMs);
        }
    }
}
