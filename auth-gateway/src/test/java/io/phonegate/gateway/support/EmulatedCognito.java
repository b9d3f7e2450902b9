package io.phonegate.gateway.support;

import io.phonegate.common.keys.KeyRing;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.devstack.cognito.CognitoEmulator;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One Cognito emulator for the test JVM, on a free port, set up as {@code deploy-aws} sets up a real
 * pool, with a seal key the tests know (to unseal the code from {@code OtpRequested}), the answer keys
 * every gateway of the tests is given ({@link #ANSWER_KEYS}), and a clock they can move. Started on
 * first use, stopped when the JVM ends. Tests use their own phone numbers, so they do not see each
 * other's users. Tests of other pool settings start an {@link EmulatedPool} of their own.
 */
public final class EmulatedCognito {

    public static final ShiftableClock CLOCK = new ShiftableClock();
    static final String SEAL_KEYS = CodeSeal.newKeyConfig("test");
    public static final CodeSeal SEAL = CodeSeal.fromConfig(SEAL_KEYS, "test");
    /** {@code phonegate.answer.keys} for every gateway the tests start: the keys the emulator's Verify trigger checks. */
    public static final String ANSWER_KEYS = KeyRing.newKeyConfig("test");
    private static final EmulatedPool POOL;

    /** Every operation the gateway may call, for counting all of its calls. */
    public static final List<String> OPERATIONS = List.of("AdminInitiateAuth", "AdminRespondToAuthChallenge",
            "AdminCreateUser", "AdminSetUserPassword", "SignUp", "AdminConfirmSignUp", "AdminDeleteUser",
            "AdminUpdateUserAttributes", "AdminGetUser", "RevokeToken", "ListUsers", "DescribeUserPool",
            "DescribeUserPoolClient");

    static {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        POOL = EmulatedPool.start(UnaryOperator.identity());
    }

    private EmulatedCognito() {
    }

    public static CognitoEmulator emulator() {
        return POOL.emulator();
    }

    /** An SDK client for the test's own setup and checks (no retries). */
    public static CognitoIdentityProviderClient admin() {
        return POOL.admin();
    }

    /** Every Cognito call the emulator received, of any operation. */
    public static long totalCalls() {
        return OPERATIONS.stream().mapToLong(emulator()::callCount).sum();
    }

    public static AdminGetUserResponse user(String phone) {
        return POOL.user(phone);
    }

    public static String attribute(AdminGetUserResponse user, String name) {
        return EmulatedPool.attribute(user, name);
    }

    /** The settings that point a gateway at this emulator, as {@code name=value}. */
    public static List<String> gatewayProperties() {
        return POOL.gatewayProperties();
    }

    /** A user left {@code UNCONFIRMED}, as older flows left them; returns its sub. */
    public static String signUpUnconfirmed(String phone) {
        return POOL.signUpUnconfirmed(phone);
    }

    /** A user who completed sign-up but whom the gateway's store does not know as logged in; returns its sub. */
    public static String completedUser(String phone) {
        return POOL.completedUser(phone);
    }

    public static void disable(String phone) {
        POOL.disable(phone);
    }
}
