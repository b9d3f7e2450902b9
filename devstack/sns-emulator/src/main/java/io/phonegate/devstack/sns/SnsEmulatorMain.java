package io.phonegate.devstack.sns;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the SNS emulator on its own: {@code java -cp … io.phonegate.devstack.sns.SnsEmulatorMain [port]}.
 * The port also comes from {@code PHONEGATE_SNS_EMULATOR_PORT}; default 9230. Stops on Ctrl-C.
 */
public final class SnsEmulatorMain {

    private SnsEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = port(args);
        SnsEmulator emulator = SnsEmulator.start(SnsEmulatorSettings.defaults().withPort(port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "sns-emulator-stop"));
        System.out.println("SNS emulator listening on " + emulator.endpoint()
                + " (inbox: " + emulator.endpoint() + "/ and /_inbox?phone=+E164; faults: POST /_faults)");
        stopped.await();
    }

    private static int port(String[] args) {
        String value = args.length > 0 ? args[0] : System.getenv("PHONEGATE_SNS_EMULATOR_PORT");
        if (value == null || value.isBlank()) {
            return SnsEmulatorSettings.DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number, was '" + value + "'", e);
        }
    }
}
