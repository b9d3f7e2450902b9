package io.phonegate.triggers.create;

import io.phonegate.common.challenge.ChallengeParameters;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.common.user.UserAttributes;
import io.phonegate.triggers.challenge.ChallengeHistory;
import io.phonegate.triggers.challenge.CodeChallenge;
import io.phonegate.triggers.challenge.TriggerEvent;
import io.phonegate.triggers.challenge.TriggerHandler;
import io.phonegate.triggers.challenge.TriggerSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateAuthChallenge: on the first round makes a code, seals it for the user's
 * {@code phone_number} and returns only the sealed form. On later rounds of the same
 * session it reuses the code and expiry recorded in {@code challengeMetadata}, reports
 * {@code retry=true} with fewer attempts left, and so no new SMS goes out.
 *
 * <p>The plaintext code exists only inside {@link #respond}: public and private challenge
 * parameters and the metadata all carry the sealed code. A test number ({@code PHONEGATE_TEST_NUMBERS})
 * gets its fixed code, sealed like any other, and the public parameter {@code testNumber=true}, so the
 * gateway never texts it.
 * Lambda handler: {@code io.phonegate.triggers.create.CreateAuthChallengeHandler::handleRequest}.
 */
public final class CreateAuthChallengeHandler extends TriggerHandler {

    private static final String VERIFIED = "true";

    private final TriggerSettings settings;
    private final CodeSeal seal;
    private final Clock clock;
    private final SecureRandom random;
    private final OneTimeCodes codes;

    /** For Lambda: every {@code PHONEGATE_*} setting from the environment (the seal keys are required), then {@link #prime primes}. */
    public CreateAuthChallengeHandler() {
        this(TriggerSettings.fromEnvironment(System.getenv()), Clock.systemUTC());
        prime();
    }

    public CreateAuthChallengeHandler(TriggerSettings settings, Clock clock) {
        this(settings, clock, new SecureRandom());
    }

    CreateAuthChallengeHandler(TriggerSettings settings, Clock clock, SecureRandom random) {
        this.settings = settings;
        this.seal = settings.requireSeal();
        this.clock = clock;
        this.random = random;
        this.codes = new OneTimeCodes(random, settings.codeLength());
    }

    @Override
    protected void respond(TriggerEvent event) {
        String phone = event.userAttribute("phone_number")
                .orElseThrow(() -> new IllegalStateException("user has no phone_number attribute to send a code to"));
        ChallengeHistory history = ChallengeHistory.of(event.session());
        boolean retry = history.current().isPresent();
        Optional<String> fixedCode = settings.testNumbers().codeFor(phone);
        CodeChallenge challenge = history.current().orElseGet(() -> newChallenge(phone, fixedCode));

        Map<String, String> publicParameters = new LinkedHashMap<>();
        publicParameters.put(ChallengeParameters.SEALED_CODE, challenge.sealedCode());
        publicParameters.put(ChallengeParameters.CHALLENGE_ID, challenge.challengeId());
        publicParameters.put(ChallengeParameters.EXPIRES_AT, challenge.expiresAt().toString());
        publicParameters.put(ChallengeParameters.PURPOSE, purpose(event).name());
        publicParameters.put(ChallengeParameters.CODE_LENGTH, Integer.toString(settings.codeLength()));
        publicParameters.put(ChallengeParameters.ATTEMPTS_LEFT, Integer.toString(history.attemptsLeft(settings.maxAttempts())));
        publicParameters.put(ChallengeParameters.RETRY, Boolean.toString(retry));
        if (fixedCode.isPresent()) {
            publicParameters.put(ChallengeParameters.TEST_NUMBER, Boolean.toString(true));
        }

        Map<String, Object> response = event.response();
        response.put("publicChallengeParameters", publicParameters);
        response.put("privateChallengeParameters", challenge.toPrivateParameters());
        response.put("challengeMetadata", challenge.toMetadata());
    }

    /** A first round: draws a code and an id, seals the code (AES-GCM) for a made-up phone, and throws it all away. */
    @Override
    public Map<String, Object> prime() {
        return prime("CreateAuthChallenge_Authentication", Map.of(
                "userAttributes", Map.of("phone_number", PRIMING_PHONE, UserAttributes.PHONE_NUMBER_VERIFIED, VERIFIED),
                "challengeName", TriggerEvent.CUSTOM_CHALLENGE,
                "session", List.of(),
                "userNotFound", false));
    }

    private CodeChallenge newChallenge(String phone, Optional<String> fixedCode) {
        String sealed = seal.seal(fixedCode.orElseGet(codes::next), phone);
        // millisecond precision: the expiry travels as ISO text through Cognito, Kafka and the gateway's answers
        Instant expiresAt = clock.instant().plus(settings.codeTtl()).truncatedTo(ChronoUnit.MILLIS);
        return new CodeChallenge(randomId(), expiresAt, sealed);
    }

    private String randomId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /**
     * {@code LOGIN} for a verified phone, and for a user who once completed sign-up even if its
     * phone is not verified now (an admin changed {@code phone_number}, which resets the flag):
     * the gateway announces a {@code SIGNUP} user as pending, and the reaper deletes pending users.
     */
    private static OtpPurpose purpose(TriggerEvent event) {
        boolean verified = event.userAttribute(UserAttributes.PHONE_NUMBER_VERIFIED).filter(VERIFIED::equals).isPresent();
        boolean everCompleted = event.userAttribute(UserAttributes.COMPLETED_AT).filter(at -> !at.isBlank()).isPresent();
        return verified || everCompleted ? OtpPurpose.LOGIN : OtpPurpose.SIGNUP;
    }

}
