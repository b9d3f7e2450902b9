package io.phonegate.gateway.auth;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.gateway.pacing.Pacer;
import io.phonegate.gateway.pacing.ResponseFloors;
import io.phonegate.gateway.problem.ApiProblem;
import io.phonegate.gateway.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/auth}: start a login by phone, verify the code, refresh and revoke tokens. A start's
 * {@code 202}, and a verify's {@code wrong-code} or {@code start-again}, are answered no sooner than their
 * floor ({@link ResponseFloors}), asynchronously: the time they take says nothing about the number, and
 * the wait holds no request thread.
 */
@RestController
@RequestMapping(path = "/v1/auth", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "auth", description = "Passwordless phone login: sign-up and log-in are one flow")
class AuthController {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final LoginService logins;
    private final AuthInputs inputs;
    private final ResponseFloors floors;
    private final Pacer pacer;

    AuthController(LoginService logins, AuthInputs inputs, ResponseFloors floors, Pacer pacer) {
        this.logins = logins;
        this.inputs = inputs;
        this.floors = floors;
        this.pacer = pacer;
    }

    @PostMapping("/start")
    @Operation(summary = "Send a code to a phone number",
            description = "Known, unknown, pending and disabled numbers all get the same answer. "
                    + "Answered only after the code was queued durably, and no sooner than the time a sign-up takes.")
    @ApiResponse(responseCode = "202", description = "A code is on its way")
    @ApiResponse(responseCode = "400", description = "Malformed body or number", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body over the size limit", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "type .../country-not-allowed: the number's country is not served; "
            + "type .../bot-check-failed: the bot check (GET /v1/auth/bot-check) is needed and `botToken` was missing or "
            + "did not pass", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "A limit (field `limit`: phone_cooldown, phone_hourly, phone_daily, "
            + "client_ip, country_hourly, daily_budget, wrong_answers); see Retry-After", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Cognito, Kafka, the limits' store or the bot check's provider unavailable; "
            + "see Retry-After", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CompletableFuture<ResponseEntity<StartResponse>> start(@RequestBody StartRequest request, HttpServletRequest http) {
        long received = System.nanoTime();
        PhoneNumber phone = inputs.phone(request.phone());
        String locale = inputs.locale(request.locale());
        LoginService.Started started = logins.start(phone, locale, request.botToken());
        if (started.queued() != null) {
            StartAnsweredFilter.expect(http, started.queued(), started.codeExpiresAt());
        }
        return pacer.answerAt(floors.startNotBefore(received), ResponseEntity.accepted().body(started.answer()));
    }

    @PostMapping("/verify")
    @Operation(summary = "Answer the challenge with the code and receive tokens")
    @ApiResponse(responseCode = "200", description = "Tokens; the ID token shows the verified phone")
    @ApiResponse(responseCode = "400", description = "Malformed body, number, challenge or code", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "type .../wrong-code: a new `challenge` and `attemptsLeft`; "
            + "type .../start-again: expired or out of attempts", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "Out of wrong answers for this number (limit wrong_answers) or "
            + "the client address's rate (client_ip); see Retry-After", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Cognito or the limits' store unavailable; see Retry-After", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CompletableFuture<TokenResponse> verify(@RequestBody VerifyRequest request) {
        long received = System.nanoTime();
        PhoneNumber phone = inputs.phone(request.phone());
        String code = inputs.code(request.code());
        try {
            return CompletableFuture.completedFuture(logins.verify(phone, request.challenge(), code));
        } catch (ApiProblem problem) {
            if (problem.problem() == Problem.WRONG_CODE || problem.problem() == Problem.START_AGAIN) {
                return pacer.failAt(floors.wrongAnswerNotBefore(received), problem);
            }
            throw problem;
        }
    }

    @PostMapping("/refresh")
    @Operation(summary = "New ID and access tokens for a refresh token")
    @ApiResponse(responseCode = "200", description = "Tokens (without a refresh token: keep yours)")
    @ApiResponse(responseCode = "401", description = "Invalid, expired or revoked refresh token", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    TokenResponse refresh(@RequestBody RefreshRequest request) {
        return logins.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a refresh token and the tokens issued from it")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "401", description = "Invalid refresh token", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    void logout(@RequestBody RefreshRequest request) {
        logins.logout(request.refreshToken());
    }
}
