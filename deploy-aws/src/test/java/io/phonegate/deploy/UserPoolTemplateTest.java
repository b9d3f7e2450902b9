package io.phonegate.deploy;

import static io.phonegate.deploy.TemplateJson.map;
import static io.phonegate.deploy.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class UserPoolTemplateTest {

    private static Template template;
    private static TemplateJson json;
    private static Map<String, Object> pool;

    @BeforeAll
    static void synthesize() {
        template = Synthesized.withDefaults().template;
        json = new TemplateJson(template);
        template.resourceCountIs("AWS::Cognito::UserPool", 1);
        pool = json.ofType("AWS::Cognito::UserPool").values().iterator().next();
    }

    @Test
    void isOnTheLiteFeaturePlan() {
        assertThat(pool).containsEntry("UserPoolTier", "LITE");
    }

    @Test
    void signsInByUsernameOnlyAndOnlyAdminsCreateUsers() {
        assertThat(pool).doesNotContainKeys("UsernameAttributes", "AliasAttributes");
        assertThat(map(pool.get("AdminCreateUserConfig"))).as("no public SignUp, even with the client secret")
                .containsEntry("AllowAdminCreateUserOnly", true);
    }

    @Test
    void neverSendsAnSmsOfItsOwn() {
        assertThat(pool.get("AutoVerifiedAttributes")).asList().isEmpty();
        assertThat(pool).doesNotContainKey("SmsConfiguration");
        assertThat(pool).containsEntry("MfaConfiguration", "OFF");
    }

    @Test
    void keepsThePhoneNumberAndTheCompletionMark() {
        template.hasResourceProperties("AWS::Cognito::UserPool", Map.of("Schema", Match.arrayWith(List.of(
                Map.of("Name", "phone_number", "Mutable", true, "Required", false),
                Map.of("Name", "pg_completed", "AttributeDataType", "String", "Mutable", true)))));
    }

    @Test
    void cannotBeDeletedByAccident() {
        assertThat(pool).containsEntry("DeletionProtection", "ACTIVE");
        template.hasResource("AWS::Cognito::UserPool", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void callsEachTriggerThroughAnAliasOfAPublishedSnapStartVersion() {
        Map<String, Object> triggers = map(pool.get("LambdaConfig"));
        assertThat(triggers).containsOnlyKeys("DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse");
        triggers.values().forEach(reference -> {
            String alias = referencedId(reference);
            assertThat(json.typeOf(alias)).isEqualTo("AWS::Lambda::Alias");
            String version = referencedId(json.properties(alias).get("FunctionVersion"));
            assertThat(json.typeOf(version)).isEqualTo("AWS::Lambda::Version");
            String function = referencedId(json.properties(version).get("FunctionName"));
            assertThat(json.properties(function).get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        });
    }

    @Test
    void letsOnlyThisPoolInvokeEachTriggerAlias() {
        String poolId = json.ofType("AWS::Cognito::UserPool").keySet().iterator().next();
        Map<String, Object> triggers = map(pool.get("LambdaConfig"));
        Map<String, Map<String, Object>> permissions = json.ofType("AWS::Lambda::Permission");
        for (Object reference : triggers.values()) {
            String alias = referencedId(reference);
            assertThat(permissions.values())
                    .as("permission for %s", alias)
                    .anySatisfy(permission -> {
                        assertThat(referencedId(permission.get("FunctionName"))).isEqualTo(alias);
                        assertThat(permission).containsEntry("Principal", "cognito-idp.amazonaws.com")
                                .containsEntry("Action", "lambda:InvokeFunction");
                        assertThat(referencedId(permission.get("SourceArn"))).isEqualTo(poolId);
                    });
        }
    }
}
