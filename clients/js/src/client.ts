import { NetworkError, ProblemError, TimeoutError, problemError, type ProblemBody } from "./errors.js";

export interface PhonegateClientOptions {
  /** Where the gateway is, e.g. `https://auth.example.com` or `location.origin`; the API paths are added to it. */
  baseUrl: string | URL;
  /** Longest wait for one answer, body included, before a {@link TimeoutError}. Default 10 000 ms. */
  timeoutMs?: number;
  /** The `fetch` to use; default the global one (browsers, Node 20+). */
  fetch?: typeof fetch;
}

export interface CallOptions {
  /** Aborts the call; the promise then rejects with the signal's reason, as `fetch` does. */
  signal?: AbortSignal;
  /** This call's timeout instead of the client's. */
  timeoutMs?: number;
}

export interface StartOptions extends CallOptions {
  /** BCP 47 tag for the SMS text (`en`, `hi-IN`); the gateway uses `en` when absent. */
  locale?: string;
  /**
   * The bot check widget's token ({@link PhonegateClient.botCheck} says which widget), good for one start.
   * Without one, a start the gateway wants checked rejects with a `ProblemError` of type `bot-check-failed`.
   */
  botToken?: string;
}

/** A code is on its way. The answer is the same for every number, known or not. */
export interface Challenge {
  /** Opaque; send it to {@link PhonegateClient.verify} with the code. */
  challenge: string;
  /** When the code stops working. */
  expiresAt: Date;
  /** When a new code may be asked for. */
  resendAfter: Date;
  /** Digits in the code. */
  codeLength: number;
}

/**
 * Where a challenge's code is: `queued` until the SMS provider took it, then `sent`; `failed` when it will not
 * arrive (`reason` and a `detail` for people); `expired` once the code no longer works.
 */
export interface ChallengeStatus {
  status: "queued" | "sent" | "failed" | "expired";
  /** Only when failed: `cannot_receive_sms`, `not_sent_in_time`, `too_many_codes` or `not_sent`. */
  reason?: string;
  /** Only when failed: what to do about it, for people. */
  detail?: string;
  /** When the code stops working. */
  expiresAt: Date;
  /** When a new code may be asked for. */
  resendAfter: Date;
}

/** The bot check a start may need, and what a page renders its widget with. */
export interface BotCheck {
  provider: "none" | "turnstile" | "hcaptcha" | "recaptcha";
  /** The rest only when `provider` is not `none`. */
  siteKey?: string;
  /** The widget script to load. */
  scriptUrl?: string;
  /** The global that script defines (`turnstile`, `hcaptcha`, `grecaptcha`): `render(element, {sitekey, callback})`, `reset(id)`. */
  widget?: string;
  /** `new-numbers` (only numbers that never logged in; a client cannot tell, so it sends a token every time) or `all`. */
  appliesTo?: "new-numbers" | "all";
}

/** Cognito's ID and access tokens, and the gateway's refresh token (`pg1.…`). */
export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds the ID and access tokens live from now. */
  expiresIn: number;
  tokenType: string;
}

