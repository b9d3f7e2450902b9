// PhonegateSession's rules (when to refresh, one refresh at a time, what a revoked token or a sign-out in
// the middle does) against a small node:http stand-in whose answers the test chooses; stack.test.js runs
// a session against the real gateway.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { PhonegateClient, PhonegateSession, ProblemError } from "../dist/index.js";

const TOKENS = { idToken: "id-1", accessToken: "access-1", refreshToken: "pg1.r.t", expiresIn: 3600, tokenType: "Bearer" };

/** A gateway whose /refresh and /logout answers are `gateway.refresh` / `gateway.logout`, released when the test says. */
async function withGateway(use) {
  const gateway = { refreshes: 0, logouts: [], hold: null, answer: { status: 200, body: { idToken: "id-2",
    accessToken: "access-2", expiresIn: 3600, tokenType: "Bearer" } } };
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    if (request.url === "/v1/auth/logout") {
      gateway.logouts.push(JSON.parse(body).refreshToken);
      response.writeHead(204).end();
      return;
    }
    gateway.refreshes++;
    if (gateway.hold) await gateway.hold;
    const { status, body: answer } = gateway.answer;
    response.writeHead(status, { "Content-Type": status === 200 ? "application/json" : "application/problem+json" });
    response.end(JSON.stringify(answer));
  });
  await new Promise(resolve => server.listen(0, "127.0.0.1", resolve));
  try {
    const client = new PhonegateClient({ baseUrl: `http://127.0.0.1:${server.address().port}` });
    return await use(client, gateway);
  } finally {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }
}

function clock(start = 1_000_000) {
  const time = { now: start };
  return { now: () => time.now, advance: ms => { time.now += ms; } };
}

test("tokens are kept and given back without a call until they are about to expire, then refreshed once", async () => {
  await withGateway(async (client, gateway) => {
    const time = clock();
    const session = new PhonegateSession(client, { now: time.now, refreshEarlyMs: 60_000 });
    assert.equal(await session.getTokens(), null, "nobody signed in");

    await session.setTokens(TOKENS);
    time.advance(3_540_000 - 1);
    assert.equal((await session.getTokens()).idToken, "id-1");
    assert.equal(gateway.refreshes, 0);

    time.advance(1);
    const [a, b, c] = await Promise.all([session.getTokens(), session.getTokens(), session.getTokens()]);
    assert.equal(gateway.refreshes, 1, "callers waiting at once share one refresh");
    assert.deepEqual(a, { idToken: "id-2", accessToken: "access-2", refreshToken: "pg1.r.t", expiresAt: time.now() + 3_600_000 });
    assert.deepEqual(b, a);
    assert.deepEqual(c, a);

    await session.getTokens({ forceRefresh: true });
    assert.equal(gateway.refreshes, 2, "forceRefresh refreshes tokens that are still good");
  });
});

test("a revoked refresh token signs the session out; a gateway error keeps the tokens and rejects", async () => {
  await withGateway(async (client, gateway) => {
    const session = new PhonegateSession(client);
    await session.setTokens(TOKENS);

    gateway.answer = { status: 503, body: { type: "https://phonegate.io/problems/unavailable", status: 503 } };
    await assert.rejects(session.getTokens({ forceRefresh: true }), error => error instanceof ProblemError && error.status === 503);
    assert.equal((await session.getTokens()).idToken, "id-1", "kept for the next try");

    gateway.answer = { status: 401, body: { type: "https://phonegate.io/problems/invalid-refresh-token", status: 401 } };
    assert.equal(await session.getTokens({ forceRefresh: true }), null);
    assert.equal(await session.getTokens(), null);
  });
});

test("signing out forgets the tokens, revokes the refresh token, and a refresh under way cannot bring them back", async () => {
  await withGateway(async (client, gateway) => {
    const session = new PhonegateSession(client);
    await session.setTokens(TOKENS);
    let release;
    gateway.hold = new Promise(resolve => { release = resolve; });

    const refreshing = session.getTokens({ forceRefresh: true });
    await waitFor(() => gateway.refreshes === 1);
    await session.signOut();
    release();

    assert.equal(await refreshing, null);
    assert.equal(await session.getTokens(), null);
    assert.deepEqual(gateway.logouts, ["pg1.r.t"]);
    await session.signOut();
    assert.deepEqual(gateway.logouts, ["pg1.r.t"], "nothing to revoke the second time");
  });
});

async function waitFor(condition) {
  for (let i = 0; i < 500 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  assert.ok(condition(), "condition not met within 5 s");
}
