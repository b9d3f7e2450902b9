// Amplify v6's custom token provider, fed by a Phonegate session: Amplify's fetchAuthSession(),
// getCurrentUser(), and the API and Data categories' user-pool auth then use Phonegate's Cognito tokens.
import { decodeJWT } from "aws-amplify/auth";

/**
 * @param {import("@phonegate/client").PhonegateSession} session holds the tokens and refreshes them
 * @returns {import("aws-amplify/auth").TokenProvider}
 */
export function phonegateTokenProvider(session) {
  return {
    async getTokens({ forceRefresh = false } = {}) {
      const tokens = await session.getTokens({ forceRefresh });
      if (tokens === null) {
        return null; // signed out, or the refresh token was revoked: Amplify sees no user
      }
      return { accessToken: decodeJWT(tokens.accessToken), idToken: decodeJWT(tokens.idToken) };
    },
  };
}
