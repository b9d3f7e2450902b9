import type { CallOptions, PhonegateClient, Tokens } from "./client.js";
import { ProblemError } from "./errors.js";

/** What a {@link PhonegateSession} keeps: the tokens and when the ID and access tokens expire. */
export interface StoredTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Where a {@link PhonegateSession} keeps its tokens. Memory ({@link memoryStorage}) unless the app
 * chooses otherwise: whatever a page's scripts can read, an XSS bug can read too.
 */
export interface TokenStorage {
  load(): StoredTokens | null | Promise<StoredTokens | null>;
  save(tokens: StoredTokens): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** Keeps the tokens in this JavaScript realm only: gone on reload. */
export function memoryStorage(): TokenStorage {
  let kept: StoredTokens | null = null;
  return {
    load: () => kept,
    save: tokens => {
      kept = tokens;
    },
    clear: () => {
      kept = null;
    },
  };
}

export interface SessionOptions {
  /** Default {@link memoryStorage}. */
  storage?: TokenStorage;
  /** Refresh when the tokens expire within this many milliseconds. Default 60 000. */
  refreshEarlyMs?: number;
  /** The clock, in epoch milliseconds. */
  now?: () => number;
}

/**
 * An optional helper: keeps one person's tokens and refreshes them before they expire, one refresh at a
 * time however many callers ask. Its {@link getTokens} is what an Amplify token provider needs.
 */
export class PhonegateSession {
  private readonly storage: TokenStorage;
  private readonly refreshEarlyMs: number;
  private readonly now: () => number;
  private refreshing: Promise<StoredTokens | null> | null = null;
  /** Moves on each sign-in and sign-out, so that a refresh still under way cannot bring old tokens back. */
  private generation = 0;

  constructor(private readonly client: PhonegateClient, options: SessionOptions = {}) {
    this.storage = options.storage ?? memoryStorage();
    this.refreshEarlyMs = options.refreshEarlyMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Keeps the tokens of a successful {@link PhonegateClient.verify}. */
  async setTokens(tokens: Tokens): Promise<StoredTokens> {
    this.generation++;
    return this.save(tokens);
  }

  private async save(tokens: Tokens): Promise<StoredTokens> {
    const stored = {
      idToken: tokens.idToken,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: this.now() + tokens.expiresIn * 1000,
    };
    await this.storage.save(stored);
    return stored;
  }

  /**
   * Tokens good for at least `refreshEarlyMs`, refreshed if needed (or if `forceRefresh`); `null` when
   * nobody is signed in or the refresh token is no longer valid (revoked or expired: sign in again).
   * A gateway that cannot be reached rejects, and the stored tokens stay.
   */
  async getTokens(options: { forceRefresh?: boolean } = {}): Promise<StoredTokens | null> {
    const stored = await this.storage.load();
    if (stored === null) {
      return null;
    }
    if (!options.forceRefresh && stored.expiresAt - this.now() > this.refreshEarlyMs) {
      return stored;
    }
    this.refreshing ??= this.refreshed(stored).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Forgets the tokens, then revokes the refresh token at the gateway. Rejects if the revocation failed
   * (the tokens are forgotten here all the same; the access token lives until it expires).
   */
  async signOut(options: CallOptions = {}): Promise<void> {
    this.generation++;
    const stored = await this.storage.load();
    await this.storage.clear();
    if (stored === null) {
      return;
    }
    try {
      await this.client.logout(stored.refreshToken, options);
    } catch (error) {
      if (!isInvalidRefreshToken(error)) {
        throw error;
      }
    }
  }

  /** Shared by every caller waiting, so it runs under the client's timeout rather than one caller's signal. */
  private async refreshed(stored: StoredTokens): Promise<StoredTokens | null> {
    const generation = this.generation;
    try {
      const fresh = await this.client.refresh(stored.refreshToken);
      if (generation !== this.generation) {
        return await this.storage.load();
      }
      return await this.save({ ...fresh, refreshToken: stored.refreshToken });
    } catch (error) {
      if (!isInvalidRefreshToken(error)) {
        throw error;
      }
      if (generation !== this.generation) {
        return await this.storage.load();
      }
      await this.storage.clear();
      return null;
    }
  }
}

function isInvalidRefreshToken(error: unknown): boolean {
  return error instanceof ProblemError && error.type === "invalid-refresh-token";
}
