package io.phonegate.reaper.cognito;

import java.time.Instant;
import java.util.Objects;

/**
 * How the reaper tells the user it was told about from a later user of the same name: a number
 * whose sign-up was abandoned can be signed up again, and the new user must survive the old deadline.
 */
public sealed interface ExpectedUser {

    /** The user with this {@code sub}: v1 announcements and the sweep's listings carry it. */
    static ExpectedUser withSub(String sub) {
        return new WithSub(sub);
    }

    /**
     * A user created no later than {@code latest}: a v2 announcement comes before the user exists, so
     * it has no {@code sub}; a user created after its create window belongs to a later start.
     */
    static ExpectedUser createdNoLaterThan(Instant latest) {
        return new CreatedNoLaterThan(latest);
    }

    boolean matches(String sub, Instant createdAt);

    record WithSub(String sub) implements ExpectedUser {

        public WithSub {
            Objects.requireNonNull(sub, "sub");
        }

        @Override
        public boolean matches(String actualSub, Instant createdAt) {
            return sub.equals(actualSub);
        }
    }

    record CreatedNoLaterThan(Instant latest) implements ExpectedUser {

        public CreatedNoLaterThan {
            Objects.requireNonNull(latest, "latest");
        }

        @Override
        public boolean matches(String actualSub, Instant createdAt) {
            return createdAt != null && !createdAt.isAfter(latest);
        }
    }
}
