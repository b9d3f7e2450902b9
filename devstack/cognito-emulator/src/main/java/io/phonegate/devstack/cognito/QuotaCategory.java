package io.phonegate.devstack.cognito;

import java.util.Arrays;
import java.util.Optional;

/** Cognito's API request-rate categories (AWS quota names), which {@link CognitoEmulator#setQuotas} limits. */
public enum QuotaCategory {
    USER_AUTHENTICATION("UserAuthentication"),
    USER_CREATION("UserCreation"),
    USER_READ("UserRead"),
    USER_UPDATE("UserUpdate"),
    USER_LIST("UserList"),
    USER_TOKEN("UserToken"),
    USER_POOL_READ("UserPoolRead"),
    USER_POOL_CLIENT_READ("UserPoolClientRead");

    private final String awsName;

    QuotaCategory(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    public static Optional<QuotaCategory> fromAwsName(String name) {
        return Arrays.stream(values()).filter(c -> c.awsName.equals(name)).findFirst();
    }
}
