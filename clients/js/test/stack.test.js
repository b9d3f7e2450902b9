// The client against a running Phonegate: ./run-local.sh (the defaults below), or the stack the
// end-to-end tests start (devstack/local-run's JsClientTest sets both variables). Codes are read from
// the SNS emulator's inbox, as a person reads their texts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomInt, randomUUID } from "node:crypto";
import {
  PhonegateClient, PhonegateSession, ProblemError, RateLimitedError, StartAgainError, WrongCodeError,
} from "../dist/index.js";

const GATEWAY = (process.env.PHONEGATE_GATEWAY_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");
const INBOX = (process.env.PHONEGATE_SMS_INBOX_URL ?? "http://127.0.0.1:9230").replace(/\/+$/, "");
const LIMITS = ["phone_cooldown", "phone_hourly", "phone_daily", "client_ip", "country_hourly", "daily_budget"];

const client = new PhonegateClient({ baseUrl: GATEWAY, timeoutMs: 15_000 });

/** A fresh Indian mobile number, so tests never meet each other's users or limits. */
function newPhoneNumber() {
  return "+919" + String(100_000_000 + randomInt(899_999_999));
}

/** The code from the `nth` (1-based) text to `phone`, from its origin-bound last line (`@host #123456`). */
async function codeFromInbox(phone, nth = 1) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${INBOX}/_inbox?phone=${encodeURIComponent(phone)}`);
    assert.equal(response.status, 200, `the SMS inbox at ${INBOX} answered ${response.status}`);
    const messages = await response.json();
    if (messages.length >= nth) {
      const match = /#([0-9]{4,10})\s*$/.exec(messages[nth - 1].message);
      assert.ok(match, "no origin-bound code line in the SMS");
      return match[1];
    }
    assert.ok(Date.now() < deadline, `no SMS number ${nth} to ${phone} within 30 s`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}

function wrongCodeFor(code) {
  return code === "000000" ? "111111" : "000000";
}

test.before(async () => {
  try {
    await fetch(`${GATEWAY}/`, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    throw new Error(`no gateway at ${GATEWAY} (start ./run-local.sh, or set PHONEGATE_GATEWAY_URL): ${error.message}`);
  }
});

test("a new number signs up with the texted code; the tokens refresh, and after logout they do not", async () => {
  const phone = newPhoneNumber();
  const started = await client.start(phone, { locale: "en" });
  assert.equal(started.codeLength, 6);
  assert.ok(started.expiresAt > new Date(), "the code is still good");
  assert.ok(started.resendAfter instanceof Date);

  const tokens = await client.verify(phone, started.challenge, await codeFromInbox(phone));
  assert.equal(tokens.tokenType, "Bearer");
  assert.ok(tokens.expiresIn > 0);
  assert.match(tokens.refreshToken, /^pg1\./);
  assert.equal(claims(tokens.idToken).phone_number, phone);
  assert.equal(claims(tokens.idToken).phone_number_verified, true);

  const refreshed = await client.refresh(tokens.refreshToken);
  assert.equal(claims(refreshed.idToken).sub, claims(tokens.idToken).sub);
  assert.equal(refreshed.refreshToken, undefined, "a refresh keeps the refresh token you have");

  await client.logout(tokens.refreshToken);
  await assert.rejects(client.refresh(tokens.refreshToken),
    error => error instanceof ProblemError && error.status === 401 && error.type === "invalid-refresh-token");
});

test("a wrong code answers the next challenge and the attempts left; the right code then signs in", async () => {
  const phone = newPhoneNumber();
  const started = await client.start(phone);
  const code = await codeFromInbox(phone);

  const wrong = await client.verify(phone, started.challenge, wrongCodeFor(code)).then(
    () => assert.fail("a wrong code signed in"), error => error);
  assert.ok(wrong instanceof WrongCodeError, String(wrong));
  assert.equal(wrong.status, 401);
  assert.equal(wrong.type, "wrong-code");
  assert.equal(wrong.attemptsLeft, 2);
  assert.notEqual(wrong.challenge, started.challenge);

  const tokens = await client.verify(phone, wrong.challenge, code);
  assert.equal(claims(tokens.idToken).phone_number, phone);
});

test("three wrong codes end the challenge: start again", async () => {
  const phone = newPhoneNumber();
  let { challenge } = await client.start(phone);
  const wrong = wrongCodeFor(await codeFromInbox(phone));
  for (const attemptsLeft of [2, 1]) {
    const error = await client.verify(phone, challenge, wrong).then(() => assert.fail("signed in"), e => e);
    assert.ok(error instanceof WrongCodeError, String(error));
    assert.equal(error.attemptsLeft, attemptsLeft);
    challenge = error.challenge;
  }
  await assert.rejects(client.verify(phone, challenge, wrong),
    error => error instanceof StartAgainError && error.status === 401 && error.type === "start-again");
});

test("bad input is a 400 problem with its type and a detail for people", async () => {
  await assert.rejects(client.start("12"), error => {
    assert.ok(error instanceof ProblemError);
    assert.equal(error.status, 400);
    assert.equal(error.type, "invalid-phone");
    assert.equal(typeof error.detail, "string");
    return true;
  });
  await assert.rejects(client.verify(newPhoneNumber(), "not-a-challenge-this-gateway-gave", "123456"),
    error => error instanceof ProblemError && error.status === 400 && error.type === "invalid-challenge");
});

test("asking for codes too often is a 429 with Retry-After and the limit that refused", async () => {
  const phone = newPhoneNumber();
  let refused;
  for (let tries = 0; tries < 8 && !refused; tries++) {
    refused = await client.start(phone).then(() => undefined, error => error);
  }
  assert.ok(refused instanceof RateLimitedError, `refused with ${refused}`);
  assert.equal(refused.status, 429);
  assert.equal(refused.type, "rate-limited");
  assert.ok(Number.isInteger(refused.retryAfter) && refused.retryAfter >= 1, `Retry-After ${refused.retryAfter}`);
  assert.ok(LIMITS.includes(refused.limit), `limit ${refused.limit}`);
});

test("a session keeps the tokens, refreshes them on demand, and signing out revokes them", async () => {
  const phone = newPhoneNumber();
  const session = new PhonegateSession(client);
  const started = await client.start(phone);
  const kept = await session.setTokens(await client.verify(phone, started.challenge, await codeFromInbox(phone)));

  const fresh = await session.getTokens({ forceRefresh: true });
  assert.equal(fresh.refreshToken, kept.refreshToken);
  assert.equal(claims(fresh.idToken).phone_number, phone);
  assert.ok(fresh.expiresAt >= kept.expiresAt);

  await session.signOut();
  assert.equal(await session.getTokens(), null);
  await assert.rejects(client.refresh(kept.refreshToken), error => error.type === "invalid-refresh-token");
});

test("the status of a texted code turns from queued to sent, with the start's times", async () => {
  const phone = newPhoneNumber();
  const started = await client.start(phone);
  const seen = [];
  const deadline = Date.now() + 30_000;
  let status;
  do {
    status = await client.status(started.challenge);
    seen.push(status.status);
    if (status.status === "sent") break;
    assert.ok(Date.now() < deadline, `still ${status.status} after 30 s`);
    await new Promise(resolve => setTimeout(resolve, 200));
  } while (true);
  assert.ok(seen.every(s => s === "queued" || s === "sent"), `statuses ${seen}`);
  assert.deepEqual(status.expiresAt, started.expiresAt);
  assert.deepEqual(status.resendAfter, started.resendAfter);
  assert.equal(status.reason, undefined);
  await codeFromInbox(phone);
  await assert.rejects(client.status("not-a-challenge-this-gateway-gave"),
    error => error instanceof ProblemError && error.status === 400 && error.type === "invalid-challenge");
});

test("where the gateway asks for a bot check, a start needs the widget's token", async t => {
  const check = await client.botCheck();
  if (check.provider === "none") {
    t.skip("the bot check is off here (PHONEGATE_BOTCHECK_PROVIDER switches it on)");
    return;
  }
  assert.ok(check.siteKey && check.scriptUrl && check.widget, JSON.stringify(check));
  // The stack the end-to-end tests start checks US numbers (PHONEGATE_BOTCHECK_COUNTRIES=US) with the stand-in,
  // whose widget hands out tokens starting with "pass."; ./run-local.sh with a provider checks every country.
  const phone = "+1201555" + String(1000 + randomInt(8999));
  await assert.rejects(client.start(phone),
    error => error instanceof ProblemError && error.status === 422 && error.type === "bot-check-failed");
  const started = await client.start(phone, { botToken: "pass." + randomUUID() });
  assert.equal(started.codeLength, 6);
});
