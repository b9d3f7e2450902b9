package io.phonegate.devstack.sns;

import com.sun.net.httpserver.HttpServer;
import io.phonegate.common.phone.PhoneNumber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Amazon SNS's {@code Publish} to phone numbers, over AWS Query, for development and tests.
 *
 * <p>Answers with SNS's XML success and error bodies, keeps every SMS in an inbox
 * ({@code GET /_inbox?phone=}, {@code DELETE /_inbox}), injects throttling, internal
 * errors, latency and permanently rejected numbers ({@code POST /_faults}), and shows the
 * messages to a person at {@code GET /}. Accepts any credentials and does not check signatures.
 */
public final class SnsEmulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final SmsInbox inbox;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final PublishAction publish;

    private SnsEmulator(SnsEmulatorSettings settings) throws IOException {
        inbox = new SmsInbox(settings.inboxCapacity());
        publish = new PublishAction(inbox, faults, Clock.systemUTC());
        NoDelay.enable();
        server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 1024);
        server.createContext("/", new GuardedHandler(new QueryHandler(publish, faults,
                new InboxPage(inbox, faults::get, publish::calls))));
        server.createContext("/_inbox", new GuardedHandler(new InboxHandler(inbox)));
        server.createContext("/_faults", new GuardedHandler(new FaultsHandler(faults)));
        executor = requestThreads(settings.threads());
        server.setExecutor(executor);
    }

    /** Starts an emulator; close it to stop it. */
    public static SnsEmulator start(SnsEmulatorSettings settings) {
        try {
            SnsEmulator emulator = new SnsEmulator(settings);
            emulator.server.start();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("SNS emulator could not listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    /** Where an SDK client's endpoint override points, e.g. {@code http://127.0.0.1:9230}. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The messages sent to {@code phone}, oldest first. */
    public List<SmsMessage> inbox(PhoneNumber phone) {
        return inbox.forPhone(phone.e164());
    }

    /** The messages sent to the E.164 number {@code e164}, oldest first. */
    public List<SmsMessage> inbox(String e164) {
        return inbox.forPhone(e164);
    }

    /** Every message kept, oldest first. */
    public List<SmsMessage> allMessages() {
        return inbox.all();
    }

    public void clearInbox() {
        inbox.clear();
    }

    public void setFaults(Faults newFaults) {
        faults.set(newFaults == null ? Faults.NONE : newFaults);
    }

    public Faults faults() {
        return faults.get();
    }

    /** {@code Publish} calls answered so far, failed ones included. */
    public long publishCalls() {
        return publish.calls();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Up to {@code threads} threads, made on demand and retired when idle, so an idle emulator costs little. */
    private static ExecutorService requestThreads(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "sns-emulator-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
