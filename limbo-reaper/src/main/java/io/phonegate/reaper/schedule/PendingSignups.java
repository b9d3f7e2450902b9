package io.phonegate.reaper.schedule;

import io.phonegate.common.event.SignupCompleted;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The sign-ups this instance waits on, one per username, ordered by deadline
 * ({@code requestedAt + ttl}, so a restart does not push a deadline back).
 *
 * <p>Memory is bounded by the caller: {@link CapacityListener#full()} fires when the count
 * (waiting plus being handled) reaches {@code maxPending}, {@code belowCapacity()} when it
 * has dropped a tenth below it, so reading does not flap on and off at the cap. Receipts are
 * released outside the lock.
 *
 * <p>The two topics are read together but not in step: a completion may be read before the announcement
 * it completes (both in one fetch, or a backlog read after an outage). Such a completion is kept (at most
 * {@code maxPending} of them, the oldest dropped first) and an announcement it completes is never waited
 * on; otherwise the announcement would hold its partition's commits until its deadline. A kept completion
 * can only match its own sign-up ({@link Announcement#completedBy}), never a later one.
 */
public final class PendingSignups {

    private final Duration ttl;
    private final int maxPending;
    private final int resumeBelow;
    private final CapacityListener capacity;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Entry> byDue = new TreeSet<>(Comparator.comparing((Entry e) -> e.signup().due())
            .thenComparingLong(Entry::sequence));
    private final Map<String, Entry> waiting = new HashMap<>();
    /** Completions read before their announcement, by username; insertion order, so the oldest goes first. */
    private final Map<String, SignupCompleted> earlyCompletions;
    private long sequence;
    private int inFlight;
    private boolean full;
    private boolean closed;

    public PendingSignups(Duration ttl, int maxPending, CapacityListener capacity, Clock clock) {
        this.ttl = ttl;
        this.maxPending = maxPending;
        this.resumeBelow = maxPending - maxPending / 10;
        this.capacity = capacity;
        this.clock = clock;
        this.earlyCompletions = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SignupCompleted> eldest) {
                return size() > maxPending;
            }
        };
    }

    /**
     * Waits on {@code request} until {@code occurredAt + ttl}. The latest announcement per username
     * wins, whatever its version: one for a username already waiting moves its deadline and releases
     * the older record; one older than the one waiting (read out of order) is released at once; so is one
     * whose completion was read first.
     *
     * @return whether it waits: {@code false} when its completion was read before it
     */
    public boolean schedule(Announcement request, Receipt receipt) {
        PendingSignup signup = new PendingSignup(request, request.occurredAt().plus(ttl), receipt);
        Receipt toRelease;
        boolean waits = true;
        lock.lock();
        try {
            Entry current = waiting.get(request.username());
            SignupCompleted early = earlyCompletions.get(request.username());
            if (early != null && request.completedBy(early)) {
                earlyCompletions.remove(request.username());
                toRelease = receipt;
                waits = false;
            } else if (current != null && current.signup().request().occurredAt().isAfter(request.occurredAt())) {
                toRelease = receipt;
            } else {
                toRelease = current == null ? null : current.signup().receipt();
                if (current != null) {
                    byDue.remove(current);
                }
                add(signup);
            }
        } finally {
            lock.unlock();
        }
        if (toRelease != null) {
            toRelease.release();
        }
        return waits;
    }

    /** Stops waiting on the sign-up {@code completed} finishes (see {@link Announcement#completedBy}). */
    public boolean cancel(SignupCompleted completed) {
        PendingSignup cancelled;
        lock.lock();
        try {
            Entry current = waiting.get(completed.username());
            if (current == null || !current.signup().request().completedBy(completed)) {
                // Perhaps read before its announcement: kept, so the announcement is not waited on.
                earlyCompletions.put(completed.username(), completed);
                return false;
            }
            waiting.remove(completed.username());
            byDue.remove(current);
            updateFullness();
            cancelled = current.signup();
        } finally {
            lock.unlock();
        }
        cancelled.receipt().release();
        return true;
    }

    /**
     * Blocks until a sign-up is due and hands it out; the caller must {@link #finished} or
     * {@link #retryAt} it. Empty once {@link #stopHandingOut()} was called.
     */
    public Optional<PendingSignup> takeDue() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    return Optional.empty();
                }
                if (byDue.isEmpty()) {
                    changed.await();
                    continue;
                }
                Entry head = byDue.first();
                long waitNanos = Duration.between(clock.instant(), head.signup().due()).toNanos();
                if (waitNanos > 0) {
                    changed.await(waitNanos, TimeUnit.NANOSECONDS);
                    continue;
                }
                byDue.pollFirst();
                waiting.remove(head.signup().username(), head);
                inFlight++;
                return Optional.of(head.signup());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Shutting down: waiting takers return empty, so a sign-up is not started just as the producers go away. */
    public void stopHandingOut() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void finished(PendingSignup signup) {
        lock.lock();
        try {
            inFlight--;
            updateFullness();
        } finally {
            lock.unlock();
        }
        signup.receipt().release();
    }

    /** Could not be handled now: wait again until {@code at}, unless a newer request for the user came meanwhile. */
    public void retryAt(PendingSignup signup, Instant at) {
        boolean superseded;
        lock.lock();
        try {
            inFlight--;
            superseded = waiting.containsKey(signup.username());
            if (!superseded) {
                add(signup.dueAt(at));
            } else {
                updateFullness();
            }
        } finally {
            lock.unlock();
        }
        if (superseded) {
            signup.receipt().release();
        }
    }

    /**
     * Forgets waiting sign-ups without releasing them: their records will be read again by
     * whichever consumer owns them now (after a partition was revoked).
     */
    public List<PendingSignup> forget(Predicate<Receipt> which) {
        List<PendingSignup> forgotten = new ArrayList<>();
        lock.lock();
        try {
            waiting.values().removeIf(entry -> {
                if (which.test(entry.signup().receipt())) {
                    forgotten.add(entry.signup());
                    return true;
                }
                return false;
            });
            byDue.removeIf(entry -> which.test(entry.signup().receipt()));
            updateFullness();
        } finally {
            lock.unlock();
        }
        return forgotten;
    }

    /** Waiting plus being handled: what this instance holds in memory. */
    public int size() {
        lock.lock();
        try {
            return waiting.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    private void add(PendingSignup signup) {
        Entry entry = new Entry(signup, sequence++);
        waiting.put(signup.username(), entry);
        byDue.add(entry);
        changed.signalAll();
        updateFullness();
    }

    private void updateFullness() {
        int size = waiting.size() + inFlight;
        if (!full && size >= maxPending) {
            full = true;
            capacity.full();
        } else if (full && size < resumeBelow) {
            full = false;
            capacity.belowCapacity();
        }
    }

    /** The sequence keeps two sign-ups with the same deadline apart in the ordered set. */
    private record Entry(PendingSignup signup, long sequence) {
    }
}
