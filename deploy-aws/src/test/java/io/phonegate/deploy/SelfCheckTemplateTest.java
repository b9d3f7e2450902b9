package io.phonegate.deploy;

import static io.phonegate.deploy.TemplateJson.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.phonegate.common.pool.AppClientSettings;
import io.phonegate.common.pool.PoolRequirements;
import io.phonegate.common.pool.PoolVerdict;
import io.phonegate.common.pool.UserPoolSettings;
import io.phonegate.deploy.DeploySettings.UserExistenceErrors;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pool and client the stack makes pass the self-check the gateway and the reaper run at start-up
 * (read from the template as DescribeUserPool and DescribeUserPoolClient would report them), without a warning.
 */
class SelfCheckTemplateTest {

    /** Cognito's standard attributes; any other name in a template's Schema is a custom attribute. */
    private static final Set<String> STANDARD = Set.of("sub", "name", "given_name", "family_name", "middle_name",
            "nickname", "preferred_username", "profile", "picture", "website", "email", "email_verified", "gender",
            "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at");

    @ParameterizedTest
    @EnumSource(UserExistenceErrors.class)
    void theGatewayAndTheReaperAcceptThePoolAsDeployed(UserExistenceErrors existenceErrors) {
        DeploySettings settings = Synthesized.settings(existenceErrors);
        TemplateJson json = new TemplateJson(Synthesized.of(settings).template);
        UserPoolSettings pool = pool(json.ofType("AWS::Cognito::UserPool").values().iterator().next());
        AppClientSettings client = client(json.ofType("AWS::Cognito::UserPoolClient").values().iterator().next());

        PoolVerdict gateway = PoolRequirements.ofGateway(pool, client, settings.codeTtl());

        assertThat(gateway.mismatches()).isEmpty();
        assertThat(gateway.warnings()).isEmpty();
        assertThat(PoolRequirements.ofReaper(pool).suits()).isTrue();
        assertThat(client.preventUserExistenceErrors()).isEqualTo(existenceErrors.name());
    }

    private static UserPoolSettings pool(Map<String, Object> properties) {
        Map<String, UserPoolSettings.SchemaAttribute> schema = new HashMap<>();
        for (Object entry : (List<?>) properties.get("Schema")) {
            Map<String, Object> attribute = map(entry);
            String name = (String) attribute.get("Name");
            // CloudFormation names custom attributes without the prefix Cognito reports them with.
            schema.put(STANDARD.contains(name) ? name : "custom:" + name, new UserPoolSettings.SchemaAttribute(
                    (String) attribute.getOrDefault("AttributeDataType", "String"),
                    Boolean.TRUE.equals(attribute.get("Mutable")), Boolean.TRUE.equals(attribute.get("Required"))));
        }
        return new UserPoolSettings("from-template", map(properties.get("LambdaConfig")).keySet(), schema,
                Set.copyOf(strings(properties.get("UsernameAttributes"))), Set.copyOf(strings(properties.get("AliasAttributes"))),
                (String) properties.get("MfaConfiguration"),
                Boolean.TRUE.equals(map(properties.get("AdminCreateUserConfig")).get("AllowAdminCreateUserOnly")));
    }

    private static AppClientSettings client(Map<String, Object> properties) {
        // A generated secret is the one the gateway is given (the README reads it into its secret store).
        AppClientSettings.Secret secret = Boolean.TRUE.equals(properties.get("GenerateSecret"))
                ? AppClientSettings.Secret.CONFIGURED : AppClientSettings.Secret.NONE;
        Object session = properties.get("AuthSessionValidity");
        return new AppClientSettings("from-template", secret, Set.copyOf(strings(properties.get("ExplicitAuthFlows"))),
                session == null ? null : Duration.ofMinutes(((Number) session).longValue()),
                Set.copyOf(strings(properties.get("ReadAttributes"))), Set.copyOf(strings(properties.get("WriteAttributes"))),
                (String) properties.get("PreventUserExistenceErrors"), Boolean.TRUE.equals(properties.get("EnableTokenRevocation")));
    }

    private static List<String> strings(Object value) {
        return value == null ? List.of() : TemplateJson.strings(value);
    }
}
