package io.phonegate.deploy.pool;

import io.phonegate.deploy.DeploySettings;
import io.phonegate.deploy.DeploySettings.UserExistenceErrors;
import io.phonegate.deploy.triggers.CognitoTriggers;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.ICustomAttribute;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolTriggers;
import software.constructs.Construct;

/**
 * The user pool and the gateway's app client.
 *
 * <p>The E.164 number is the username; {@code phone_number} holds it too, written only by the
 * gateway's admin calls ({@code AdminCreateUser}), never through the client: nobody may sign up
 * through the public API, and a user's access token may not change it. It stays an optional
 * attribute: the gateway always sets it, and the console treats a required attribute as one the
 * app client must be able to write (unverified for the API: a pool's required attributes cannot be
 * changed later, so the stack does not bet a pool on it).
 */
public final class PhoneUserPool extends Construct {

    /** Set by the gateway (admin call) on the first completed sign-up; see DECISIONS.md. */
    public static final String COMPLETED_ATTRIBUTE = "pg_completed";

    private final UserPool pool;
    private final UserPoolClient client;

    public PhoneUserPool(Construct scope, String id, DeploySettings settings, CognitoTriggers triggers) {
        super(scope, id);
        this.pool = UserPool.Builder.create(this, "Pool")
                .userPoolName(settings.poolName())
                // The custom auth flow works on Lite; native passwordless would need Essentials.
                .featurePlan(FeaturePlan.LITE)
                .signInAliases(SignInAliases.builder().username(true).build())
                // Users are created by the gateway's admin calls only: no public SignUp.
                .selfSignUpEnabled(false)
                // Cognito sends no SMS of its own: the gateway verifies numbers with its one code.
                .autoVerify(AutoVerifiedAttrs.builder().phone(false).email(false).build())
                .enableSmsRole(false)
                .mfa(Mfa.OFF)
                .standardAttributes(StandardAttributes.builder()
                        .phoneNumber(StandardAttribute.builder().required(false).mutable(true).build())
                        .build())
                .customAttributes(Map.<String, ICustomAttribute>of(
                        COMPLETED_ATTRIBUTE, StringAttribute.Builder.create().mutable(true).build()))
                // Constrains only the random password the gateway sets and throws away.
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(16).requireUppercase(true).requireLowercase(true)
                        .requireDigits(true).requireSymbols(true).build())
                // Nobody resets a password nobody knows.
                .accountRecovery(AccountRecovery.NONE)
                .lambdaTriggers(UserPoolTriggers.builder()
                        .defineAuthChallenge(triggers.define())
                        .createAuthChallenge(triggers.create())
                        .verifyAuthChallengeResponse(triggers.verify())
                        .build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.client = pool.addClient("GatewayClient", UserPoolClientOptions.builder()
                .userPoolClientName("phonegate-gateway")
                // SECRET_HASH: only the gateway, which holds the secret, can run this client's flows.
                .generateSecret(true)
                // CDK adds ALLOW_REFRESH_TOKEN_AUTH to any explicit flow list.
                .authFlows(AuthFlow.builder().custom(true).build())
                .disableOAuth(true)
                .preventUserExistenceErrors(settings.userExistenceErrors() == UserExistenceErrors.ENABLED)
                .authSessionValidity(Duration.minutes(settings.authSessionValidity().toMinutes()))
                // ID tokens carry only readable attributes; the gateway reads the completion mark from them.
                .readAttributes(new ClientAttributes().withStandardAttributes(StandardAttributesMask.builder()
                        .phoneNumber(true).phoneNumberVerified(true).build()).withCustomAttributes(COMPLETED_ATTRIBUTE))
                .writeAttributes(clientWritableAttributes())
                .enableTokenRevocation(true)
                .accessTokenValidity(Duration.minutes(60))
                .idTokenValidity(Duration.minutes(60))
                .refreshTokenValidity(Duration.days(30))
                .build());
    }

    /**
     * What a client (SignUp, or a user with an access token) may write: not the number, its
     * verification or the completion mark. The list must not be empty: an app client without
     * write attributes may write every standard attribute. {@code locale} is harmless.
     */
    private static ClientAttributes clientWritableAttributes() {
        return new ClientAttributes().withStandardAttributes(StandardAttributesMask.builder().locale(true).build());
    }

    public UserPool pool() {
        return pool;
    }

    public UserPoolClient client() {
        return client;
    }
}
