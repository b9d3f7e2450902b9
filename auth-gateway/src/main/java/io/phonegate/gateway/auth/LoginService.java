package io.phonegate.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.cognito.AuthRejectedException;
import io.phonegate.gateway.cognito.AuthStep;
import io.phonegate.gateway.cognito.AuthTokens;
import io.phonegate.gateway.cognito.CognitoUnavailableException;
import io.phonegate.gateway.cognito.DisabledUserException;
import io.phonegate.gateway.cognito.UnconfirmedUserException;
import io.phonegate.gateway.cognito.UnknownUserException;
import io.phonegate.gateway.cognito.UserExistsException;
import io.phonegate.gateway.cognito.UserPool;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.events.EventPublisher;
import io.phonegate.gateway.events.EventsUnavailableException;
import io.phonegate.gateway.limits.Admission;
import io.phonegate.gateway.limits.WrongAnswers;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The login flows: start (sign-up or log-in, one flow) and verify, against Cognito's custom auth flow. */
@Service
class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final UserPool userPool;
    private final EventPublisher events;
    private final Admission admission;
    private final WrongAnswers wrongAnswers;
    private final ChallengeHandles handles;
    private final RefreshTokenHandles refreshTokens;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    /** How long real codes lived when this instance last saw one; what a look-alike answer claims. */
    private final AtomicReference<Duration> codeLifetime;
    private final AtomicInteger codeLength;

    LoginService(UserPool userPool, EventPublisher events, Admission admission, WrongAnswers wrongAnswers,
                 ChallengeHandles handles, RefreshTokenHandles refreshTokens, GatewayProperties properties,
                 JsonMapper json, MeterRegistry meters, Clock clock) {
        this.userPool = userPool;
        this.events = events;
        this.admission = admission;
        this.wrongAnswers = wrongAnswers;
        this.handles = handles;
        this.refreshTokens = refreshTokens;
        this.json = json;
        this.meters = meters;
        meters.counter("phonegate.auth.signups", "stage", "requested");
        meters.counter("phonegate.auth.signups", "stage", "completed");
        this.clock = clock;
        this.codeLifetime = new AtomicReference<>(properties.codeTtl());
        this.codeLength = new AtomicInteger(properties.codeLength());
    }

    /**
     * Sends a code to {@code phone}, creating the user first if there is none. Admitted against the
     * shared limits before any Cognito call. Returns only after Kafka acknowledged the
     * {@code OtpRequested}. A disabled user gets a look-alike answer and no code.
     */
    StartResponse start(PhoneNumber phone, String locale) {
        Admission.Slot slot = admission.admit(phone);
        try {
            return startWithSlot(phone, locale, slot);
        } catch (RuntimeException e) {
            admission.release(slot);
            throw e;
        }
    }

    private StartResponse startWithSlot(PhoneNumber phone, String locale, Admission.Slot slot) {
        String username = phone.e164();
        AuthStep step;
        boolean created = false;
        try {
            step = userPool.startCustomAuth(username);
        } catch (UnknownUserException e) {
            step = createAndStart(phone);
            created = true;
        } catch (UnconfirmedUserException e) {
            step = replaceAndStart(phone);
            created = true;
        } catch (DisabledUserException e) {
            log.info("Start for disabled user {}: look-alike answer, no code", phone);
            return lookAlike(slot);
        } catch (AuthRejectedException e) {
            throw new CognitoUnavailableException("Cognito refused to start the custom flow: " + e.getMessage(), e);
        }
        if (!(step instanceof AuthStep.Challenge challenge)) {
            throw new IllegalStateException("Cognito issued tokens without a challenge: check the Define trigger");
        }
        ChallengeView view = ChallengeView.of(challenge.parameters());
        if (view.purpose() == OtpPurpose.SIGNUP && !created) {
            // A pending user came back: announcing it again moves the reaper's deadline. A user who ever
            // completed sign-up gets LOGIN from the Create trigger, so it is never announced as pending.
            announceSignup(phone);
        }
        codeLifetime.set(Duration.between(clock.instant(), view.expiresAt()));
        codeLength.set(view.codeLength());
        if (!view.retry()) {
            events.publish(new OtpRequested(UUID.randomUUID(), clock.instant(), phone, view.challengeId(),
                    view.sealedCode(), view.purpose(), locale, view.expiresAt(), slot.ticket()));
        }
        return new StartResponse(handles.wrap(challenge.session()), view.expiresAt(), admission.resendAfter(slot),
                view.codeLength());
    }

    /**
     * A new number: announce, then create. The announcement is on Kafka before Cognito is written to,
     * so a broker outage fails the start with nothing created, and a crash or a Cognito failure after
     * it leaves an announced user (or none), never an unannounced one.
     */
    private AuthStep createAndStart(PhoneNumber phone) {
        announceSignup(phone);
        createPendingUser(phone);
        return userPool.startCustomAuth(phone.e164());
    }

    /**
     * An {@code UNCONFIRMED} user of an older flow: announce, delete, create. Announcing first keeps the
     * one rule, no Cognito write before the announcement: a failure after the delete leaves no user,
     * after the create an announced one. The old user's own announcement, if it had one, no longer
     * matches anything the reaper may delete (the new user is created after its window, or has another sub).
     */
    private AuthStep replaceAndStart(PhoneNumber phone) {
        log.info("Replacing UNCONFIRMED user {}", phone);
        announceSignup(phone);
        try {
            userPool.deleteUser(phone.e164());
        } catch (UnknownUserException e) {
            log.info("UNCONFIRMED user {} was already gone (the reaper's sweep); creating it afresh", phone);
        }
        createPendingUser(phone);
        return userPool.startCustomAuth(phone.e164());
    }

    private void createPendingUser(PhoneNumber phone) {
        String username = phone.e164();
        try {
            userPool.createUser(username);
            meters.counter("phonegate.auth.signups", "stage", "requested").increment();
            log.info("Created pending user {}", phone);
        } catch (UserExistsException e) {
            log.info("User {} was created by a concurrent start; continuing with it", phone);
        }
    }

    private void announceSignup(PhoneNumber phone) {
        events.publish(new SignupRequestedV2(UUID.randomUUID(), clock.instant(), phone, phone.e164()));
    }

    private StartResponse lookAlike(Admission.Slot slot) {
        return new StartResponse(handles.lookAlike(), clock.instant().plus(codeLifetime.get()),
                admission.resendAfter(slot), codeLength.get());
    }

    /**
     * Answers the challenge with the code. A pending user's first success marks the phone
     * verified and returns tokens that already say so. Every answer Cognito judges and does not
     * accept counts against the number's wrong-answer allowance, whichever code or instance it was.
     *
     * @throws ApiProblem {@code wrong-code} with a new challenge, or {@code start-again}
     */
    TokenResponse verify(PhoneNumber phone, String challenge, String code) {
        String session = handles.open(challenge);
        WrongAnswers.Reservation reservation = wrongAnswers.reserve(phone);
        TokenResponse tokens;
        try {
            tokens = answer(phone, session, code);
        } catch (ApiProblem judgedWrong) {
            throw judgedWrong;
        } catch (RuntimeException notJudged) {
            wrongAnswers.giveBack(reservation);
            throw notJudged;
        }
        wrongAnswers.accepted(reservation);
        return tokens;
    }

    private TokenResponse answer(PhoneNumber phone, String session, String code) {
        String username = phone.e164();
        AuthStep step;
        try {
            step = userPool.answerChallenge(username, session, code);
        } catch (AuthRejectedException | UnknownUserException | DisabledUserException | UnconfirmedUserException e) {
            throw new ApiProblem(Problem.START_AGAIN,
                    "this challenge has expired or has no attempts left; ask for a new code");
        }
        if (step instanceof AuthStep.Challenge next) {
            ChallengeView view = ChallengeView.of(next.parameters());
            throw new ApiProblem(Problem.WRONG_CODE, "the code is wrong; " + view.attemptsLeft() + " attempts left",
                    Map.of("challenge", handles.wrap(next.session()), "attemptsLeft", view.attemptsLeft()), null);
        }
        AuthTokens tokens = ((AuthStep.Tokens) step).tokens();
        IdTokenClaims claims = IdTokenClaims.of(tokens.idToken(), json);
        AuthTokens answer = claims.signupCompleted() ? tokens : completeSignup(phone, claims, tokens);
        return TokenResponse.of(answer, refreshTokens.wrap(claims.username(), tokens.refreshToken()));
    }

    private AuthTokens completeSignup(PhoneNumber phone, IdTokenClaims claims, AuthTokens tokens) {
        String username = phone.e164();
        userPool.markSignupCompleted(username, clock.instant());
        meters.counter("phonegate.auth.signups", "stage", "completed").increment();
        log.info("Sign-up of {} completed", phone);
        try {
            events.publish(new SignupCompleted(UUID.randomUUID(), clock.instant(), phone, username, claims.sub()));
        } catch (EventsUnavailableException e) {
            // The user is verified in Cognito, which is what the reaper checks before deleting, and the
            // code is spent: failing the login now would only make the person start over.
            log.warn("SignupCompleted for {} not published: {}", phone, e.getMessage());
        }
        return userPool.refresh(claims.username(), tokens.refreshToken());
    }

    TokenResponse refresh(String refreshToken) {
        RefreshTokenHandles.Opened opened = refreshTokens.open(refreshToken);
        try {
            return TokenResponse.of(userPool.refresh(opened.username(), opened.refreshToken()), null);
        } catch (AuthRejectedException | UnknownUserException | DisabledUserException e) {
            throw new ApiProblem(Problem.INVALID_REFRESH_TOKEN, "the refresh token is invalid, expired or revoked");
        }
    }

    void logout(String refreshToken) {
        RefreshTokenHandles.Opened opened = refreshTokens.open(refreshToken);
        try {
            userPool.revoke(opened.refreshToken());
        } catch (AuthRejectedException e) {
            throw new ApiProblem(Problem.INVALID_REFRESH_TOKEN, "the refresh token is invalid, expired or revoked");
        }
    }
}
