package io.phonegate.devstack.cognito;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** DescribeUserPool and DescribeUserPoolClient, read by the real SDK into its model types. */
class DescribeTest {

    private final RunningEmulator cognito = new RunningEmulator();

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void theDefaultPoolIsTheOneDeployAwsMakes() {
        cognito.createUser("+919812345600");

        UserPoolType pool = describePool();

        assertThat(pool.id()).isEqualTo("us-east-1_phonegate");
        assertThat(pool.arn()).isEqualTo("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_phonegate");
        assertThat(pool.lambdaConfig().defineAuthChallenge()).startsWith("arn:aws:lambda:us-east-1:");
        assertThat(pool.lambdaConfig().createAuthChallenge()).isNotBlank();
        assertThat(pool.lambdaConfig().verifyAuthChallengeResponse()).isNotBlank();
        assertThat(pool.lambdaConfig().preSignUp()).isNull();
        Map<String, SchemaAttributeType> schema = schema(pool);
        assertThat(schema.get("custom:pg_completed")).satisfies(a -> {
            assertThat(a.attributeDataTypeAsString()).isEqualTo("String");
            assertThat(a.mutable()).isTrue();
            assertThat(a.required()).isFalse();
        });
        assertThat(schema.get("phone_number_verified").attributeDataTypeAsString()).isEqualTo("Boolean");
        assertThat(schema.get("sub").required()).isTrue();
        assertThat(schema.values()).filteredOn(SchemaAttributeType::required).hasSize(1);
        assertThat(pool.hasUsernameAttributes()).isFalse();
        assertThat(pool.hasAliasAttributes()).isFalse();
        assertThat(pool.mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isTrue();
        assertThat(pool.userPoolTier()).isEqualTo(UserPoolTierType.LITE);
        assertThat(pool.estimatedNumberOfUsers()).isEqualTo(1);
        assertThat(pool.creationDate()).isNotNull();
    }

    @Test
    void theDefaultClientIsTheOneDeployAwsMakes() {
        UserPoolClientType client = describeClient();

        assertThat(client.clientId()).isEqualTo("phonegatelocalclient");
        assertThat(client.clientSecret()).isEqualTo("phonegate-local-secret");
        assertThat(client.explicitAuthFlows()).containsExactlyInAnyOrder(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
        assertThat(client.preventUserExistenceErrors()).isEqualTo(PreventUserExistenceErrorTypes.LEGACY);
        assertThat(client.authSessionValidity()).isEqualTo(5);
        assertThat(client.readAttributes()).containsExactlyInAnyOrder("phone_number", "phone_number_verified",
                "custom:pg_completed");
        assertThat(client.writeAttributes()).containsExactly("locale");
        assertThat(client.enableTokenRevocation()).isTrue();
        assertThat(client.accessTokenValidity()).isEqualTo(60);
        assertThat(client.tokenValidityUnits().accessTokenAsString()).isEqualTo("minutes");
    }

    @Test
    void changesMadeWhileRunningShowAtOnceAndUnsetListsAreLeftOut() {
        cognito.emulator.updateUserPool(pool -> pool.withTriggers("CreateAuthChallenge").withCustomAttributes()
                .withRequiredAttributes("email").withMfaConfiguration("ON").withSelfSignUp(true));
        cognito.emulator.updateAppClient(client -> client.withSecret(null).withExplicitAuthFlows("ALLOW_USER_SRP_AUTH")
                .withReadAttributes().withWriteAttributes()
                .withPreventUserExistenceErrors(CognitoEmulatorSettings.PreventUserExistenceErrors.ENABLED)
                .withAuthSessionValidity(Duration.ofMinutes(3)).withTokenRevocation(false));

        UserPoolType pool = describePool();
        assertThat(pool.lambdaConfig().defineAuthChallenge()).isNull();
        assertThat(pool.lambdaConfig().createAuthChallenge()).isNotNull();
        assertThat(schema(pool)).doesNotContainKey("custom:pg_completed");
        assertThat(schema(pool).get("email").required()).isTrue();
        assertThat(pool.mfaConfiguration()).isEqualTo(UserPoolMfaType.ON);
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isFalse();
        UserPoolClientType client = describeClient();
        assertThat(client.clientSecret()).isNull();
        assertThat(client.explicitAuthFlows()).containsExactly(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH);
        assertThat(client.hasReadAttributes()).isFalse();
        assertThat(client.hasWriteAttributes()).isFalse();
        assertThat(client.preventUserExistenceErrors()).isEqualTo(PreventUserExistenceErrorTypes.ENABLED);
        assertThat(client.authSessionValidity()).isEqualTo(3);
        assertThat(client.enableTokenRevocation()).isFalse();
        assertThat(client.lastModifiedDate()).isAfterOrEqualTo(client.creationDate());
    }

    @Test
    void signInAttributesAreReportedAndCannotChangeOnceThePoolExists() {
        try (RunningEmulator byPhone = new RunningEmulator(s -> s.withUserPool(s.userPool().withUsernameAttributes("phone_number")));
             RunningEmulator aliased = new RunningEmulator(s -> s.withUserPool(s.userPool().withAliasAttributes("phone_number")))) {
            assertThat(byPhone.cognito.describeUserPool(r -> r.userPoolId(byPhone.emulator.userPoolId())).userPool()
                    .usernameAttributes()).containsExactly(UsernameAttributeType.PHONE_NUMBER);
            assertThat(aliased.cognito.describeUserPool(r -> r.userPoolId(aliased.emulator.userPoolId())).userPool()
                    .aliasAttributes()).containsExactly(AliasAttributeType.PHONE_NUMBER);
            assertThat(catchThrowableOfType(IllegalArgumentException.class,
                    () -> byPhone.emulator.updateUserPool(pool -> pool.withUsernameAttributes())))
                    .hasMessageContaining("fixed when a pool is created");
        }
    }

    @Test
    void unknownPoolOrClientIsResourceNotFound() {
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> cognito.cognito.describeUserPool(r -> r.userPoolId("us-east-1_other"))).statusCode()).isEqualTo(404);
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> cognito.cognito.describeUserPoolClient(r -> r.userPoolId(cognito.emulator.userPoolId()).clientId("other")));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User pool client other does not exist.");
    }

    private UserPoolType describePool() {
        return cognito.cognito.describeUserPool(r -> r.userPoolId(cognito.emulator.userPoolId())).userPool();
    }

    private UserPoolClientType describeClient() {
        return cognito.cognito.describeUserPoolClient(r -> r.userPoolId(cognito.emulator.userPoolId())
                .clientId(cognito.emulator.clientId())).userPoolClient();
    }

    private static Map<String, SchemaAttributeType> schema(UserPoolType pool) {
        return pool.schemaAttributes().stream().collect(Collectors.toMap(SchemaAttributeType::name, Function.identity()));
    }
}
