import { ProblemError } from "./errors.js";
/** Keeps the tokens in this JavaScript realm only: gone on reload. */
export function memoryStorage() {
    let kept = null;
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
/**
 * An optional helper: keeps one person's tokens and refreshes them before they expire, one refresh at a
 * time however many callers ask. Its {@link getTokens} is what an Amplify token provider needs.
 */
export class PhonegateSession {
    client;
    storage;
    refreshEarlyMs;
    now;
    refreshing = null;
    /** Moves on each sign-in and sign-out, so that a refresh still under way cannot bring old tokens back. */
    generation = 0;
    constructor(client, options = {}) {
        this.client = client;
        this.storage = options.storage ?? memoryStorage();
        this.refreshEarlyMs = options.refreshEarlyMs ?? 60_000;
        this.now = options.now ?? Date.now;
    }
    /** Keeps the tokens of a successful {@link PhonegateClient.verify}. */
    async setTokens(tokens) {
        this.generation++;
        return this.save(tokens);
    }
    async save(tokens) {
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
    async getTokens(options = {}) {
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
    async signOut(options = {}) {
        this.generation++;
        const stored = await this.storage.load();
        await this.storage.clear();
        if (stored === null) {
            return;
        }
        try {
            await this.client.logout(stored.refreshToken, options);
        }
        catch (error) {
            if (!isInvalidRefreshToken(error)) {
                throw error;
            }
        }
    }
    /** Shared by every caller waiting, so it runs under the client's timeout rather than one caller's signal. */
    async refreshed(stored) {
        const generation = this.generation;
        try {
            const fresh = await this.client.refresh(stored.refreshToken);
            if (generation !== this.generation) {
                return await this.storage.load();
            }
            return await this.save({ ...fresh, refreshToken: stored.refreshToken });
        }
        catch (error) {
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
function isInvalidRefreshToken(error) {
    return error instanceof ProblemError && error.type === "invalid-refresh-token";
}
