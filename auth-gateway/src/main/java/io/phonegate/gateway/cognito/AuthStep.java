package io.phonegate.gateway.cognito;

import java.util.Map;

/** What Cognito answers to a step of the custom flow: another challenge, or tokens. */
public sealed interface AuthStep {

    /**
     * @param session    Cognito's opaque session for the next answer
     * @param parameters the public challenge parameters the Create trigger returned
     */
    record Challenge(String session, Map<String, String> parameters) implements AuthStep {
        public Challenge {
            parameters = Map.copyOf(parameters);
        }

        @Override
        public String toString() {
            return "Challenge[parameters=" + parameters.keySet() + "]";
        }
    }

    record Tokens(AuthTokens tokens) implements AuthStep {
    }
}
