package io.phonegate.devstack.faults;

import io.phonegate.devstack.cognito.CognitoFaults;
import io.phonegate.devstack.local.LocalStack;
import io.phonegate.devstack.sns.Faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What goes wrong in a scenario: {@link #inject} at the fault's start, {@link #heal} at its end.
 * Kills are {@code kill -9} (no shutdown hook, no graceful stop); a pause is {@code SIGSTOP}.
 */
enum Fault {
    BASELINE("no fault", stack -> { }, stack -> { }),
    DISPATCHER_KILL("kill -9 one dispatcher, restart it",
            stack -> stack.dispatchers().get(0).kill(), stack -> stack.dispatchers().get(0).restart()),
    GATEWAY_KILL("kill -9 one gateway, restart it",
            stack -> stack.gateways().get(0).kill(), stack -> stack.gateways().get(0).restart()),
    REAPER_KILL("kill -9 the reaper with sign-ups pending, restart it",
            stack -> stack.reaper().kill(), stack -> stack.reaper().restart()),
    KAFKA_KILL("kill -9 the Kafka broker, restart it on its data",
            stack -> stack.kafka().kill(), stack -> stack.kafka().restart()),
    KAFKA_PAUSE("SIGSTOP the Kafka broker, SIGCONT it",
            stack -> stack.kafka().pause(), stack -> stack.kafka().resume()),
    REDIS_KILL("kill -9 Redis, restart it on its data",
            stack -> stack.redis().kill(), stack -> stack.redis().restart()),
    SNS_FAULTS("SNS throttles 30% and fails 10% of Publish calls",
            stack -> stack.sns().setFaults(Faults.NONE.withThrottleRate(0.3).withErrorRate(0.1)),
            stack -> stack.sns().setFaults(Faults.NONE)),
    COGNITO_DOWN("Cognito refuses every connection",
            stack -> stack.cognito().setFaults(CognitoFaults.outage()), stack -> stack.cognito().setFaults(CognitoFaults.NONE)),
    COGNITO_SLOW("Cognito answers every call 8 s late, past the gateway's call timeout (5 s)",
            stack -> stack.cognito().setFaults(CognitoFaults.latency(8_000)),
            stack -> stack.cognito().setFaults(CognitoFaults.NONE));

    private final String description;
    private final Consumer<LocalStack> inject;
    private final Consumer<LocalStack> heal;

    Fault(String description, Consumer<LocalStack> inject, Consumer<LocalStack> heal) {
        this.description = description;
        this.inject = inject;
        this.heal = heal;
    }

    void inject(LocalStack stack) {
        inject.accept(stack);
    }

    void heal(LocalStack stack) {
        heal.accept(stack);
    }

    String description() {
        return description;
    }

    /** {@code dispatcher-kill} for {@code DISPATCHER_KILL}. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Fault byLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario '" + label + "'; known: "
                        + Arrays.stream(values()).map(Fault::label).toList()));
    }
}
