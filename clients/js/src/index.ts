export { PhonegateClient } from "./client.js";
export type {
  BotCheck, CallOptions, Challenge, ChallengeStatus, PhonegateClientOptions, RefreshedTokens, StartOptions, Tokens,
} from "./client.js";
export {
  NetworkError,
  PhonegateError,
  ProblemError,
  RateLimitedError,
  StartAgainError,
  TimeoutError,
  WrongCodeError,
} from "./errors.js";
export type { ProblemBody } from "./errors.js";
export { PhonegateSession, memoryStorage } from "./session.js";
export type { SessionOptions, StoredTokens, TokenStorage } from "./session.js";
