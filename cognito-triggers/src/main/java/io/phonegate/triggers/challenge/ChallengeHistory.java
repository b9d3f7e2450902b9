package io.phonegate.triggers.challenge;

import java.util.List;
import java.util.Optional;

/**
 * What {@code request.session} says about the code in play: the code of the latest round
 * and how many wrong answers it has had. Define and Create read it the same way, so they
 * agree on the attempts left.
 *
 * @param current      the latest round's code; empty before the first round or when that round is not ours
 * @param wrongAnswers wrong answers given to {@code current}
 */
public record ChallengeHistory(Optional<CodeChallenge> current, int wrongAnswers) {

    public static ChallengeHistory of(List<TriggerEvent.SessionEntry> session) {
        if (session.isEmpty()) {
            return new ChallengeHistory(Optional.empty(), 0);
        }
        Optional<CodeChallenge> current = CodeChallenge.fromMetadata(session.get(session.size() - 1).challengeMetadata());
        int wrong = current.map(code -> (int) session.stream()
                        .filter(round -> TriggerEvent.CUSTOM_CHALLENGE.equals(round.challengeName()))
                        .filter(round -> !round.challengeResult())
                        .filter(round -> CodeChallenge.fromMetadata(round.challengeMetadata())
                                .filter(c -> c.challengeId().equals(code.challengeId()))
                                .isPresent())
                        .count())
                .orElse(0);
        return new ChallengeHistory(current, wrong);
    }

    public int attemptsLeft(int maxAttempts) {
        return Math.max(0, maxAttempts - wrongAnswers);
    }
}
