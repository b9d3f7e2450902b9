package io.phonegate.deploy.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * One managed policy per service, to attach to its runtime role (IRSA, Pod Identity, ECS task
 * role). Each lists exactly the AWS calls the service's code makes (checked by
 * {@code ServicePoliciesTemplateTest} against the sources). Calls Cognito authorises with the
 * client id and secret instead of IAM ({@code SignUp}, {@code RevokeToken}) need no permission.
 */
public final class ServicePolicies extends Construct {

    public static final String GATEWAY = "auth-gateway";
    public static final String DISPATCHER = "otp-dispatcher";
    public static final String REAPER = "limbo-reaper";

    private static final List<String> GATEWAY_CALLS = List.of(
            "cognito-idp:AdminInitiateAuth",
            "cognito-idp:AdminRespondToAuthChallenge",
            // a new user: created without a message, given a password nobody keeps
            "cognito-idp:AdminCreateUser",
            "cognito-idp:AdminSetUserPassword",
            // an unknown user under PreventUserExistenceErrors=ENABLED, and Cognito's name for a user
            // where the number is a username attribute
            "cognito-idp:AdminGetUser",
            "cognito-idp:AdminUpdateUserAttributes",
            "cognito-idp:AdminDeleteUser",
            // the start-up self-check of the pool's and the client's settings
            "cognito-idp:DescribeUserPool",
            "cognito-idp:DescribeUserPoolClient");
    private static final List<String> REAPER_CALLS = List.of(
            "cognito-idp:AdminGetUser",
            "cognito-idp:AdminDeleteUser",
            "cognito-idp:ListUsers",
            // the start-up self-check of the pool's settings (the reaper uses no app client)
            "cognito-idp:DescribeUserPool");

    private final Map<String, ManagedPolicy> policies = new LinkedHashMap<>();

    public ServicePolicies(Construct scope, String id, IUserPool pool) {
        super(scope, id);
        policies.put(GATEWAY, ManagedPolicy.Builder.create(this, "AuthGateway")
                .description("Phonegate auth-gateway: phone login on one user pool")
                .statements(List.of(onPool(pool, "PhoneLoginOnOnePool", GATEWAY_CALLS)))
                .build());
        policies.put(DISPATCHER, ManagedPolicy.Builder.create(this, "OtpDispatcher")
                .description("Phonegate otp-dispatcher: SMS straight to phone numbers, never to a topic")
                .statements(List.of(
                        // A direct SMS has no resource to name...
                        PolicyStatement.Builder.create().sid("SendSmsDirectly")
                                .actions(List.of("sns:Publish")).resources(List.of("*")).build(),
                        // ...so topics, the only resources Publish has, are denied outright.
                        PolicyStatement.Builder.create().sid("NoTopics").effect(Effect.DENY)
                                .actions(List.of("sns:Publish"))
                                .resources(List.of("arn:" + Aws.PARTITION + ":sns:*:*:*")).build()))
                .build());
        policies.put(REAPER, ManagedPolicy.Builder.create(this, "LimboReaper")
                .description("Phonegate limbo-reaper: finds and deletes abandoned sign-ups in one user pool")
                .statements(List.of(onPool(pool, "CleanAbandonedSignUps", REAPER_CALLS)))
                .build());
    }

    /** The policy of a service: {@link #GATEWAY}, {@link #DISPATCHER} or {@link #REAPER}. */
    public ManagedPolicy of(String service) {
        ManagedPolicy policy = policies.get(service);
        if (policy == null) {
            throw new IllegalArgumentException("no policy for " + service + "; services: " + policies.keySet());
        }
        return policy;
    }

    private static PolicyStatement onPool(IUserPool pool, String sid, List<String> actions) {
        return PolicyStatement.Builder.create().sid(sid)
                .actions(actions)
                .resources(List.of(pool.getUserPoolArn()))
                .build();
    }
}
