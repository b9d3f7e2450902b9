package io.phonegate.gateway.auth;

import io.phonegate.gateway.delivery.DeliveryStatuses;
import io.phonegate.gateway.delivery.Tracking;
import io.phonegate.gateway.limits.Admission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/auth/challenges/{challenge}/status}: whether the code of a challenge was texted, from any
 * instance. Asked with the handle alone (it is sealed, so only a handle this service gave out opens); a
 * look-alike's answers follow the same course as a real one's.
 */
@RestController
@Tag(name = "auth")
class ChallengeStatusController {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final ChallengeHandles handles;
    private final DeliveryStatuses deliveries;
    private final Admission admission;

    ChallengeStatusController(ChallengeHandles handles, DeliveryStatuses deliveries, Admission admission) {
        this.handles = handles;
        this.deliveries = deliveries;
        this.admission = admission;
    }

    @GetMapping(path = "/v1/auth/challenges/{challenge}/status",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Whether the code was texted",
            description = "`queued` until the SMS provider took the text, then `sent`; `failed` with a `reason` and a "
                    + "`detail` for people when it will not arrive; `expired` once the code no longer works. Poll with "
                    + "a growing interval (1 s, 2 s, 4 s …) until it is no longer `queued`; offer a new code once "
                    + "`resendAfter` has passed. Counts against the client address's limit.")
    @ApiResponse(responseCode = "200", description = "The challenge's delivery status")
    @ApiResponse(responseCode = "400", description = "A challenge this service did not give out",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "The client address's rate (limit client_ip); see Retry-After",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The shared store cannot be read; see Retry-After",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ChallengeStatusResponse> status(
            @Parameter(description = "The challenge handle from the start (or the last wrong-code answer)")
            @PathVariable("challenge") String challenge) {
        Tracking tracking = handles.openForStatus(challenge).tracking();
        DeliveryStatuses.Status status = deliveries.statusOf(tracking);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(ChallengeStatusResponse.of(status, tracking.expiresAt(), admission.resendAfter(tracking.startedAt())));
    }
}
