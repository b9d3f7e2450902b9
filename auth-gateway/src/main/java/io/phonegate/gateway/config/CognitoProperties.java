package io.phonegate.gateway.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The user pool and app client, shared by the services ({@code phonegate.cognito.*}).
 *
 * @param endpoint     where Cognito answers; empty means real AWS for {@code phonegate.aws.region}
 * @param clientSecret the app client's secret; no default anywhere in the repository
 */
@Validated
@ConfigurationProperties("phonegate.cognito")
public record CognitoProperties(
        @DefaultValue("http://127.0.0.1:9229") String endpoint,
        @DefaultValue("us-east-1_phonegate") @NotBlank String userPoolId,
        @DefaultValue("phonegatelocalclient") @NotBlank String clientId,
        @NotBlank(message = "is required: set PHONEGATE_COGNITO_CLIENT_SECRET to the app client's secret")
        String clientSecret) {

    @Override
    public String toString() {
        return "CognitoProperties[endpoint=" + endpoint + ", userPoolId=" + userPoolId + ", clientId=" + clientId
                + ", clientSecret=***]";
    }
}
