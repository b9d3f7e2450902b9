package io.phonegate.gateway.support;

import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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

/**
 * One Cognito emulator for the test JVM, on a free port, with a seal key the tests know (to
 * unseal the code from {@code OtpRequested}), the answer keys every gateway of the tests is given
 * ({@link #ANSWER_KEYS}), and a clock they can move. Started on first use, stopped when the JVM ends.
 * Tests use their own phone numbers, so they do not see each other's users.
 */
public final class EmulatedCognito {

    public static final ShiftableClock CLOCK = new ShiftableClock();
    public static final CodeSeal SEAL;
    /** {@code phonegate.answer.keys} for every gateway the tests start: the keys the emulator's Verify trigger checks. */
    public static final String ANSWER_KEYS = KeyRing.newKeyConfig("test");
    private static final CognitoEmulator EMULATOR;
    private static final CognitoIdentityProviderClient ADMIN;

    /** Every operation the gateway may call, for counting all of its calls. */
    public static final List<String> OPERATIONS = List.of("AdminInitiateAuth", "AdminRespondToAuthChallenge",
            "SignUp", "AdminConfirmSignUp", "AdminDeleteUser", "AdminUpdateUserAttributes", "AdminGetUser",
            "RevokeToken", "ListUsers");

    static {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        String keys = CodeSeal.newKeyConfig("test");
        SEAL = CodeSeal.fromConfig(keys, "test");
        EMULATOR = CognitoEmulator.start(CognitoEmulatorSettings.defaults().withFreePort()
                .withSealKeys(keys, "test").withAnswerKeys(ANSWER_KEYS, null).withClock(CLOCK));
        ADMIN = CognitoIdentityProviderClient.builder()
                .endpointOverride(EMULATOR.endpoint())
                .region(Region.of(EMULATOR.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ADMIN.close();
            EMULATOR.close();
        }, "cognito-emulator-stop"));
    }

    private EmulatedCognito() {
    }

    public static CognitoEmulator emulator() {
        return EMULATOR;
    }

    /** An SDK client for the test's own setup and checks (no retries). */
    public static CognitoIdentityProviderClient admin() {
        return ADMIN;
    }

    /** Every Cognito call the emulator received, of any operation. */
    public static long totalCalls() {
        return OPERATIONS.stream().mapToLong(EMULATOR::callCount).sum();
    }

    public static AdminGetUserResponse user(String phone) {
        return ADMIN.adminGetUser(r -> r.userPoolId(EMULATOR.userPoolId()).username(phone));
    }

    public static String attribute(AdminGetUserResponse user, String name) {
        return user.userAttributes().stream().filter(a -> a.name().equals(name)).map(AttributeType::value)
                .findFirst().orElse(null);
    }

    /** The settings that point a gateway at this emulator, as {@code name=value}. */
    public static List<String> gatewayProperties() {
        return List.of(
                "phonegate.cognito.endpoint=" + EMULATOR.endpoint(),
                "phonegate.cognito.user-pool-id=" + EMULATOR.userPoolId(),
                "phonegate.cognito.client-id=" + EMULATOR.clientId(),
                "phonegate.cognito.client-secret=" + EMULATOR.clientSecret(),
                "phonegate.aws.region=" + EMULATOR.region(),
                "phonegate.answer.keys=" + ANSWER_KEYS);
    }

    /** A user left {@code UNCONFIRMED}, as older flows left them; returns its sub. */
    public static String signUpUnconfirmed(String phone) {
        return ADMIN.signUp(r -> r.clientId(EMULATOR.clientId()).username(phone).password("Thrown-away-1")
                .secretHash(secretHash(phone))
                .userAttributes(AttributeType.builder().name("phone_number").value(phone).build())).userSub();
    }

    public static void disable(String phone) {
        ADMIN.adminDisableUser(r -> r.userPoolId(EMULATOR.userPoolId()).username(phone));
    }

    private static String secretHash(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(EMULATOR.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((username + EMULATOR.clientId()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
