package io.phonegate.devstack.cognito;

import io.phonegate.triggers.challenge.TriggerSettings;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator alone until the process is stopped. Settings from {@code PHONEGATE_*}
 * environment variables (see {@link CognitoEmulatorSettings#fromEnvironment}); without
 * {@code PHONEGATE_SEAL_KEYS} it seals with a random key that no other process knows, and without
 * {@code PHONEGATE_ANSWER_KEYS} it checks answers against one.
 */
public final class CognitoEmulatorMain {

    private CognitoEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CognitoEmulatorSettings settings = CognitoEmulatorSettings.fromEnvironment(System.getenv());
        if (System.getenv(TriggerSettings.ENV_SEAL_KEYS) == null) {
            System.err.println("PHONEGATE_SEAL_KEYS is not set: codes are sealed with a random key only this process knows");
        }
        if (System.getenv(TriggerSettings.ENV_ANSWER_KEYS) == null) {
            System.err.println("PHONEGATE_ANSWER_KEYS is not set: the Verify trigger accepts only answers signed with a "
                    + "random key only this process knows, so no gateway can log anyone in");
        }
        CognitoEmulator emulator = CognitoEmulator.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "cognito-emulator-shutdown"));
        System.out.println("Cognito emulator listening on " + emulator.endpoint()
                + " (pool " + emulator.userPoolId() + ", client " + emulator.clientId() + ", JWKS " + emulator.jwksUri() + ")");
        stopped.await();
    }
}
