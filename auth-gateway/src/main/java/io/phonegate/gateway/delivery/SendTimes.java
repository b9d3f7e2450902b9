package io.phonegate.gateway.delivery;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * How long recent real texts took from the start's admission until their status turned to sent, as this
 * instance saw them when clients asked; what a never-texted challenge's time to "sent" is drawn from, so
 * that its status changes when a real one's would. Before any real send was seen, around the assumed time.
 */
final class SendTimes {

    /** Longer than any code lives: such a figure is not a send time. */
    private static final Duration LONGEST = Duration.ofMinutes(15);

    private final long[] millis;
    private final Duration assumed;
    private final SecureRandom random = new SecureRandom();
    private int count;
    private int next;

    SendTimes(int samples, Duration assumed) {
        this.millis = new long[samples];
        this.assumed = assumed;
    }

    synchronized void observe(Duration took) {
        if (took.isNegative() || took.compareTo(LONGEST) > 0) {
            return;
        }
        millis[next] = took.toMillis();
        next = (next + 1) % millis.length;
        count = Math.min(count + 1, millis.length);
    }

    /** One of the recent send times at random; before there are any, the assumed time give or take a half. */
    synchronized Duration pick() {
        if (count == 0) {
            return Duration.ofMillis(Math.round(assumed.toMillis() * (0.5 + random.nextDouble())));
        }
        return Duration.ofMillis(millis[random.nextInt(count)]);
    }
}
