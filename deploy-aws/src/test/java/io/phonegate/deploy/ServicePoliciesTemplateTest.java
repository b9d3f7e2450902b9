package io.phonegate.deploy;

import static io.phonegate.deploy.TemplateJson.map;
import static io.phonegate.deploy.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import io.phonegate.deploy.SdkCallScanner.SdkService;
import io.phonegate.deploy.iam.ServicePolicies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.CfnElement;

/**
 * Each service's policy allows exactly the IAM-authorised calls its main sources make, so a call
 * added to a service without its permission (or a permission left behind) fails the build.
 */
class ServicePoliciesTemplateTest {

    private static Synthesized synthesized;
    private static TemplateJson json;
    private static String poolId;

    @BeforeAll
    static void synthesize() {
        synthesized = Synthesized.withDefaults();
        json = new TemplateJson(synthesized.template);
        poolId = json.ofType("AWS::Cognito::UserPool").keySet().iterator().next();
    }

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of(ServicePolicies.GATEWAY, "auth-gateway"),
                Arguments.of(ServicePolicies.DISPATCHER, "otp-dispatcher"),
                Arguments.of(ServicePolicies.REAPER, "limbo-reaper"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void allowsExactlyTheCallsTheServiceMakes(String service, String module) {
        Set<String> needed = new TreeSet<>();
        Path sources = repositoryRoot().resolve(module).resolve("src/main/java");
        for (SdkService sdk : List.of(SdkCallScanner.COGNITO, SdkCallScanner.SNS)) {
            needed.addAll(SdkCallScanner.iamActions(sources, sdk));
        }
        assertThat(needed).as("IAM-authorised calls found in %s", sources).isNotEmpty();

        assertThat(allowedActions(service)).isEqualTo(needed);
    }

    @Test
    void scopesEveryCognitoPermissionToThePool() {
        for (String service : List.of(ServicePolicies.GATEWAY, ServicePolicies.REAPER)) {
            assertThat(statements(service)).allSatisfy(statement -> {
                assertThat(statement).containsEntry("Effect", "Allow");
                assertThat(referencedId(statement.get("Resource"))).isEqualTo(poolId);
            });
        }
    }

    @Test
    void letsTheDispatcherTextPhonesButNotPublishToTopics() {
        List<Map<String, Object>> statements = statements(ServicePolicies.DISPATCHER);
        assertThat(statements).anySatisfy(statement -> assertThat(statement)
                .containsEntry("Effect", "Allow").containsEntry("Action", "sns:Publish").containsEntry("Resource", "*"));
        assertThat(statements).anySatisfy(statement -> {
            assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Action", "sns:Publish");
            assertThat(statement.get("Resource").toString()).contains(":sns:*:*:*");
        });
    }

    private static Set<String> allowedActions(String service) {
        Set<String> actions = new TreeSet<>();
        statements(service).stream()
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .forEach(statement -> actions.addAll(TemplateJson.strings(statement.get("Action"))));
        return actions;
    }

    private static List<Map<String, Object>> statements(String service) {
        String logicalId = synthesized.stack.getLogicalId(
                (CfnElement) synthesized.stack.policies().of(service).getNode().getDefaultChild());
        assertThat(json.typeOf(logicalId)).isEqualTo("AWS::IAM::ManagedPolicy");
        return ((List<?>) map(json.properties(logicalId).get("PolicyDocument")).get("Statement")).stream()
                .map(TemplateJson::map).toList();
    }

    private static Path repositoryRoot() {
        return Path.of(System.getProperty("phonegate.repositoryRoot", ".."));
    }
}
