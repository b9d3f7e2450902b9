// Signs a phone number in with Phonegate, hands the tokens to Amplify v6 through the custom token provider,
// and shows that Amplify's fetchAuthSession() and getCurrentUser() now see Phonegate's Cognito user.
//
//   node sign-in.js [+919876543210]
//
// PHONEGATE_GATEWAY_URL (default http://127.0.0.1:8080): the gateway. PHONEGATE_SMS_INBOX_URL: the local
// stack's SMS inbox (http://127.0.0.1:9230) to read the code from; without it the script asks for the code.
// COGNITO_USER_POOL_ID / COGNITO_CLIENT_ID: the pool the gateway signs into (defaults: the local stack's).
import { createInterface } from "node:readline/promises";
import { randomInt } from "node:crypto";
import { Amplify } from "aws-amplify";
import { fetchAuthSession, getCurrentUser } from "aws-amplify/auth";
import { PhonegateClient, PhonegateSession, WrongCodeError } from "@phonegate/client";
import { phonegateTokenProvider } from "./phonegate-token-provider.js";

const gateway = process.env.PHONEGATE_GATEWAY_URL ?? "http://127.0.0.1:8080";
const inbox = process.env.PHONEGATE_SMS_INBOX_URL;
const phone = process.argv[2] ?? "+919" + String(100_000_000 + randomInt(899_999_999));

const client = new PhonegateClient({ baseUrl: gateway });
const session = new PhonegateSession(client);

Amplify.configure(
  { Auth: { Cognito: {
    userPoolId: process.env.COGNITO_USER_POOL_ID ?? "us-east-1_phonegate",
    userPoolClientId: process.env.COGNITO_CLIENT_ID ?? "phonegatelocalclient",
  } } },
  { Auth: { tokenProvider: phonegateTokenProvider(session) } },
);

console.log("before sign-in, fetchAuthSession().tokens:", (await fetchAuthSession()).tokens);

let { challenge } = await client.start(phone, { locale: "en" });
console.log(`code sent to ${phone}`);
for (;;) {
  try {
    await session.setTokens(await client.verify(phone, challenge, await readCode()));
    break;
  } catch (error) {
    if (!(error instanceof WrongCodeError)) throw error;
    console.log(`wrong code, ${error.attemptsLeft} attempts left`);
    challenge = error.challenge;
  }
}

const { tokens } = await fetchAuthSession();
console.log("fetchAuthSession().tokens.idToken.payload:", pick(tokens.idToken.payload,
  "sub", "phone_number", "phone_number_verified", "token_use", "aud", "iss"));
console.log("fetchAuthSession().tokens.accessToken.payload:", pick(tokens.accessToken.payload,
  "sub", "username", "token_use", "client_id"));
console.log("getCurrentUser():", await getCurrentUser());

const refreshed = await fetchAuthSession({ forceRefresh: true });
console.log("fetchAuthSession({ forceRefresh: true }): new access token:",
  refreshed.tokens.accessToken.toString() !== tokens.accessToken.toString());

await session.signOut();
console.log("after session.signOut(), fetchAuthSession().tokens:", (await fetchAuthSession()).tokens);

async function readCode() {
  if (inbox) {
    for (let tries = 0; tries < 300; tries++) {
      const messages = await (await fetch(`${inbox}/_inbox?phone=${encodeURIComponent(phone)}`)).json();
      const code = messages.length > 0 && /#([0-9]{4,10})\s*$/.exec(messages.at(-1).message)?.[1];
      if (code) return code;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`no SMS to ${phone} in ${inbox}`);
  }
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await terminal.question("code from the SMS: ")).trim();
  } finally {
    terminal.close();
  }
}

function pick(object, ...names) {
  return Object.fromEntries(names.filter(name => name in object).map(name => [name, object[name]]));
}
