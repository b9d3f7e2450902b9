package io.phonegate.gateway.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The AWS region shared by the services ({@code phonegate.aws.region}). */
@Validated
@ConfigurationProperties("phonegate.aws")
public record AwsProperties(@DefaultValue("us-east-1") @NotBlank String region) {
}
