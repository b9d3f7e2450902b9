package io.phonegate.devstack.siteverify;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the siteverify stand-in on its own: {@code java -cp … io.phonegate.devstack.siteverify.SiteverifyEmulatorMain
 * [port]}; the port also comes from {@code PHONEGATE_SITEVERIFY_EMULATOR_PORT}, default 9231. Stops on Ctrl-C.
 */
public final class SiteverifyEmulatorMain {

    private SiteverifyEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String value = args.length > 0 ? args[0] : System.getenv("PHONEGATE_SITEVERIFY_EMULATOR_PORT");
        int port = value == null || value.isBlank() ? SiteverifyEmulator.DEFAULT_PORT : Integer.parseInt(value.strip());
        SiteverifyEmulator emulator = SiteverifyEmulator.start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "siteverify-emulator-stop"));
        System.out.println("siteverify stand-in listening on " + emulator.endpoint());
        for (Provider provider : Provider.values()) {
            System.out.println("  " + provider.name().toLowerCase() + ": " + emulator.verifyUrl(provider) + "  widget: "
                    + emulator.scriptUrl(provider) + "  test site key " + provider.testSiteKey());
        }
        stopped.await();
    }
}
