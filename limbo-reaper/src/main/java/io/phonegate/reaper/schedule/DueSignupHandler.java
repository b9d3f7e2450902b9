package io.phonegate.reaper.schedule;

/** Acts on a sign-up whose deadline has passed. Throws when it could not decide, so it is tried again later. */
@FunctionalInterface
public interface DueSignupHandler {

    void handle(PendingSignup signup);
}
