package io.phonegate.devstack.bench;

import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway's Cognito client costs the gateway per call, by SDK HTTP client: the CPU and the bytes
 * allocated on the calling threads (and, for the CRT client, on its native event-loop threads) while a few
 * threads make the start path's three calls for new numbers ({@code AdminCreateUser},
 * {@code AdminSetUserPassword}, {@code AdminInitiateAuth}, with the gateway's timeouts and pool size) against
 * the Cognito emulator in this JVM. The emulator's own threads are not counted, nor GC (a heap of its own
 * per client would be needed), nor the JIT's compiler threads. One client per run, in a fresh JVM, so the
 * JIT's profile of one does not shape another's code:
 *
 * <pre>
 *   for c in apache url-connection crt; do
 *     java -cp "devstack/local-run/target/classes:$(cat devstack/local-run/target/launcher.classpath)" \
 *       io.phonegate.devstack.bench.CognitoClientCpuMain $c
 *   done
 * </pre>
 */
public final class CognitoClientCpuMain {

    private static final int THREADS = 4;
    private static final Duration WARM_UP = Duration.ofSeconds(40);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final String CALLER_PREFIX = "cognito-caller-";
    /** The CRT client's native I/O threads, which do its socket work off the calling thread. */
    private static final String CRT_PREFIX = "AwsEventLoop";

    private CognitoClientCpuMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String kind = args.length > 0 ? args[0] : "apache";
        try (CognitoEmulator emulator = CognitoEmulator.start(CognitoEmulatorSettings.defaults().withFreePort());
             CognitoIdentityProviderClient client = client(kind, emulator)) {
            Caller caller = new Caller(client, emulator);
            AtomicLong calls = new AtomicLong();
            long warmUpEnds = System.nanoTime() + WARM_UP.toNanos();
            long ends = warmUpEnds + MEASURED.toNanos();
            CountDownLatch warm = new CountDownLatch(THREADS);
            CountDownLatch done = new CountDownLatch(THREADS);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long[] allocated = new long[THREADS];
            long[] cpuNanos = new long[THREADS];
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int index = t;
                Thread thread = new Thread(() -> {
                    int n = 0;
                    while (System.nanoTime() < warmUpEnds) {
                        caller.start(phone(index, n++));
                    }
                    warm.countDown();
                    long bytesBefore = threads.getCurrentThreadAllocatedBytes();
                    long cpuBefore = threads.getCurrentThreadCpuTime();
                    while (System.nanoTime() < ends) {
                        caller.start(phone(index, n++));
                        calls.addAndGet(3);
                    }
                    cpuNanos[index] = threads.getCurrentThreadCpuTime() - cpuBefore;
                    allocated[index] = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
                    done.countDown();
                }, CALLER_PREFIX + t);
                callers.add(thread);
                thread.start();
            }
            warm.await();
            Map<Long, Double> before = CpuClock.ownThreadsMs(List.of(CRT_PREFIX));
            done.await();
            Map<Long, Double> after = CpuClock.ownThreadsMs(List.of(CRT_PREFIX));
            for (Thread thread : callers) {
                thread.join();
            }
            double cpuMs = Arrays.stream(cpuNanos).sum() / 1e6 + CpuClock.spentMs(before, after);
            long totalAllocated = Arrays.stream(allocated).sum();
            System.out.printf("%s: %d calls in %d s (%.0f/s), client CPU %.1f µs per call, %.1f KB allocated per call "
                            + "on the calling threads; load average %.2f%n",
                    kind, calls.get(), MEASURED.toSeconds(), calls.get() / (double) MEASURED.toSeconds(),
                    cpuMs * 1000 / calls.get(), totalAllocated / 1024.0 / calls.get(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** The gateway's client (cognito.CognitoConfig), on the HTTP client named. */
    private static CognitoIdentityProviderClient client(String kind, CognitoEmulator emulator) {
        Duration timeout = Duration.ofSeconds(2);
        SdkHttpClient.Builder<?> http = switch (kind) {
            case "apache" -> ApacheHttpClient.builder().maxConnections(THREADS + 4)
                    .connectionTimeout(Duration.ofSeconds(1)).connectionAcquisitionTimeout(timeout)
                    .socketTimeout(timeout).expectContinueEnabled(false).tcpKeepAlive(true);
            case "url-connection" -> UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(1)).socketTimeout(timeout);
            case "crt" -> AwsCrtHttpClient.builder().maxConcurrency(THREADS + 4)
                    .connectionTimeout(Duration.ofSeconds(1)).connectionAcquisitionTimeout(timeout);
            default -> throw new IllegalArgumentException("unknown client " + kind + ": apache, url-connection or crt");
        };
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(http)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A number no other call used: each thread has its own block of a million. */
    private static String phone(int thread, int n) {
        return String.format("+1415%d%06d", 2 + thread, n);
    }

    /** A new number's start, as the gateway makes it. */
    private record Caller(CognitoIdentityProviderClient cognito, CognitoEmulator emulator) {

        void start(String phone) {
            String pool = emulator.userPoolId();
            cognito.adminCreateUser(r -> r.userPoolId(pool).username(phone).messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(AttributeType.builder().name("phone_number").value(phone).build(),
                            AttributeType.builder().name("phone_number_verified").value("false").build()));
            cognito.adminSetUserPassword(r -> r.userPoolId(pool).username(phone).password("Thrown-away-1").permanent(true));
            cognito.adminInitiateAuth(r -> r.userPoolId(pool).clientId(emulator.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", phone, "SECRET_HASH",
                            FloorProbe.secretHash(phone, emulator.clientId(), emulator.clientSecret()))));
        }
    }
}
