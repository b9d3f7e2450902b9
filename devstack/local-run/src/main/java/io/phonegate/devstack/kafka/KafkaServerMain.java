package io.phonegate.devstack.kafka;

import java.util.Optional;

/**
 * Runs Apache Kafka's server ({@code kafka.Kafka}) and ends it when the process that
 * started it is gone, so a launcher killed with SIGKILL does not leave a broker behind.
 * Arguments: the parent's pid, then Kafka's own arguments.
 */
public final class KafkaServerMain {

    private KafkaServerMain() {
    }

    public static void main(String[] args) {
        long parentPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        Thread watchdog = new Thread(() -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            // Kafka's shutdown hook closes the broker cleanly.
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        String[] kafkaArgs = new String[args.length - 1];
        System.arraycopy(args, 1, kafkaArgs, 0, kafkaArgs.length);
        kafka.Kafka.main(kafkaArgs);
    }
}