/** A refresh's answer: new ID and access tokens; the refresh token stays the one you have. */
export type RefreshedTokens = Omit<Tokens, "refreshToken">;

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
  private readonly baseUrl: URL;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: PhonegateClientOptions) {
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
  async start(phone: string, options: StartOptions = {}): Promise<Challenge> {
    const body: { phone: string; locale?: string; botToken?: string } = { phone };
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
  async status(challenge: string, options: CallOptions = {}): Promise<ChallengeStatus> {
    const answer = await this.call("GET", `v1/auth/challenges/${encodeURIComponent(challenge)}/status`, undefined, options);
    const status = field(answer, "status", "string");
    if (status !== "queued" && status !== "sent" && status !== "failed" && status !== "expired") {
      throw new NetworkError(`the gateway's answer has an unknown status '${status}'`);
    }
    const result: ChallengeStatus = {
      status, expiresAt: instant(answer, "expiresAt"), resendAfter: instant(answer, "resendAfter"),
    };
    if (status === "failed") {
      result.reason = field(answer, "reason", "string");
      result.detail = field(answer, "detail", "string");
    }
    return result;
  }

  /** The bot check the gateway asks for, if any: render its widget and pass the token to {@link start}. */
  async botCheck(options: CallOptions = {}): Promise<BotCheck> {
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
  async verify(phone: string, challenge: string, code: string, options: CallOptions = {}): Promise<Tokens> {
    const answer = await this.call("POST", "v1/auth/verify", { phone, challenge, code }, options);
    return { ...refreshed(answer), refreshToken: field(answer, "refreshToken", "string") };
  }

  /** New ID and access tokens; a revoked or expired refresh token rejects with type `invalid-refresh-token`. */
  async refresh(refreshToken: string, options: CallOptions = {}): Promise<RefreshedTokens> {
    return refreshed(await this.call("POST", "v1/auth/refresh", { refreshToken }, options));
  }

  /** Revokes the refresh token and the tokens issued from it. */
  async logout(refreshToken: string, options: CallOptions = {}): Promise<void> {
    await this.call("POST", "v1/auth/logout", { refreshToken }, options);
  }

  /** One exchange: the parsed JSON of a 2xx answer (`undefined` for 204), else the answer's error. */
  private async call(method: "GET" | "POST", path: string, body: unknown, options: CallOptions): Promise<unknown> {
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
      throw problemError(response.status, json as ProblemBody, retryAfter);
    }
    // Not a problem body (a proxy's error page, say): RFC 9457's about:blank, the status says it all.
    throw new ProblemError(response.status, { status: response.status, title: response.statusText }, retryAfter);
  }

  /** Sends the request and reads the whole body under one deadline. */
  private async exchange(method: string, path: string, body: unknown, options: CallOptions):
      Promise<{ response: Response; text: string }> {
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
    const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    try {
      const init: RequestInit = { method, headers, signal: controller.signal };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
      }
      const response = await this.fetch(new URL(path, this.baseUrl), init);
      return { response, text: await response.text() };
    } catch (error) {
      if (timedOut) {
        throw new TimeoutError(timeoutMs);
      }
      if (caller?.aborted) {
        throw caller.reason;
      }
      throw new NetworkError(`could not reach the gateway: ${describe(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener("abort", forward);
    }
  }
}

/** `Retry-After` as whole seconds from now: delta-seconds, or an HTTP date. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | undefined {
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

function refreshed(answer: unknown): RefreshedTokens {
  return {
    idToken: field(answer, "idToken", "string"),
    accessToken: field(answer, "accessToken", "string"),
    expiresIn: field(answer, "expiresIn", "number"),
    tokenType: field(answer, "tokenType", "string"),
  };
}

function field<K extends "string" | "number">(answer: unknown, name: string, kind: K):
    K extends "string" ? string : number {
  const value = isObject(answer) ? answer[name] : undefined;
  if (typeof value !== kind) {
    throw new NetworkError(`the gateway's answer has no ${kind} '${name}'`);
  }
  return value as K extends "string" ? string : number;
}

function instant(answer: unknown, name: string): Date {
  const date = new Date(field(answer, name, "string"));
  if (Number.isNaN(date.getTime())) {
    throw new NetworkError(`the gateway's answer has no instant '${name}'`);
  }
  return date;
}

function parseJson(text: string): unknown {
  if (text === "") {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** setTimeout fires at once beyond 2^31 - 1 ms, so that is the longest timeout. */
const MAX_TIMEOUT_MS = 2_147_483_647;

function checkedTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMEOUT_MS) {
    throw new RangeError(`timeoutMs must be 1 to ${MAX_TIMEOUT_MS} milliseconds, not ${ms}`);
  }
  return ms;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return error.message + cause;
  }
  return String(error);
}
