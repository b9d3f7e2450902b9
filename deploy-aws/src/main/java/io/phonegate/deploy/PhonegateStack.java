package io.phonegate.deploy;

import io.phonegate.deploy.iam.ServicePolicies;
import io.phonegate.deploy.pool.PhoneUserPool;
import io.phonegate.deploy.sms.SmsSettings;
import io.phonegate.deploy.triggers.CognitoTriggers;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Phonegate's AWS side in one environment-agnostic stack (account and region come from the
 * deploying credentials): it synthesizes offline, with no lookups.
 */
public final class PhonegateStack extends Stack {

    private final ServicePolicies policies;

    public PhonegateStack(Construct scope, DeploySettings settings) {
        super(scope, settings.stackName(), StackProps.builder()
                .description("Phonegate: Cognito user pool (Lite) and app client, custom-auth triggers, "
                        + "least-privilege service policies, SNS SMS settings")
                .build());
        CognitoTriggers triggers = new CognitoTriggers(this, "Triggers", settings);
        PhoneUserPool userPool = new PhoneUserPool(this, "Users", settings, triggers);
        this.policies = new ServicePolicies(this, "ServicePolicies", userPool.pool());
        new SmsSettings(this, "Sms", settings);

        output("UserPoolId", userPool.pool().getUserPoolId(), "PHONEGATE_COGNITO_USER_POOL_ID (gateway, reaper)");
        output("AppClientId", userPool.client().getUserPoolClientId(), "PHONEGATE_COGNITO_CLIENT_ID (gateway, reaper)");
        output("AuthGatewayPolicyArn", policies.of(ServicePolicies.GATEWAY).getManagedPolicyArn(),
                "attach to the auth-gateway's runtime role");
        output("OtpDispatcherPolicyArn", policies.of(ServicePolicies.DISPATCHER).getManagedPolicyArn(),
                "attach to the otp-dispatcher's runtime role");
        output("LimboReaperPolicyArn", policies.of(ServicePolicies.REAPER).getManagedPolicyArn(),
                "attach to the limbo-reaper's runtime role");
    }

    public ServicePolicies policies() {
        return policies;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
