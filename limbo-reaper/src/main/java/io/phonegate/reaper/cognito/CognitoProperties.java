package io.phonegate.reaper.cognito;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The user pool the reaper cleans. The other {@code phonegate.cognito.*} settings the services
 * share (client id and secret) are not needed here: the reaper only makes admin calls.
 *
 * @param endpoint where the Cognito API answers; empty means real AWS for the region
 */
@Validated
@ConfigurationProperties("phonegate.cognito")
public record CognitoProperties(
        @DefaultValue("http://127.0.0.1:9229") String endpoint,
        @NotBlank @DefaultValue("us-east-1_phonegate") String userPoolId) {
}
