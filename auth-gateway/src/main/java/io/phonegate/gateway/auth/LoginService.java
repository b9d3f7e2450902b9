package io.phonegate.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.event.OtpPurpose;
import io.phonegate.common.event.OtpRequested;
import io.phonegate.common.event.SignupCompleted;
import io.phonegate.common.event.SignupRequestedV2;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.cognito.AuthRejectedException;
import io.phonegate.gateway.cognito.AuthStep;
import io.phonegate.gateway.cognito.AuthTokens;
import io.phonegate.gateway.cognito.CognitoThrottledException;
import io.phonegate.gateway.cognito.CognitoUnavailableException;
import io.phonegate.gateway.cognito.DisabledUserException;
import io.phonegate.gateway.cognito.UnconfirmedUserException;
import io.phonegate.gateway.cognito.UnknownUserException;
import io.phonegate.gateway.cognito.UserExistsException;
import io.phonegate.gateway.cognito.UserPool;
import io.phonegate.gateway.botcheck.BotCheck;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.delivery.DeliveryStatuses;
import io.phonegate.gateway.delivery.Tracking;
import io.phonegate.gateway.events.EventPublisher;
import io.phonegate.gateway.events.EventsUnavailableException;
import io.phonegate.gateway.limits.Admission;
import io.phonegate.gateway.limits.WrongAnswers;
import io.phonegate.gateway.pacing.ResponseFloors;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import io.phonegate.gateway.testnumbers.TestNumberPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
    private final ResponseFloors floors;
    private final DeliveryStatuses deliveries;
    private final TestNumberPolicy testNumbers;
    private final BotCheck botCheck;
    private final JsonMapper json;
    private final Counter signupsRequested;
    private final Counter signupsCompleted;
    private final Clock clock;
    private final ChallengeShape shape;

    LoginService(UserPool userPool, EventPublisher events, Admission admission, WrongAnswers wrongAnswers,
                 ChallengeHandles handles, RefreshTokenHandles refreshTokens, ResponseFloors floors,
                 DeliveryStatuses deliveries, TestNumberPolicy testNumbers, BotCheck botCheck,
                 GatewayProperties properties, JsonMapper json, MeterRegistry meters, Clock clock) {
        this.userPool = userPool;
        this.events = events;
        this.admission = admission;
        this.wrongAnswers = wrongAnswers;
        this.handles = handles;
        this.refreshTokens = refreshTokens;
        this.floors = floors;
        this.deliveries = deliveries;
        this.testNumbers = testNumbers;
        this.botCheck = botCheck;
        this.json = json;
        this.signupsRequested = meters.counter("phonegate.auth.signups", "stage", "requested");
        this.signupsCompleted = meters.counter("phonegate.auth.signups", "stage", "completed");
        this.clock = clock;
        this.shape = new ChallengeShape(properties);
    }

    /**
     * Sends a code to {@code phone}, creating the user first if there is none. Admitted against the
     * shared limits, then the bot check (where it applies: the admission says whether the number logged in
     * before), before any Cognito call. Returns only after Kafka acknowledged the {@code OtpRequested}.
     * A disabled user gets a look-alike answer and no code; a test number its fixed code and no SMS. The
     * answer is the same function of the admission instant whatever the number's state (its times, the
     * code's length, the handle's size); how long it takes is the controller's to even out.
     */
    Started start(PhoneNumber phone, String locale, String botToken) {
        long began = System.nanoTime();
        Admission.Slot slot = admission.admit(phone);
        try {
            botCheck.check(botToken, slot.login(), phone.regionCode());
            return startWithSlot(phone, locale, slot, began);
        } catch (RuntimeException e) {
            admission.release(slot);
            throw e;
        }
    }

    private Started startWithSlot(PhoneNumber phone, String locale, Admission.Slot slot, long began) {
        boolean createFirst = !slot.login();
        Reached reached;
        try {
            reached = createFirst ? createFirst(phone) : loginFirst(phone, false);
        } catch (DisabledUserException e) {
            if (createFirst) {
                floors.startSlowPath(System.nanoTime() - began);
            }
            log.info("Start for disabled user {}: look-alike answer, no code", phone);
            Tracking tracking = deliveries.untexted(null, slot.admittedAt(), shape.expiresAt(slot.admittedAt()));
            return Started.untexted(answer(slot, handles.lookAlike(phone, shape.attempts(), tracking)));
        } catch (AuthRejectedException e) {
            throw new CognitoUnavailableException("Cognito refused to start the custom flow: " + e.getMessage(), e);
        }
        if (!(reached.step() instanceof AuthStep.Challenge challenge)) {
            throw new IllegalStateException("Cognito issued tokens without a challenge: check the Define trigger");
        }
        ChallengeView view = ChallengeView.of(challenge.parameters());
        if (view.purpose() == OtpPurpose.SIGNUP && !reached.announced()) {
            // A pending user came back: announcing it again moves the reaper's deadline. A user who ever
            // completed sign-up gets LOGIN from the Create trigger, so it is never announced as pending here.
            announceSignup(phone);
        }
        shape.learn(view, slot.admittedAt());
        Instant expiresAt = shape.expiresAt(slot.admittedAt());
        Tracking tracking;
        boolean queued = false;
        if (testNumbers.untexted(phone, view.testNumber())) {
            // A test number: its code is fixed, and it is never texted (nothing is published, so nothing can be sent).
            tracking = deliveries.untexted(view.challengeId(), slot.admittedAt(), expiresAt);
        } else {
            if (!view.retry()) {
                events.publish(new OtpRequested(UUID.randomUUID(), clock.instant(), phone, view.challengeId(),
                        view.sealedCode(), view.purpose(), locale, view.expiresAt(), slot.ticket()));
                queued = true;
            }
            tracking = deliveries.texted(view.challengeId(), slot.admittedAt(), expiresAt);
        }
        if (createFirst || reached.created()) {
            floors.startSlowPath(System.nanoTime() - began);
        }
        StartResponse response = answer(slot, handles.forSession(phone, challenge.session(), tracking));
        return queued ? new Started(response, slot, view.expiresAt()) : Started.untexted(response);
    }

    /**
     * How a start reached its challenge.
     *
     * @param announced whether it published a {@code SignupRequestedV2} on the way (then not again for it)
     * @param created   whether it created (or replaced) the user: the slow path the start floor learns
     */
    private record Reached(AuthStep step, boolean announced, boolean created) {
    }

    /**
     * A start's answer and, when a code was queued for it, what marks it answered once the {@code 202} has
     * left ({@link StartAnsweredFilter}): the dispatcher sends the code only then.
     *
     * @param queued        the start's admission, or {@code null} when no code was queued (a test number, a
     *                      disabled user, a challenge whose code was queued before)
     * @param codeExpiresAt when the queued code expires, or {@code null}
     */
    record Started(StartResponse answer, Admission.Slot queued, Instant codeExpiresAt) {

        static Started untexted(StartResponse answer) {
            return new Started(answer, null, null);
        }
    }

    /** Real or look-alike, the same fields from the same inputs: the admission instant and the challenge's shape. */
    private StartResponse answer(Admission.Slot slot, String handle) {
        return new StartResponse(handle, shape.expiresAt(slot.admittedAt()), admission.resendAfter(slot),
                shape.codeLength());
    }

    /**
     * A number that has not logged in within {@code verified-memory} (the admission's marker), so most likely a
     * new one: announce, then create, with no lookup first — {@code AdminCreateUser}, {@code AdminSetUserPassword},
     * {@code AdminInitiateAuth}, three Cognito calls instead of four (five where {@code PreventUserExistenceErrors}
     * is {@code ENABLED}). The announcement is on Kafka before Cognito is written to, so a broker outage fails
     * the start with nothing created, and a crash or a Cognito failure after it leaves an announced user (or
     * none), never an unannounced one.
     *
     * <p>Where a user has the number after all (a pending sign-up coming back, a user whose marker expired or
     * predates markers, a disabled or an {@code UNCONFIRMED} one), Cognito refuses the creation and the start
     * goes on as a known number's, already announced. So does a creation Cognito throttles: the number may well
     * be a known user's, whose log-in must not wait for the sign-up quota ({@code AdminCreateUser} is in the
     * smallest category, UserCreation); an unknown one then meets the throttling again and gets {@code 503 busy}.
     * Announcing a user that completed sign-up is harmless: the reaper keeps every user with
     * {@code custom:pg_completed} or a verified phone.
     */
    private Reached createFirst(PhoneNumber phone) {
        announceSignup(phone);
        try {
            userPool.createUser(phone.e164());
        } catch (UserExistsException e) {
            return loginFirst(phone, true);
        } catch (CognitoThrottledException e) {
            log.info("Creating {} was throttled; starting it as a known number in case it is one", phone);
            return loginFirst(phone, true);
        }
        signupRequested(phone);
        return new Reached(userPool.startCustomAuth(phone.e164()), true, true);
    }

    /**
     * A number that logged in before, or one whose creation found a user: {@code AdminInitiateAuth} first, a
     * single Cognito call for a known user. No such user: announce (unless done), create, start. An
     * {@code UNCONFIRMED} user of an older flow: announce (unless done), delete, create, start. Announcing
     * before the delete keeps the one rule, no Cognito write before the announcement: a failure after the
     * delete leaves no user, after the create an announced one. The old user's own announcement, if it had
     * one, no longer matches anything the reaper may delete (the new user is created after its window, or has
     * another sub).
     */
    private Reached loginFirst(PhoneNumber phone, boolean announced) {
        String username = phone.e164();
        try {
            return new Reached(userPool.startCustomAuth(username), announced, false);
        } catch (UnknownUserException e) {
            if (!announced) {
                announceSignup(phone);
            }
            createPendingUser(phone);
        } catch (UnconfirmedUserException e) {
            log.info("Replacing UNCONFIRMED user {}", phone);
            if (!announced) {
                announceSignup(phone);
            }
            try {
                userPool.deleteUser(username);
            } catch (UnknownUserException gone) {
                log.info("UNCONFIRMED user {} was already gone (the reaper's sweep); creating it afresh", phone);
            }
            createPendingUser(phone);
        }
        return new Reached(userPool.startCustomAuth(username), true, true);
    }

    private void createPendingUser(PhoneNumber phone) {
        String username = phone.e164();
        try {
            userPool.createUser(username);
            signupRequested(phone);
        } catch (UserExistsException e) {
            log.info("User {} was created by a concurrent start; continuing with it", phone);
        }
    }

    private void signupRequested(PhoneNumber phone) {
        signupsRequested.increment();
        log.info("Created pending user {}", phone);
    }

    private void announceSignup(PhoneNumber phone) {
        events.publish(new SignupRequestedV2(UUID.randomUUID(), clock.instant(), phone, phone.e164()));
    }

    /**
     * Answers the challenge with the code. A pending user's first success marks the phone verified and
     * returns tokens that already say so. A handle this gateway did not give out for this number is refused
     * before anything is counted; every answer on a real handle counts against the number's wrong-answer
     * allowance until Cognito accepts it, and so does every answer on a look-alike, which no code opens.
     * A handle answers once.
     *
     * @throws ApiProblem {@code invalid-challenge}; {@code wrong-code} with a new challenge, or {@code start-again}
     */
    TokenResponse verify(PhoneNumber phone, String challenge, String code) {
        ChallengeHandles.Opened handle = handles.open(challenge, phone);
        WrongAnswers.Reservation reservation = wrongAnswers.reserve(phone, handle.id());
        TokenResponse tokens;
        try {
            if (reservation.answeredBefore()) {
                throw startAgain();
            }
            if (handle instanceof ChallengeHandles.LookAlike lookAlike) {
                throw lookAlikeAnswered(phone, lookAlike);
            }
            tokens = answer(phone, (ChallengeHandles.Session) handle, code);
        } catch (ApiProblem judgedWrong) {
            throw judgedWrong;
        } catch (RuntimeException notJudged) {
            wrongAnswers.giveBack(reservation);
            throw notJudged;
        }
        wrongAnswers.accepted(reservation);
        return tokens;
    }

    private TokenResponse answer(PhoneNumber phone, ChallengeHandles.Session handle, String code) {
        String username = phone.e164();
        long asked = System.nanoTime();
        AuthStep step;
        try {
            step = userPool.answerChallenge(username, handle.session(), code);
        } catch (AuthRejectedException | UnknownUserException | DisabledUserException | UnconfirmedUserException e) {
            floors.wrongAnswerJudged(System.nanoTime() - asked);
            throw startAgain();
        }
        if (step instanceof AuthStep.Challenge next) {
            floors.wrongAnswerJudged(System.nanoTime() - asked);
            ChallengeView view = ChallengeView.of(next.parameters());
            throw wrongCode(handles.forSession(phone, next.session(), handle.tracking()), view.attemptsLeft());
        }
        AuthTokens tokens = ((AuthStep.Tokens) step).tokens();
        IdTokenClaims claims = IdTokenClaims.of(tokens.idToken(), json);
        AuthTokens answer = claims.signupCompleted() ? tokens : completeSignup(phone, claims, tokens);
        return TokenResponse.of(answer, refreshTokens.wrap(claims.username(), tokens.refreshToken()));
    }

    /** A look-alike is answered as a real challenge whose every answer is wrong: attempts count down, then it is over. */
    private ApiProblem lookAlikeAnswered(PhoneNumber phone, ChallengeHandles.LookAlike lookAlike) {
        if (lookAlike.attemptsLeft() <= 1 || !clock.instant().isBefore(lookAlike.expiresAt())) {
            return startAgain();
        }
        int left = lookAlike.attemptsLeft() - 1;
        return wrongCode(handles.lookAlike(phone, left, lookAlike.tracking()), left);
    }

    private static ApiProblem wrongCode(String nextHandle, int attemptsLeft) {
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("challenge", nextHandle);
        next.put("attemptsLeft", attemptsLeft);
        return new ApiProblem(Problem.WRONG_CODE, "the code is wrong; " + attemptsLeft + " attempts left", next, null);
    }

    private static ApiProblem startAgain() {
        return new ApiProblem(Problem.START_AGAIN, "this challenge has expired or has no attempts left; ask for a new code");
    }

    private AuthTokens completeSignup(PhoneNumber phone, IdTokenClaims claims, AuthTokens tokens) {
        String username = phone.e164();
        userPool.markSignupCompleted(username, clock.instant());
        signupsCompleted.increment();
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
