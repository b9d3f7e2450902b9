package io.phonegate.devstack.cognito.users;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** A user as Cognito's {@code UserType} and {@code AdminGetUser} show it. */
final class UserJson {

    private UserJson() {
    }

    /**
     * @param attributesMember {@code Attributes} (UserType) or {@code UserAttributes} (AdminGetUser)
     * @param wanted           the attributes to show; {@code null} for all
     */
    static void write(ObjectNode node, User user, String attributesMember, Set<String> wanted) {
        node.put("Username", user.username());
        ArrayNode attributes = node.putArray(attributesMember);
        user.attributes().forEach((name, value) -> {
            if (wanted == null || wanted.contains(name)) {
                ObjectNode attribute = attributes.addObject();
                attribute.put("Name", name);
                attribute.put("Value", value);
            }
        });
        node.put("UserCreateDate", epochSeconds(user.createdAt()));
        node.put("UserLastModifiedDate", epochSeconds(user.modifiedAt()));
        node.put("Enabled", user.enabled());
        node.put("UserStatus", user.status().name());
    }

    /** Epoch seconds as JSON numbers with a fraction, as Cognito sends them. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
