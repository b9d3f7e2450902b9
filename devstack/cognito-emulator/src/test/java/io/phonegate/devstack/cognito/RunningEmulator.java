package io.phonegate.devstack.cognito;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.challenge.ChallengeParameters;
import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.testsupport.MutableClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An emulator on a free port with a known seal key and answer key and a hand-moved clock, and a
 * real SDK v2 client pointed at it (no retries, so every answer, throttling included, reaches the
 * test). Answers are signed as the gateway signs them. Each test makes its own and closes it.
 */
final class RunningEmulator implements AutoCloseable {

    static final String PASSWORD = "Thrown-away-1";

    final MutableClock clock = new MutableClock();
    final CodeSeal seal;
    final AnswerSignatures answerKeys;
    final CognitoEmulator emulator;
    final CognitoIdentityProviderClient cognito;

    RunningEmulator() {
        this(UnaryOperator.identity());
    }

    RunningEmulator(UnaryOperator<CognitoEmulatorSettings> customise) {
        String keys = CodeSeal.newKeyConfig("test");
        seal = CodeSeal.fromConfig(keys, "test");
        String answers = KeyRing.newKeyConfig("gateway");
        answerKeys = AnswerSignatures.fromConfig(answers, "gateway");
        emulator = CognitoEmulator.start(customise.apply(CognitoEmulatorSettings.defaults()
                .withFreePort().withSealKeys(keys, "test").withAnswerKeys(answers, "gateway").withClock(clock)));
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    String secretHash(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(emulator.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((username + emulator.clientId()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The pool older Phonegate versions needed: self sign-up on and the number client-writable, so a
     * test can make {@code UNCONFIRMED} users with {@link #signUp}, as older flows left them.
     */
    static CognitoEmulatorSettings withSelfSignUp(CognitoEmulatorSettings settings) {
        return settings.withUserPool(settings.userPool().withSelfSignUp(true))
                .withAppClient(settings.appClient().withWriteAttributes("phone_number", "locale"));
    }

    /** A user as the gateway creates one: CONFIRMED, its phone not verified; returns its sub. */
    String createUser(String phone) {
        String sub = cognito.adminCreateUser(r -> r.userPoolId(emulator.userPoolId()).username(phone)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("phone_number").value(phone).build(),
                        AttributeType.builder().name("phone_number_verified").value("false").build()))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        cognito.adminSetUserPassword(r -> r.userPoolId(emulator.userPoolId()).username(phone).password(PASSWORD)
                .permanent(true));
        return sub;
    }

    /** SignUp as older gateways did it (the pool must allow it: {@link #withSelfSignUp}); the user is UNCONFIRMED. */
    String signUp(String phone) {
        return cognito.signUp(r -> r.clientId(emulator.clientId()).username(phone).password(PASSWORD)
                .secretHash(secretHash(phone))
                .userAttributes(AttributeType.builder().name("phone_number").value(phone).build())).userSub();
    }

    AdminInitiateAuthResponse initiate(String phone) {
        return cognito.adminInitiateAuth(r -> r.userPoolId(emulator.userPoolId()).clientId(emulator.clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", phone, "SECRET_HASH", secretHash(phone))));
    }

    /** Answers as the gateway does: the answer signed now, in ClientMetadata. */
    AdminRespondToAuthChallengeResponse answer(String phone, String session, String answer) {
        return cognito.adminRespondToAuthChallenge(r -> r.userPoolId(emulator.userPoolId()).clientId(emulator.clientId())
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(session)
                .challengeResponses(Map.of("USERNAME", phone, "ANSWER", answer, "SECRET_HASH", secretHash(phone)))
                .clientMetadata(Map.of(AnswerSignatures.CLIENT_METADATA_KEY, answerKeys.sign(phone, answer, clock.instant()))));
    }

    /** The code the SMS would carry: what the dispatcher unseals. */
    String code(Map<String, String> challengeParameters, String phone) {
        return seal.unseal(challengeParameters.get(ChallengeParameters.SEALED_CODE), phone);
    }

    static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Override
    public void close() {
        cognito.close();
        emulator.close();
    }
}
