package io.phonegate.reaper;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.devstack.cognito.CognitoEmulator;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The Cognito emulator on a free port, and users made in it the way the gateway makes them,
 * through the real SDK: {@code AdminCreateUser} then {@code AdminSetUserPassword} for a pending user,
 * {@code AdminUpdateUserAttributes} to verify (with the completion marker), {@code AdminDisableUser};
 * and the way older gateways made them ({@code SignUp}, which the pool here still allows, as the pools
 * of older versions did).
 */
public final class CognitoPool implements AutoCloseable {

    private static final String PASSWORD = "Thrown-away-1";

    private final CognitoEmulator emulator;
    private final CognitoIdentityProviderClient client;

    private CognitoPool(CognitoEmulator emulator) {
        this.emulator = emulator;
        this.client = CognitoIdentityProviderClient.builder()
                .region(Region.of(emulator.region()))
                .endpointOverride(emulator.endpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Also sets dummy AWS credentials as system properties, where the reaper's default chain finds them. */
    public static CognitoPool start() {
        return start(UnaryOperator.identity());
    }

    /** @param customise the pool's settings, over those of a pool older gateways signed users up in */
    public static CognitoPool start(UnaryOperator<CognitoEmulatorSettings> customise) {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        CognitoEmulatorSettings settings = CognitoEmulatorSettings.defaults().withFreePort();
        settings = settings.withUserPool(settings.userPool().withSelfSignUp(true))
                .withAppClient(settings.appClient().withWriteAttributes("phone_number", "locale"));
        return new CognitoPool(CognitoEmulator.start(customise.apply(settings)));
    }

    public CognitoEmulator emulator() {
        return emulator;
    }

    /** The reaper's settings that point it at this pool. */
    public Map<String, String> settings() {
        return Map.of(
                "phonegate.cognito.endpoint", emulator.endpoint().toString(),
                "phonegate.cognito.user-pool-id", emulator.userPoolId(),
                "phonegate.aws.region", emulator.region());
    }

    /** A pending user as the gateway leaves it: CONFIRMED, phone not verified. @return its sub */
    public String createPending(PhoneNumber phone) {
        String sub = createWithoutPassword(phone);
        client.adminSetUserPassword(request -> request.userPoolId(emulator.userPoolId()).username(phone.e164())
                .password(PASSWORD).permanent(true));
        return sub;
    }

    /** A creation cut short after AdminCreateUser: FORCE_CHANGE_PASSWORD, phone not verified. @return its sub */
    public String createWithoutPassword(PhoneNumber phone) {
        return client.adminCreateUser(request -> request.userPoolId(emulator.userPoolId()).username(phone.e164())
                        .messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(AttributeType.builder().name("phone_number").value(phone.e164()).build(),
                                AttributeType.builder().name("phone_number_verified").value("false").build()))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).map(AttributeType::value)
                .findFirst().orElseThrow();
    }

    /** A user from an older flow that never confirmed: UNCONFIRMED. @return its sub */
    public String createUnconfirmed(PhoneNumber phone) {
        return client.signUp(request -> request
                .clientId(emulator.clientId())
                .secretHash(secretHash(phone.e164()))
                .username(phone.e164())
                .password(PASSWORD)
                .userAttributes(AttributeType.builder().name("phone_number").value(phone.e164()).build()))
                .userSub();
    }

    /**
     * What the gateway does when the right code comes back: one call marks the phone verified and
     * the user as having completed sign-up.
     */
    public void verify(PhoneNumber phone) {
        client.adminUpdateUserAttributes(request -> request.userPoolId(emulator.userPoolId()).username(phone.e164())
                .userAttributes(AttributeType.builder().name("phone_number_verified").value("true").build(),
                        AttributeType.builder().name("custom:pg_completed").value(Instant.now().toString()).build()));
    }

    /** What older gateways did: the phone verified, no completion marker. */
    public void verifyWithoutCompletionMarker(PhoneNumber phone) {
        client.adminUpdateUserAttributes(request -> request.userPoolId(emulator.userPoolId()).username(phone.e164())
                .userAttributes(AttributeType.builder().name("phone_number_verified").value("true").build()));
    }

    /** An admin gives the user another number; Cognito then resets {@code phone_number_verified} to false. */
    public void changePhoneNumber(PhoneNumber phone, PhoneNumber newNumber) {
        client.adminUpdateUserAttributes(request -> request.userPoolId(emulator.userPoolId()).username(phone.e164())
                .userAttributes(AttributeType.builder().name("phone_number").value(newNumber.e164()).build()));
    }

    /** The user's attributes by name; empty once it is gone. */
    public Map<String, String> attributes(PhoneNumber phone) {
        try {
            return client.adminGetUser(request -> request.userPoolId(emulator.userPoolId()).username(phone.e164()))
                    .userAttributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
        } catch (UserNotFoundException e) {
            return Map.of();
        }
    }

    public void disable(PhoneNumber phone) {
        client.adminDisableUser(request -> request.userPoolId(emulator.userPoolId()).username(phone.e164()));
    }

    public void delete(PhoneNumber phone) {
        client.adminDeleteUser(request -> request.userPoolId(emulator.userPoolId()).username(phone.e164()));
    }

    /** The user's {@code sub}, or empty once it is gone. */
    public Optional<String> sub(PhoneNumber phone) {
        try {
            AdminGetUserResponse user = client.adminGetUser(request -> request.userPoolId(emulator.userPoolId())
                    .username(phone.e164()));
            return user.userAttributes().stream().filter(a -> a.name().equals("sub")).map(AttributeType::value)
                    .findFirst();
        } catch (UserNotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean exists(PhoneNumber phone) {
        return sub(phone).isPresent();
    }

    private String secretHash(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(emulator.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] hash = mac.doFinal((username + emulator.clientId()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        emulator.close();
    }
}
