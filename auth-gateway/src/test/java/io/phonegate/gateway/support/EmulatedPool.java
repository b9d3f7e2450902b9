package io.phonegate.gateway.support;

import io.phonegate.devstack.cognito.AppClientConfig;
import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import io.phonegate.devstack.cognito.UserPoolConfig;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A Cognito emulator on a free port, with the test JVM's seal key and clock ({@link EmulatedCognito#SEAL},
 * {@link EmulatedCognito#CLOCK}) and the pool and client settings a test chooses, plus an SDK client for
 * the test's own setup and checks. Stopped when the JVM ends, after the Spring contexts that use it.
 */
public final class EmulatedPool {

    private final CognitoEmulator emulator;
    private final CognitoIdentityProviderClient admin;

    private EmulatedPool(CognitoEmulator emulator) {
        this.emulator = emulator;
        this.admin = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            admin.close();
            emulator.close();
        }, "cognito-emulator-stop"));
    }

    /** @param customise the pool's and client's settings, over the pool {@code deploy-aws} makes */
    public static EmulatedPool start(UnaryOperator<CognitoEmulatorSettings> customise) {
        return new EmulatedPool(CognitoEmulator.start(customise.apply(CognitoEmulatorSettings.defaults().withFreePort()
                .withSealKeys(EmulatedCognito.SEAL_KEYS, "test").withAnswerKeys(EmulatedCognito.ANSWER_KEYS, null)
                .withClock(EmulatedCognito.CLOCK))));
    }

    /** Points the gateway of a test context at this pool. */
    public void register(DynamicPropertyRegistry registry) {
        gatewayProperties().forEach(property -> {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        });
    }

    /** The settings that point a gateway at this pool, as {@code name=value}. */
    public List<String> gatewayProperties() {
        return List.of(
                "phonegate.cognito.endpoint=" + emulator.endpoint(),
                "phonegate.cognito.user-pool-id=" + emulator.userPoolId(),
                "phonegate.cognito.client-id=" + emulator.clientId(),
                "phonegate.cognito.client-secret=" + AppClientConfig.DEFAULT_SECRET,
                "phonegate.aws.region=" + emulator.region(),
                "phonegate.answer.keys=" + EmulatedCognito.ANSWER_KEYS);
    }

    public CognitoEmulator emulator() {
        return emulator;
    }

    public CognitoIdentityProviderClient admin() {
        return admin;
    }

    /** By number: where the number is a username attribute, Cognito's admin calls accept it too. */
    public AdminGetUserResponse user(String phone) {
        return admin.adminGetUser(r -> r.userPoolId(emulator.userPoolId()).username(phone));
    }

    public static String attribute(AdminGetUserResponse user, String name) {
        return attribute(user.userAttributes(), name);
    }

    private static String attribute(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }

    /**
     * A user left {@code UNCONFIRMED}, as older flows left them; returns its sub. Made the way they made
     * it, with the public {@code SignUp}: the pool lets it through for that one call, as the pools of
     * older versions did (self sign-up on, the number client-writable).
     */
    public synchronized String signUpUnconfirmed(String phone) {
        UserPoolConfig pool = emulator.userPool();
        AppClientConfig client = emulator.appClient();
        emulator.updateUserPool(p -> p.withSelfSignUp(true));
        emulator.updateAppClient(c -> c.withWriteAttributes("phone_number", "locale"));
        try {
            return admin.signUp(r -> r.clientId(emulator.clientId()).username(phone).password("Thrown-away-1")
                    .secretHash(secretHash(phone))
                    .userAttributes(AttributeType.builder().name("phone_number").value(phone).build())).userSub();
        } finally {
            emulator.updateUserPool(p -> pool);
            emulator.updateAppClient(c -> client);
        }
    }

    /**
     * A user who completed sign-up (phone verified, {@code custom:pg_completed}) but whom the gateway's store
     * does not know as logged in: one from before the store's marker, or whose marker expired. Made with the
     * admin calls the gateway uses; returns its sub.
     */
    public String completedUser(String phone) {
        String sub = attribute(admin.adminCreateUser(r -> r.userPoolId(emulator.userPoolId()).username(phone)
                .messageAction("SUPPRESS").userAttributes(
                        AttributeType.builder().name("phone_number").value(phone).build(),
                        AttributeType.builder().name("phone_number_verified").value("true").build(),
                        AttributeType.builder().name("custom:pg_completed").value("2026-01-01T00:00:00Z").build()))
                .user().attributes(), "sub");
        admin.adminSetUserPassword(r -> r.userPoolId(emulator.userPoolId()).username(phone)
                .password("Thrown-away-1").permanent(true));
        return sub;
    }

    /** Users whose {@code phone_number} is this number, whatever their username. */
    public long usersWithNumber(String phone) {
        return admin.listUsers(r -> r.userPoolId(emulator.userPoolId()).filter("phone_number = \"" + phone + "\""))
                .users().size();
    }

    public void disable(String phone) {
        admin.adminDisableUser(r -> r.userPoolId(emulator.userPoolId()).username(phone));
    }

    private String secretHash(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(emulator.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((username + emulator.clientId()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
