package io.phonegate.deploy.triggers;

import io.phonegate.deploy.DeploySettings;
import io.phonegate.deploy.SecretReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.SecretsManagerSecretOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The three custom-auth triggers from cognito-triggers' Lambda jar, each reached through a
 * {@code live} alias on its current published version: SnapStart applies only to published
 * versions, and Cognito calls exactly the ARN it is given (an alias ARN is accepted through
 * CreateUserPool/UpdateUserPool, which is what CloudFormation calls).
 *
 * <p>Keys come from Secrets Manager as CloudFormation dynamic references, resolved at deploy time
 * into the functions' environment, encrypted with this construct's KMS key (which also encrypts
 * the SnapStart snapshots). Nothing is fetched at run time: no network call in init or restore,
 * no cache that a restored snapshot could carry stale, no secret permission in the execution
 * role. Each published version holds exactly the key set it was deployed with.
 */
public final class CognitoTriggers extends Construct {

    private static final String ALIAS = "live";
    private static final String PACKAGE = "io.phonegate.triggers.";

    private final Alias define;
    private final Alias create;
    private final Alias verify;
    private final Key environmentKey;

    public CognitoTriggers(Construct scope, String id, DeploySettings settings) {
        super(scope, id);
        this.environmentKey = Key.Builder.create(this, "EnvironmentKey")
                .description("Phonegate triggers: encrypts their environment (seal and answer keys) and SnapStart snapshots")
                .enableKeyRotation(true)
                .build();
        Code jar = Code.fromAsset(settings.triggersJar().toString());

        Map<String, String> defineEnv = Map.of("PHONEGATE_MAX_ATTEMPTS", Integer.toString(settings.maxAttempts()));
        Map<String, String> createEnv = new LinkedHashMap<>(defineEnv);
        createEnv.put("PHONEGATE_SEAL_KEYS", secretField(settings.sealKeys(), "keys"));
        createEnv.put("PHONEGATE_SEAL_SEALING_KEY_ID", secretField(settings.sealKeys(), "sealing-key-id"));
        createEnv.put("PHONEGATE_CODE_LENGTH", Integer.toString(settings.codeLength()));
        createEnv.put("PHONEGATE_CODE_TTL", settings.codeTtl().toString());
        Map<String, String> verifyEnv = new LinkedHashMap<>(createEnv);
        verifyEnv.put("PHONEGATE_ANSWER_KEYS", secretField(settings.answerKeys(), "keys"));
        verifyEnv.put("PHONEGATE_ANSWER_SIGNING_KEY_ID", secretField(settings.answerKeys(), "signing-key-id"));
        // Create alone makes codes, so only it needs the fixed ones; the gateway reads the same list.
        settings.testNumbers().ifPresent(numbers -> createEnv.put("PHONEGATE_TEST_NUMBERS", secretField(numbers, "numbers")));

        this.define = trigger("Define", "define.DefineAuthChallengeHandler", defineEnv, jar, settings);
        this.create = trigger("Create", "create.CreateAuthChallengeHandler", createEnv, jar, settings);
        this.verify = trigger("Verify", "verify.VerifyAuthChallengeHandler", verifyEnv, jar, settings);
    }

    public IFunction define() {
        return define;
    }

    public IFunction create() {
        return create;
    }

    public IFunction verify() {
        return verify;
    }

    private Alias trigger(String name, String handlerClass, Map<String, String> environment, Code jar,
                          DeploySettings settings) {
        LogGroup logs = LogGroup.Builder.create(this, name + "Logs").retention(RetentionDays.ONE_MONTH).build();
        // Least privilege: the triggers call no AWS API; their role writes their own log group and
        // decrypts their environment (Lambda decrypts a customer-managed key's ciphertext as the role).
        Role role = Role.Builder.create(this, name + "Role")
                .description("Phonegate " + name + " auth challenge trigger: its own logs and environment, nothing else")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logs.getLogGroupArn()))
                .build());
        environmentKey.grantDecrypt(role);
        Function function = Function.Builder.create(this, name)
                .description("Phonegate " + name + " auth challenge (Cognito custom auth trigger)")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(PACKAGE + handlerClass + "::handleRequest")
                .code(jar)
                .memorySize(settings.triggerMemoryMb())
                // Cognito waits at most 5 s for a trigger and never longer.
                .timeout(Duration.seconds(5))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .environmentEncryption(environmentKey)
                .role(role)
                .logGroup(logs)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Cognito calls the live alias, which points at the current published version");
        return Alias.Builder.create(this, name + "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    private static String secretField(SecretReference secret, String field) {
        SecretsManagerSecretOptions.Builder options = SecretsManagerSecretOptions.builder().jsonField(field);
        secret.versionId().ifPresent(options::versionId);
        return SecretValue.secretsManager(secret.arn(), options.build()).unsafeUnwrap();
    }
}
