package io.phonegate.deploy.sms;

import io.phonegate.deploy.DeploySettings;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The account's SNS SMS settings in this region: Transactional by default, a monthly spend
 * limit, and delivery-status logs in CloudWatch.
 *
 * <p>CloudFormation has no resource for SMS attributes (AWS::SNS::* covers topics, their
 * policies and subscriptions), so a custom resource calls {@code SetSMSAttributes} on create and
 * on every update. The settings are account-wide: deleting the stack leaves them as they are.
 */
public final class SmsSettings extends Construct {

    public SmsSettings(Construct scope, String id, DeploySettings settings) {
        super(scope, id);
        Role deliveryLogs = Role.Builder.create(this, "DeliveryStatusRole")
                .description("SNS writes the result of each SMS sent to a phone number to CloudWatch Logs")
                .assumedBy(new ServicePrincipal("sns.amazonaws.com"))
                .build();
        String logGroups = "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                + ":log-group:sns/" + Aws.REGION + "/" + Aws.ACCOUNT_ID + "/DirectPublishToPhoneNumber*";
        deliveryLogs.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                        "logs:PutMetricFilter", "logs:PutRetentionPolicy"))
                .resources(List.of(logGroups))
                .build());

        AwsSdkCall setAttributes = AwsSdkCall.builder()
                .service("SNS")
                .action("SetSMSAttributes")
                .parameters(Map.of("attributes", Map.of(
                        "DefaultSMSType", "Transactional",
                        "MonthlySpendLimit", Integer.toString(settings.smsMonthlySpendLimitUsd()),
                        "DeliveryStatusIAMRole", deliveryLogs.getRoleArn(),
                        "DeliveryStatusSuccessSamplingRate", Integer.toString(settings.smsDeliverySuccessSamplePercent()))))
                .physicalResourceId(PhysicalResourceId.of("phonegate-sns-sms-attributes"))
                .build();
        AwsCustomResource.Builder.create(this, "SmsAttributes")
                .onCreate(setAttributes)
                .onUpdate(setAttributes)
                .installLatestAwsSdk(false)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(
                        // SMS attributes belong to the account: the action has no resource to name.
                        PolicyStatement.Builder.create()
                                .actions(List.of("sns:SetSMSAttributes")).resources(List.of("*")).build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("iam:PassRole")).resources(List.of(deliveryLogs.getRoleArn()))
                                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "sns.amazonaws.com")))
                                .build())))
                .build();
    }
}
