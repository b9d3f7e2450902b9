package io.phonegate.dispatcher.sms;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code phonegate.aws.*}, shared by the services. Credentials come from the SDK's default chain. */
@Validated
@ConfigurationProperties("phonegate.aws")
public record AwsProperties(@NotBlank @DefaultValue("us-east-1") String region) {
}
