package io.phonegate.devstack.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code ./run-local.sh}: starts the local stack on the fixed local ports, prints where
 * everything is, and stops it all on Ctrl-C (SIGINT) or SIGTERM.
 */
public final class LocalRunMain {

    private LocalRunMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = LocalStackSettings.findRepoRoot(Path.of(""));
        Map<String, String> passedOn = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("PHONEGATE_") || name.startsWith("SPRING_") || name.startsWith("AWS_")) {
                passedOn.put(name, value);
            }
        });
        LocalStackSettings settings = LocalStackSettings.localDefaults(root, passedOn);

        long began = System.nanoTime();
        System.out.println("Starting Kafka, Redis, the Cognito and SNS emulators and the services ("
                + settings.instances().gateways() + " gateway(s), " + settings.instances().dispatchers()
                + " dispatcher(s), 1 reaper; logs: " + root.relativize(settings.workDir().resolve("logs")) + "/)...");
        CountDownLatch stopped = new CountDownLatch(1);
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
        } catch (RuntimeException | Error e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping every process...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "local-stack-shutdown"));

        Duration took = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("""

                Phonegate is up (%.1f s).

                  Demo page ........... %s/
                  Gateway API ......... %s/v3/api-docs  (Swagger UI: %s/swagger-ui.html)
                  Gateways ............ %s
                  SMS inbox ........... %s/
                  Management (actuator: /actuator/health, /actuator/prometheus; never on the API port)
                    Gateways .......... %s
                    Dispatchers ....... %s
                    Reaper ............ %s
                  Cognito emulator .... %s  (pool %s, client %s)
                  JWKS ................ %s
                  Kafka ............... %s
                  Redis ............... %s
                  Bot check ........... %s
                  Variables passed on . %s

                Ctrl-C stops everything.
                """,
                took.toMillis() / 1000.0,
                stack.gatewayUri(), stack.gatewayUri(), stack.gatewayUri(), uris(stack.gateways()),
                stack.sns().endpoint().toString().replaceAll("/$", ""),
                managementUris(stack.gateways()), managementUris(stack.dispatchers()),
                managementUris(List.of(stack.reaper())),
                stack.cognito().endpoint(), stack.cognito().userPoolId(), stack.cognito().clientId(),
                stack.cognito().jwksUri(), stack.kafkaBootstrapServers(), stack.redis().url(),
                stack.siteverify().map(s -> LocalStack.botCheckProvider(stack.serviceEnv()).orElseThrow().name()
                                .toLowerCase(java.util.Locale.ROOT) + ", siteverify stand-in at " + s.endpoint()
                                + " (a widget press passes; tokens starting with 'fail' fail)")
                        .orElse("off (PHONEGATE_BOTCHECK_PROVIDER=turnstile|hcaptcha|recaptcha switches it on)"),
                passedOn.keySet().stream().filter(n -> !n.contains("SECRET") && !n.contains("KEY")).toList());
        stopped.await();
    }

    private static String uris(List<ServiceProcess> services) {
        return services.stream().map(s -> s.baseUri().toString()).collect(Collectors.joining(", "));
    }

    private static String managementUris(List<ServiceProcess> services) {
        return services.stream().map(s -> s.managementUri().toString()).collect(Collectors.joining(", "));
    }
}
