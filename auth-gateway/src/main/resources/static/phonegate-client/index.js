export { PhonegateClient } from "./client.js";
export { NetworkError, PhonegateError, ProblemError, RateLimitedError, StartAgainError, TimeoutError, WrongCodeError, } from "./errors.js";
export { PhonegateSession, memoryStorage } from "./session.js";
