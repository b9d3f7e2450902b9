package io.phonegate.gateway.botcheck;

import java.util.List;

/** Asks a bot-check provider whether a widget's token is good: the one call the gateway makes to it. */
interface BotVerifier {

    sealed interface Verdict permits Passed, Failed, Unavailable {
    }

    record Passed() implements Verdict {
    }

    /** The provider judged the token bad: missing, wrong, expired or spent ({@code timeout-or-duplicate}). */
    record Failed(List<String> errorCodes) implements Verdict {
    }

    /** No judgement: the provider did not answer in time, answered an error, or refused our own request (secret). */
    record Unavailable(String why) implements Verdict {
    }

    Verdict verify(String token);
}
