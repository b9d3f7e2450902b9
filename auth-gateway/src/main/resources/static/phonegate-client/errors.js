/** Every error this client throws (except the caller's own abort, which is rethrown as it came). */
export class PhonegateError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}
/** The gateway could not be reached, or answered something that is not Phonegate's API (a proxy's page, say). */
export class NetworkError extends PhonegateError {
}
/** No answer within the client's timeout; the request may still have reached the gateway. */
export class TimeoutError extends PhonegateError {
    timeoutMs;
    constructor(timeoutMs) {
        super(`no answer from the gateway within ${timeoutMs} ms`);
        this.timeoutMs = timeoutMs;
    }
}
const PROBLEM_BASE = "https://phonegate.io/problems/";
/**
 * The gateway answered with a problem (`application/problem+json`). Switch on {@link type}, the stable slug
 * (`invalid-phone`, `rate-limited`, ...); {@link detail} is for people and may change.
 */
export class ProblemError extends PhonegateError {
    /** The slug of `https://phonegate.io/problems/<slug>`; another URI is kept whole, a missing one is `about:blank`. */
    type;
    status;
    title;
    detail;
    /** Seconds to wait before trying again, from the `Retry-After` header (429 and 503). */
    retryAfter;
    /** Which limit refused the request (429 `rate-limited`): `phone_cooldown`, `client_ip`, ... */
    limit;
    /** Tries left on the code (401 `wrong-code`). */
    attemptsLeft;
    /** The whole problem body. */
    body;
    constructor(status, body, retryAfter) {
        super(body.detail ?? body.title ?? `the gateway answered ${status}`);
        this.status = status;
        this.body = body;
        this.type = slugOf(body.type);
        this.title = body.title;
        this.detail = body.detail;
        this.retryAfter = retryAfter;
        this.limit = typeof body.limit === "string" ? body.limit : undefined;
        this.attemptsLeft = typeof body.attemptsLeft === "number" ? body.attemptsLeft : undefined;
    }
}
/** 401 `wrong-code`: try again with {@link challenge} (the old one is spent); no new SMS was sent. */
export class WrongCodeError extends ProblemError {
    /** The challenge to send with the next try. */
    challenge;
    constructor(status, body, retryAfter) {
        super(status, body, retryAfter);
        this.challenge = body.challenge;
    }
}
/** 401 `start-again`: the code expired, ran out of tries, or the challenge is over. Call `start` again. */
export class StartAgainError extends ProblemError {
}
/** 429 `rate-limited`: a limit refused the request; wait {@link retryAfter} seconds. */
export class RateLimitedError extends ProblemError {
}
/** Builds the most specific error for a problem answer. */
export function problemError(status, body, retryAfter) {
    switch (slugOf(body.type)) {
        case "wrong-code":
            if (typeof body.challenge === "string" && typeof body.attemptsLeft === "number") {
                return new WrongCodeError(status, { ...body, challenge: body.challenge, attemptsLeft: body.attemptsLeft }, retryAfter);
            }
            return new ProblemError(status, body, retryAfter);
        case "start-again":
            return new StartAgainError(status, body, retryAfter);
        case "rate-limited":
            return new RateLimitedError(status, body, retryAfter);
        default:
            return new ProblemError(status, body, retryAfter);
    }
}
function slugOf(type) {
    if (type === undefined || type === "") {
        return "about:blank";
    }
    return type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length) : type;
}
