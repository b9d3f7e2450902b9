package io.phonegate.deploy;

import static io.phonegate.deploy.TemplateJson.map;
import static io.phonegate.deploy.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmsSettingsTemplateTest {

    private static TemplateJson json;
    private static Map<String, Object> smsAttributes;

    @BeforeAll
    static void synthesize() {
        json = new TemplateJson(Synthesized.withDefaults().template);
        Map<String, Map<String, Object>> custom = json.ofType("Custom::AWS");
        assertThat(custom).hasSize(1);
        smsAttributes = custom.values().iterator().next();
    }

    @Test
    void setsTransactionalSmsAndTheSpendLimitOnCreateAndUpdate() {
        for (String phase : List.of("Create", "Update")) {
            assertThat(flatten(smsAttributes.get(phase)))
                    .as(phase)
                    .contains("\"service\":\"SNS\"", "\"action\":\"SetSMSAttributes\"",
                            "\"DefaultSMSType\":\"Transactional\"", "\"MonthlySpendLimit\":\"500\"",
                            "\"DeliveryStatusSuccessSamplingRate\":\"100\"", "\"DeliveryStatusIAMRole\":\"");
        }
        assertThat(smsAttributes).doesNotContainKey("Delete");
    }

    @Test
    void mayOnlySetSmsAttributesAndPassTheDeliveryLogRoleToSns() {
        List<Map<String, Object>> statements = json.ofType("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> e.getKey().contains("SmsAttributesCustomResourcePolicy"))
                .flatMap(e -> ((List<?>) map(e.getValue().get("PolicyDocument")).get("Statement")).stream())
                .map(TemplateJson::map)
                .toList();
        assertThat(statements).extracting(s -> s.get("Action"))
                .containsExactlyInAnyOrder("sns:SetSMSAttributes", "iam:PassRole");
        assertThat(statements).filteredOn(s -> "iam:PassRole".equals(s.get("Action"))).singleElement()
                .satisfies(passRole -> {
                    assertThat(json.typeOf(referencedId(passRole.get("Resource")))).isEqualTo("AWS::IAM::Role");
                    assertThat(passRole.get("Condition").toString()).contains("sns.amazonaws.com");
                });
    }

    @Test
    void letsOnlySnsWriteDeliveryLogsToItsOwnLogGroups() {
        Map<String, Object> role = json.ofType("AWS::IAM::Role").entrySet().stream()
                .filter(e -> e.getKey().contains("DeliveryStatusRole"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(role.get("AssumeRolePolicyDocument").toString()).contains("sns.amazonaws.com")
                .doesNotContain("lambda.amazonaws.com");
        String resources = json.ofType("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> e.getKey().contains("DeliveryStatusRole"))
                .map(e -> e.getValue().get("PolicyDocument").toString()).findFirst().orElseThrow();
        assertThat(resources).contains("/DirectPublishToPhoneNumber*").doesNotContain("Resource=*");
    }

    /** The custom resource's call is a JSON string, joined with tokens such as the role ARN. */
    private static String flatten(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> join = map(value);
        List<?> parts = (List<?>) ((List<?>) join.get("Fn::Join")).get(1);
        StringBuilder flat = new StringBuilder();
        parts.forEach(part -> flat.append(part instanceof String text ? text : "<token>"));
        return flat.toString();
    }
}
