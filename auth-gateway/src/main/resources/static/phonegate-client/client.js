import { NetworkError, ProblemError, TimeoutError, problemError } from "./errors.js";
const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Phonegate's HTTP API: {@link start} texts a code, {@link status} tells whether it was sent,
 * {@link verify} exchanges it for tokens,
 * {@link refresh} renews them, {@link logout} revokes them. Holds no state; where tokens are kept is
 * the app's choice ({@link PhonegateSession} is one).
 *
 * Errors: a {@link ProblemError} (or its subclasses `WrongCodeError`, `StartAgainError`,
 * `RateLimitedError`) when the gateway refused, {@link TimeoutError}, {@link NetworkError}.
 */
export class PhonegateClient {
    baseUrl;
    timeoutMs;
    fetch;
    constructor(options) {
        const base = new URL(String(options.baseUrl));
        if (!base.pathname.endsWith("/")) {
            base.pathname += "/";
        }
        this.baseUrl = base;
        this.timeoutMs = checkedTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
        const fetchFn = options.fetch ?? globalThis.fetch;
        if (typeof fetchFn !== "function") {
            throw new TypeError("no fetch: pass options.fetch (Node 20+ and browsers have a global one)");
        }
        // Called unbound, a browser's window.fetch throws "Illegal invocation".
        this.fetch = (input, init) => fetchFn(input, init);
    }
    /** Texts a code to `phone` (any common way of writing it; national numbers in the gateway's default region). */
    async start(phone, options = {}) {
        const body = { phone };
        if (options.locale !== undefined) {
            body.locale = options.locale;
        }
        if (options.botToken !== undefined) {
            body.botToken = options.botToken;
        }
        const answer = await this.call("POST", "v1/auth/start", body, options);
        return {
            challenge: field(answer, "challenge", "string"),
            expiresAt: instant(answer, "expiresAt"),
            resendAfter: instant(answer, "resendAfter"),
            codeLength: field(answer, "codeLength", "number"),
        };
    }
    /**
     * Where the challenge's code is, from any gateway instance. Poll with a growing interval (1 s, 2 s, 4 s …)
     * while it is `queued`; offer a new code once `resendAfter` has passed.
     */
    async status(challenge, options = {}) {
        const answer = await this.call("GET", `v1/auth/challenges/${encodeURIComponent(challenge)}/status`, undefined, options);
        const status = field(answer, "status", "string");
        if (status !== "queued" && status !== "sent" && status !== "failed" && status !== "expired") {
            throw new NetworkError(`the gateway's answer has an unknown status '${status}'`);
        }
        const result = {
            status, expiresAt: instant(answer, "expiresAt"), resendAfter: instant(answer, "resendAfter"),
        };
        if (status === "failed") {
            result.reason = field(answer, "reason", "string");
            result.detail = field(answer, "detail", "string");
        }
        return result;
    }
    /** The bot check the gateway asks for, if any: render its widget and pass the token to {@link start}. */
    async botCheck(options = {}) {
        const answer = await this.call("GET", "v1/auth/bot-check", undefined, options);
        const provider = field(answer, "provider", "string");
        if (provider === "none") {
            return { provider };
        }
        if (provider !== "turnstile" && provider !== "hcaptcha" && provider !== "recaptcha") {
            throw new NetworkError(`the gateway's answer has an unknown bot check provider '${provider}'`);
        }
        const appliesTo = field(answer, "appliesTo", "string");
        return {
            provider,
            siteKey: field(answer, "siteKey", "string"),
            scriptUrl: field(answer, "scriptUrl", "string"),
            widget: field(answer, "widget", "string"),
            appliesTo: appliesTo === "all" ? "all" : "new-numbers",
        };
    }
    /**
     * Exchanges the code for tokens. A wrong code rejects with `WrongCodeError` carrying the challenge for
     * the next try and `attemptsLeft`; an expired or used-up one with `StartAgainError`.
     */
    async verify(phone, challenge, code, options = {}) {
        const answer = await this.call("POST", "v1/auth/verify", { phone, challenge, code }, options);
        return { ...refreshed(answer), refreshToken: field(answer, "refreshToken", "string") };
    }
    /** New ID and access tokens; a revoked or expired refresh token rejects with type `invalid-refresh-token`. */
    async refresh(refreshToken, options = {}) {
        return refreshed(await this.call("POST", "v1/auth/refresh", { refreshToken }, options));
    }
    /** Revokes the refresh token and the tokens issued from it. */
    async logout(refreshToken, options = {}) {
        await this.call("POST", "v1/auth/logout", { refreshToken }, options);
    }
    /** One exchange: the parsed JSON of a 2xx answer (`undefined` for 204), else the answer's error. */
    async call(method, path, body, options) {
        const { response, text } = await this.exchange(method, path, body, options);
        const json = parseJson(text);
        if (response.ok) {
            if (response.status === 204) {
                return undefined;
            }
            if (json === undefined) {
                throw new NetworkError(`the gateway answered ${response.status} without a JSON body`);
            }
            return json;
        }
        const retryAfter = retryAfterSeconds(response.headers.get("Retry-After"));
        if (isObject(json)) {
            throw problemError(response.status, json, retryAfter);
        }
        // Not a problem body (a proxy's error page, say): RFC 9457's about:blank, the status says it all.
        throw new ProblemError(response.status, { status: response.status, title: response.statusText }, retryAfter);
    }
    /** Sends the request and reads the whole body under one deadline. */
    async exchange(method, path, body, options) {
        const timeoutMs = checkedTimeout(options.timeoutMs ?? this.timeoutMs);
        const caller = options.signal;
        caller?.throwIfAborted();
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            controller.abort();
        }, timeoutMs);
        const forward = () => controller.abort(caller?.reason);
        caller?.addEventListener("abort", forward, { once: true });
        const headers = { Accept: "application/json, application/problem+json" };
        if (body !== undefined) {
            headers["Content-Type"] = "application/json";
        }
        try {
            const init = { method, headers, signal: controller.signal };
            if (body !== undefined) {
                init.body = JSON.stringify(body);
            }
            const response = await this.fetch(new URL(path, this.baseUrl), init);
            return { response, text: await response.text() };
        }
        catch (error) {
            if (timedOut) {
                throw new TimeoutError(timeoutMs);
            }
            if (caller?.aborted) {
                throw caller.reason;
            }
            throw new NetworkError(`could not reach the gateway: ${describe(error)}`, { cause: error });
        }
        finally {
            clearTimeout(timer);
            caller?.removeEventListener("abort", forward);
        }
    }
}
/** `Retry-After` as whole seconds from now: delta-seconds, or an HTTP date. */
export function retryAfterSeconds(value, now = Date.now()) {
    if (value === null) {
        return undefined;
    }
    const text = value.trim();
    if (/^[0-9]+$/.test(text)) {
        return Number(text);
    }
    const at = Date.parse(text);
    return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
function refreshed(answer) {
    return {
        idToken: field(answer, "idToken", "string"),
        accessToken: field(answer, "accessToken", "string"),
        expiresIn: field(answer, "expiresIn", "number"),
        tokenType: field(answer, "tokenType", "string"),
    };
}
function field(answer, name, kind) {
    const value = isObject(answer) ? answer[name] : undefined;
    if (typeof value !== kind) {
        throw new NetworkError(`the gateway's answer has no ${kind} '${name}'`);
    }
    return value;
}
function instant(answer, name) {
    const date = new Date(field(answer, name, "string"));
    if (Number.isNaN(date.getTime())) {
        throw new NetworkError(`the gateway's answer has no instant '${name}'`);
    }
    return date;
}
function parseJson(text) {
    if (text === "") {
        return undefined;
    }
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
/** setTimeout fires at once beyond 2^31 - 1 ms, so that is the longest timeout. */
const MAX_TIMEOUT_MS = 2_147_483_647;
function checkedTimeout(ms) {
    if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMEOUT_MS) {
        throw new RangeError(`timeoutMs must be 1 to ${MAX_TIMEOUT_MS} milliseconds, not ${ms}`);
    }
    return ms;
}
function describe(error) {
    if (error instanceof Error) {
        const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
        return error.message + cause;
    }
    return String(error);
}
