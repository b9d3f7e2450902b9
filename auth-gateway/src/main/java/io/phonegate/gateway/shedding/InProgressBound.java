package io.phonegate.gateway.shedding;

/** How many API requests may be in progress at once: a fixed number, or one learned from how long work takes. */
interface InProgressBound {

    /** Requests that may be in progress now. */
    int current();

    /**
     * One successful request's work, for a bound that learns from it.
     *
     * @param admittedAt when it was admitted ({@link System#nanoTime()})
     * @param inProgress requests in progress once it was admitted, itself included
     * @param workNanos  how long its work took
     * @param now        {@link System#nanoTime()}
     */
    void learn(long admittedAt, int inProgress, long workNanos, long now);

    /** Whether {@link #learn} is worth calling: a fixed bound learns nothing, so the caller need not time work for it. */
    default boolean learns() {
        return true;
    }

    static InProgressBound fixed(int maxInProgress) {
        return new InProgressBound() {
            @Override
            public int current() {
                return maxInProgress;
            }

            @Override
            public void learn(long admittedAt, int inProgress, long workNanos, long now) {
            }

            @Override
            public boolean learns() {
                return false;
            }
        };
    }
}
