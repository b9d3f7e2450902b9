package io.phonegate.gateway.problem;

import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * Every kind of error the gateway answers, each with a stable RFC 9457 {@code type} URI that
 * clients may switch on; the {@code detail} is for people and may change.
 */
public enum Problem {
    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "The request is not valid"),
    INVALID_PHONE("invalid-phone", HttpStatus.BAD_REQUEST, "The phone number is not valid"),
    INVALID_CODE("invalid-code", HttpStatus.BAD_REQUEST, "The code is not valid"),
    INVALID_CHALLENGE("invalid-challenge", HttpStatus.BAD_REQUEST, "The challenge is not valid"),
    INVALID_LOCALE("invalid-locale", HttpStatus.BAD_REQUEST, "The locale is not valid"),
    COUNTRY_NOT_ALLOWED("country-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT, "Codes are not sent to this country"),
    BOT_CHECK_FAILED("bot-check-failed", HttpStatus.UNPROCESSABLE_CONTENT, "The bot check did not pass"),
    WRONG_CODE("wrong-code", HttpStatus.UNAUTHORIZED, "The code is wrong"),
    START_AGAIN("start-again", HttpStatus.UNAUTHORIZED, "The challenge is over; start again"),
    INVALID_REFRESH_TOKEN("invalid-refresh-token", HttpStatus.UNAUTHORIZED, "The refresh token is not valid"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
    REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "The request body did not arrive in time"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    COGNITO_THROTTLED("busy", HttpStatus.SERVICE_UNAVAILABLE, "The identity service is busy"),
    /** The gateway shed the request (too many in progress, or its deadline passed before a code was sent). */
    BUSY("busy", HttpStatus.SERVICE_UNAVAILABLE, "The service is busy"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String BASE = "https://phonegate.io/problems/";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    Problem(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return URI.create(BASE + slug);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem for a status that Spring itself answered (unknown path, wrong method, ...). */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> REQUEST_TIMEOUT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? INVALID_REQUEST : INTERNAL_ERROR;
        };
    }
}
