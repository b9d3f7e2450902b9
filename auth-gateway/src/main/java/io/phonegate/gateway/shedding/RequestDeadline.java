package io.phonegate.gateway.shedding;

/**
 * The deadline of the API request the current thread works on, set when the request is admitted
 * ({@link InProgressLimitFilter}) and cleared when its work is done. Work that would be wasted once the
 * client has given up (publishing a code, announcing a sign-up) asks it first. Outside a request (a
 * scheduled task, a test calling a service directly) there is no deadline.
 */
public final class RequestDeadline {

    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    private RequestDeadline() {
    }

    /** Nanoseconds left before the current request's deadline (negative once passed), or {@link Long#MAX_VALUE} without one. */
    public static long remainingNanos() {
        Long deadline = DEADLINE_NANOS.get();
        return deadline == null ? Long.MAX_VALUE : deadline - System.nanoTime();
    }

    static void set(long deadlineNanos) {
        DEADLINE_NANOS.set(deadlineNanos);
    }

    static void clear() {
        DEADLINE_NANOS.remove();
    }
}
