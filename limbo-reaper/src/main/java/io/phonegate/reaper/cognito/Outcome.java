package io.phonegate.reaper.cognito;

/**
 * What {@link UserDirectory#deleteIfStillPending} found and did.
 *
 * @param sub the {@code sub} of the user found, or {@code null} when there was none ({@link Verdict#GONE})
 */
public record Outcome(Verdict verdict, String sub) {

    static Outcome gone() {
        return new Outcome(Verdict.GONE, null);
    }
}
