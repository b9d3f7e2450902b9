package io.phonegate.gateway.cognito;

import io.phonegate.common.pool.AppClientSettings;
import io.phonegate.common.pool.UserPoolSettings;
import io.phonegate.gateway.config.CognitoProperties;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the user pool's and the app client's settings ({@code DescribeUserPool},
 * {@code DescribeUserPoolClient}) for the start-up self-check, and remembers the last reading:
 * how users sign in decides which username a challenge answer carries.
 */
public class PoolSettingsReader {

    /** What the pool and the client look like now. */
    public record Reading(UserPoolSettings pool, AppClientSettings client) {
    }

    /** The configured user pool or app client does not exist (or is not visible to these credentials). */
    public static class PoolNotFoundException extends RuntimeException {

        PoolNotFoundException(String message) {
            super(message);
        }
    }

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final String clientId;
    private final byte[] clientSecret;
    private final AtomicReference<Reading> last = new AtomicReference<>();

    PoolSettingsReader(CognitoIdentityProviderClient client, CognitoProperties cognito) {
        this.client = client;
        this.userPoolId = cognito.userPoolId();
        this.clientId = cognito.clientId();
        this.clientSecret = cognito.clientSecret().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws PoolNotFoundException       the pool or the client does not exist
     * @throws CognitoUnavailableException Cognito could not be asked now (down, throttled, access denied)
     */
    public Reading read() {
        UserPoolType pool = describe("DescribeUserPool", "user pool " + userPoolId,
                () -> client.describeUserPool(r -> r.userPoolId(userPoolId)).userPool());
        UserPoolClientType appClient = describe("DescribeUserPoolClient", "app client " + clientId + " in user pool " + userPoolId,
                () -> client.describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(clientId)).userPoolClient());
        Reading reading = new Reading(poolSettings(pool), clientSettings(appClient));
        last.set(reading);
        return reading;
    }

    /**
     * Whether users sign in with the phone number as a username attribute, from the last reading, or
     * from a fresh one when there is none yet.
     */
    public boolean phoneNumberIsUsername() {
        Reading reading = last.get();
        return (reading == null ? read() : reading).pool().phoneNumberIsUsername();
    }

    private <T> T describe(String operation, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceNotFoundException e) {
            throw new PoolNotFoundException(what + " does not exist (" + operation + " answered ResourceNotFoundException)");
        } catch (CognitoIdentityProviderException e) {
            String code = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
            throw new CognitoUnavailableException(operation + " failed: " + code, e);
        } catch (SdkException e) {
            throw new CognitoUnavailableException(operation + " could not reach Cognito: " + e.getClass().getSimpleName(), e);
        }
    }

    private static UserPoolSettings poolSettings(UserPoolType pool) {
        Map<String, UserPoolSettings.SchemaAttribute> schema = new HashMap<>();
        for (SchemaAttributeType attribute : pool.schemaAttributes()) {
            schema.put(attribute.name(), new UserPoolSettings.SchemaAttribute(attribute.attributeDataTypeAsString(),
                    Boolean.TRUE.equals(attribute.mutable()), Boolean.TRUE.equals(attribute.required())));
        }
        return new UserPoolSettings(pool.id(), triggers(pool.lambdaConfig()), schema,
                Set.copyOf(pool.usernameAttributesAsStrings()), Set.copyOf(pool.aliasAttributesAsStrings()),
                pool.mfaConfigurationAsString(),
                pool.adminCreateUserConfig() != null && Boolean.TRUE.equals(pool.adminCreateUserConfig().allowAdminCreateUserOnly()));
    }

    private static Set<String> triggers(LambdaConfigType lambdas) {
        Set<String> attached = new HashSet<>();
        if (lambdas != null) {
            Map<String, Function<LambdaConfigType, String>> challengeTriggers = Map.of(
                    UserPoolSettings.DEFINE_AUTH_CHALLENGE, LambdaConfigType::defineAuthChallenge,
                    UserPoolSettings.CREATE_AUTH_CHALLENGE, LambdaConfigType::createAuthChallenge,
                    UserPoolSettings.VERIFY_AUTH_CHALLENGE_RESPONSE, LambdaConfigType::verifyAuthChallengeResponse);
            challengeTriggers.forEach((name, arn) -> {
                if (arn.apply(lambdas) != null && !arn.apply(lambdas).isBlank()) {
                    attached.add(name);
                }
            });
        }
        return attached;
    }

    private AppClientSettings clientSettings(UserPoolClientType appClient) {
        AppClientSettings.Secret secret = appClient.clientSecret() == null ? AppClientSettings.Secret.NONE
                : MessageDigest.isEqual(appClient.clientSecret().getBytes(StandardCharsets.UTF_8), clientSecret)
                ? AppClientSettings.Secret.CONFIGURED : AppClientSettings.Secret.OTHER;
        Integer session = appClient.authSessionValidity();
        return new AppClientSettings(appClient.clientId(), secret, Set.copyOf(appClient.explicitAuthFlowsAsStrings()),
                session == null ? null : Duration.ofMinutes(session),
                Set.copyOf(appClient.readAttributes()), Set.copyOf(appClient.writeAttributes()),
                appClient.preventUserExistenceErrorsAsString(), Boolean.TRUE.equals(appClient.enableTokenRevocation()));
    }
}
