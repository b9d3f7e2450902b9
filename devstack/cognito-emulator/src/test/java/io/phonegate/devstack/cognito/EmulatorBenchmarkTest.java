package io.phonegate.devstack.cognito;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up time and the latency of a whole log-in (initiate + answer) through the SDK. Run with -Pbenchmark. */
@Tag("benchmark")
class EmulatorBenchmarkTest {

    private static final int LOGINS = 300;

    @Test
    void startUpAndLoginLatency() {
        long startNanos = System.nanoTime();
        try (RunningEmulator cognito = new RunningEmulator()) {
            long startedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            for (int i = 0; i < LOGINS; i++) {
                cognito.createUser(phone(i));
            }
            long[] micros = new long[LOGINS];
            for (int i = 0; i < LOGINS; i++) {
                long t0 = System.nanoTime();
                AdminInitiateAuthResponse started = cognito.initiate(phone(i));
                String idToken = cognito.answer(phone(i), started.session(), cognito.code(started.challengeParameters(), phone(i)))
                        .authenticationResult().idToken();
                micros[i] = (System.nanoTime() - t0) / 1_000;
                assertThat(idToken).isNotBlank();
            }
            Arrays.sort(micros);
            System.out.printf("cognito-emulator: start (incl. RSA key and SDK client) %d ms; log-in (2 calls, 4 triggers) "
                            + "p50 %.1f ms, p99 %.1f ms over %d log-ins%n",
                    startedMillis, micros[LOGINS / 2] / 1000.0, micros[LOGINS * 99 / 100] / 1000.0, LOGINS);
        }
    }

    private static String phone(int i) {
        return String.format("+1415555%04d", i);
    }
}
