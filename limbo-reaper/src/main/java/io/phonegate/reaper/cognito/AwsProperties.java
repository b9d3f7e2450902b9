package io.phonegate.reaper.cognito;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

@Validated
@ConfigurationProperties("phonegate.aws")
public record AwsProperties(@NotBlank @DefaultValue("us-east-1") String region) {
}
