package io.phonegate.devstack.cognito.wire;

import io.phonegate.devstack.cognito.QuotaCategory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Cognito operation: its name ({@code X-Amz-Target} after the dot), the quota category it
 * counts against (with Cognito's multiplier for that operation), and what it does.
 */
public record Operation(String name, QuotaCategory category, int quotaMultiplier, Handler handler) {

    public static Operation of(String name, QuotaCategory category, Handler handler) {
        return new Operation(name, category, 1, handler);
    }

    @FunctionalInterface
    public interface Handler {
        /** @return the JSON response body; @throws CognitoException for Cognito's error answers */
        ObjectNode handle(JsonRequest request);
    }
}
