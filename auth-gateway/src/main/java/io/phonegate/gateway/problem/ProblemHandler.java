package io.phonegate.gateway.problem;

import io.phonegate.gateway.cognito.CognitoThrottledException;
import io.phonegate.gateway.cognito.CognitoUnavailableException;
import io.phonegate.gateway.cognito.UserPoolException;
import io.phonegate.gateway.config.GatewayProperties;
import io.phonegate.gateway.events.DeadlinePassedException;
import io.phonegate.gateway.events.EventsUnavailableException;
import io.phonegate.gateway.limits.RateLimitedException;
import io.phonegate.gateway.limits.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes every error as RFC 9457 {@code application/problem+json}: the gateway's own outcomes,
 * the edges' failures, and Spring MVC's own errors (unknown path, wrong method or media type,
 * unreadable body), each with its stable {@code type}. Details never echo internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final GatewayProperties properties;

    ProblemHandler(GatewayProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem, HttpServletRequest request) {
        return ProblemResponses.entity(request, problem);
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e, HttpServletRequest request) {
        return ProblemResponses.entity(request, rateLimited(e));
    }

    /** A limit's refusal as the API answers it, whether thrown in a flow or met in a filter ({@link DirectAnswers}). */
    static ApiProblem rateLimited(RateLimitedException e) {
        return new ApiProblem(Problem.RATE_LIMITED, e.limit().description(), Map.of("limit", e.limit().tag()),
                e.retryAfter());
    }

    /** The shared store could not admit the request: nothing was sent or counted; come back shortly. */
    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailableException e, HttpServletRequest request) {
        return ProblemResponses.entity(request, new ApiProblem(Problem.UNAVAILABLE,
                "the request cannot be admitted right now; try again shortly", Map.of(), e.retryAfter()));
    }

    @ExceptionHandler(CognitoThrottledException.class)
    ResponseEntity<ProblemDetail> cognitoThrottled(CognitoThrottledException e, HttpServletRequest request) {
        log.warn("Cognito throttled: {}", e.getMessage());
        return ProblemResponses.entity(request, new ApiProblem(Problem.COGNITO_THROTTLED,
                "the identity service is at its request quota; try again shortly", Map.of(),
                properties.cognito().retryAfter()));
    }

    @ExceptionHandler(CognitoUnavailableException.class)
    ResponseEntity<ProblemDetail> cognitoUnavailable(CognitoUnavailableException e, HttpServletRequest request) {
        log.warn("Cognito unavailable: {}", e.getMessage());
        return ProblemResponses.entity(request, new ApiProblem(Problem.UNAVAILABLE,
                "the identity service cannot be reached; try again shortly", Map.of(),
                properties.cognito().retryAfter()));
    }

    /**
     * Any other Cognito answer the flow did not expect at that point, such as a user another start
     * is creating at this very moment: worth a retry shortly, and logged for the operators.
     */
    @ExceptionHandler(UserPoolException.class)
    ResponseEntity<ProblemDetail> cognitoUnexpected(UserPoolException e, HttpServletRequest request) {
        log.warn("Unexpected Cognito answer: {}", e.getMessage());
        return ProblemResponses.entity(request, new ApiProblem(Problem.UNAVAILABLE,
                "the identity service could not complete this now; try again shortly", Map.of(),
                properties.cognito().retryAfter()));
    }

    /** The request's deadline passed before its code was published: nothing was sent. */
    @ExceptionHandler(DeadlinePassedException.class)
    ResponseEntity<ProblemDetail> deadlinePassed(DeadlinePassedException e, HttpServletRequest request) {
        return ProblemResponses.entity(request, new ApiProblem(Problem.BUSY,
                "the request took too long and nothing was sent; try again shortly", Map.of(),
                e.retryAfter()));
    }

    @ExceptionHandler(EventsUnavailableException.class)
    ResponseEntity<ProblemDetail> eventsUnavailable(EventsUnavailableException e, HttpServletRequest request) {
        log.warn("Kafka unavailable: {} ({})", e.getMessage(), e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
        return ProblemResponses.entity(request, new ApiProblem(Problem.UNAVAILABLE,
                "the code could not be queued for sending; try again shortly", Map.of(),
                properties.cognito().retryAfter()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return ProblemResponses.entity(request, new ApiProblem(Problem.INTERNAL_ERROR,
                "something went wrong on our side; try again later"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        Problem problem = Problem.forStatus(statusCode.value());
        ProblemDetail detail = ProblemResponses.detail(problem, describe(ex), Map.of());
        detail.setStatus(statusCode.value());
        if (request instanceof NativeWebRequest nativeRequest) {
            ProblemResponses.note(nativeRequest.getNativeRequest(HttpServletRequest.class), problem);
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(detail, problemHeaders, statusCode);
    }

    private static String describe(Exception ex) {
        if (ex instanceof HttpMessageNotReadableException unreadable) {
            return describeUnreadable(unreadable);
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return "send the body as application/json";
        }
        if (ex instanceof HttpRequestMethodNotSupportedException notSupported) {
            return "this path answers " + (notSupported.getSupportedHttpMethods() == null ? "other methods"
                    : notSupported.getSupportedHttpMethods().stream().map(Object::toString)
                    .collect(Collectors.joining(", ")));
        }
        if (ex instanceof NoResourceFoundException) {
            return "nothing lives at this path";
        }
        return "the request cannot be answered as sent";
    }

    private static String describeUnreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + printable(unknown.getPropertyName()) + "'";
        }
        if (cause instanceof MismatchedInputException mismatched) {
            String field = fieldOf(mismatched);
            return field.isEmpty() ? "the body must be a JSON object" : "field '" + field + "' has the wrong type";
        }
        if (cause instanceof StreamReadException) {
            return "the body is not valid JSON";
        }
        if (cause instanceof JacksonException) {
            return "the body could not be read";
        }
        return "a JSON object body is required";
    }

    private static String fieldOf(JacksonException e) {
        return e.getPath().stream().map(JacksonException.Reference::getPropertyName)
                .filter(name -> name != null && !name.isEmpty())
                .map(ProblemHandler::printable)
                .collect(Collectors.joining("."));
    }

    /** A client-chosen name, shortened and stripped of anything that is not plainly printable. */
    private static String printable(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^\\p{Alnum}_.-]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "..." : cleaned;
    }
}
