package io.phonegate.devstack.cognito.pool;

import io.phonegate.devstack.cognito.AppClientConfig;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import io.phonegate.devstack.cognito.UserPoolConfig;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The pool's and the app client's settings as they are now: every operation reads them per call,
 * so a test can change them while the emulator runs (as an admin would with {@code UpdateUserPool}
 * or {@code UpdateUserPoolClient}) and see the services react.
 */
public final class LivePool {

    private record State(UserPoolConfig pool, Instant poolModified, AppClientConfig client, Instant clientModified) {
    }

    private final CognitoEmulatorSettings settings;
    private final Clock clock;
    private final Instant created;
    private volatile State state;

    public LivePool(CognitoEmulatorSettings settings) {
        this.settings = settings;
        this.clock = settings.clock();
        this.created = clock.instant();
        this.state = new State(settings.userPool(), created, settings.appClient(), created);
    }

    /** The fixed part: ids, region, token lifetimes, triggers' settings, clock. */
    public CognitoEmulatorSettings settings() {
        return settings;
    }

    public UserPoolConfig pool() {
        return state.pool();
    }

    public AppClientConfig client() {
        return state.client();
    }

    public Instant created() {
        return created;
    }

    public Instant poolModified() {
        return state.poolModified();
    }

    public Instant clientModified() {
        return state.clientModified();
    }

    /**
     * @throws IllegalArgumentException when the change touches the sign-in attributes, which Cognito
     *                                  cannot change once a pool exists
     */
    public synchronized void updatePool(UnaryOperator<UserPoolConfig> change) {
        UserPoolConfig now = state.pool();
        UserPoolConfig next = Objects.requireNonNull(change.apply(now));
        if (!next.usernameAttributes().equals(now.usernameAttributes())
                || !next.aliasAttributes().equals(now.aliasAttributes())) {
            throw new IllegalArgumentException("UsernameAttributes and AliasAttributes are fixed when a pool is created");
        }
        state = new State(next, clock.instant(), state.client(), state.clientModified());
    }

    public synchronized void updateClient(UnaryOperator<AppClientConfig> change) {
        state = new State(state.pool(), state.poolModified(), Objects.requireNonNull(change.apply(state.client())),
                clock.instant());
    }
}
