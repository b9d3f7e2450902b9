// The client's own handling of HTTP: answers the real gateway gives only under failure (a proxy's page,
// a hung connection, an HTTP-date Retry-After) come from a small node:http server here.
// stack.test.js checks the same client against the running gateway.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import {
  NetworkError, PhonegateClient, PhonegateError, ProblemError, RateLimitedError, StartAgainError, TimeoutError,
  WrongCodeError,
} from "../dist/index.js";
import { retryAfterSeconds } from "../dist/client.js";

/** Serves `handler(request, body, response)` on a free loopback port for the length of `use(baseUrl)`. */
async function withServer(handler, use) {
  const sockets = new Set();
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    handler(request, body, response);
  });
  server.on("connection", socket => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise(resolve => server.listen(0, "127.0.0.1", resolve));
  try {
    return await use(`http://127.0.0.1:${server.address().port}`);
  } finally {
    sockets.forEach(socket => socket.destroy());
    await new Promise(resolve => server.close(resolve));
  }
}

function problem(response, status, body, headers = {}) {
  response.writeHead(status, { "Content-Type": "application/problem+json", ...headers });
  response.end(JSON.stringify(body));
}

test("start posts the number and locale as JSON under the base URL's path and reads the challenge", async () => {
  const seen = [];
  await withServer((request, body, response) => {
    seen.push({ method: request.method, url: request.url, type: request.headers["content-type"],
      accept: request.headers.accept, body: JSON.parse(body) });
    response.writeHead(202, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ challenge: "abc", expiresAt: "2026-11-24T10:03:00Z",
      resendAfter: "2026-11-24T10:00:30Z", codeLength: 6 }));
  }, async base => {
    const client = new PhonegateClient({ baseUrl: base + "/auth" });
    const started = await client.start("+91 98765 43210", { locale: "hi-IN" });
    assert.deepEqual(started, { challenge: "abc", expiresAt: new Date("2026-11-24T10:03:00Z"),
      resendAfter: new Date("2026-11-24T10:00:30Z"), codeLength: 6 });
    await client.start("+919876543210");
  });
  assert.deepEqual(seen[0], { method: "POST", url: "/auth/v1/auth/start", type: "application/json",
    accept: "application/json, application/problem+json", body: { phone: "+91 98765 43210", locale: "hi-IN" } });
  assert.deepEqual(seen[1].body, { phone: "+919876543210" }, "no locale sent when none was given");
});

test("a problem answer becomes a ProblemError with the problem's fields", async () => {
  await withServer((request, body, response) => problem(response, 400, {
    type: "https://phonegate.io/problems/invalid-phone", title: "The phone number is not valid", status: 400,
    detail: "this is not a valid phone number for its country", instance: "/v1/auth/start",
  }), async baseUrl => {
    const error = await rejection(new PhonegateClient({ baseUrl }).start("12"));
    assert.ok(error instanceof ProblemError && error instanceof PhonegateError);
    assert.equal(error.name, "ProblemError");
    assert.equal(error.type, "invalid-phone");
    assert.equal(error.status, 400);
    assert.equal(error.title, "The phone number is not valid");
    assert.equal(error.detail, "this is not a valid phone number for its country");
    assert.equal(error.message, error.detail);
    assert.equal(error.body.instance, "/v1/auth/start");
    assert.equal(error.retryAfter, undefined);
  });
});

test("429 is a RateLimitedError with the limit and Retry-After, in seconds or as an HTTP date", async () => {
  let retryAfter = "7";
  await withServer((request, body, response) => problem(response, 429, {
    type: "https://phonegate.io/problems/rate-limited", status: 429, title: "Too many requests",
    detail: "wait before asking for another code", limit: "phone_cooldown",
  }, { "Retry-After": retryAfter }), async baseUrl => {
    const client = new PhonegateClient({ baseUrl });
    const error = await rejection(client.start("+919876543210"));
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.type, "rate-limited");
    assert.equal(error.limit, "phone_cooldown");
    assert.equal(error.retryAfter, 7);

    retryAfter = new Date(Date.now() + 120_000).toUTCString();
    const dated = await rejection(client.start("+919876543210"));
    assert.ok(dated.retryAfter >= 118 && dated.retryAfter <= 120, `about 120 s, not ${dated.retryAfter}`);
  });
  assert.equal(retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("2015-10-21T07:27:00.5Z")), 60);
  assert.equal(retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("2015-10-21T08:00:00Z")), 0);
  assert.equal(retryAfterSeconds("soon"), undefined);
  assert.equal(retryAfterSeconds(null), undefined);
});

test("wrong-code carries the next challenge and the attempts left; start-again has its own class", async () => {
  let answer;
  await withServer((request, body, response) => problem(response, 401, answer), async baseUrl => {
    const client = new PhonegateClient({ baseUrl });
    answer = { type: "https://phonegate.io/problems/wrong-code", status: 401, detail: "the code is wrong; 2 attempts left",
      challenge: "next", attemptsLeft: 2 };
    const wrong = await rejection(client.verify("+919876543210", "first", "000000"));
    assert.ok(wrong instanceof WrongCodeError && wrong instanceof ProblemError);
    assert.equal(wrong.challenge, "next");
    assert.equal(wrong.attemptsLeft, 2);

    answer = { type: "https://phonegate.io/problems/start-again", status: 401, detail: "the challenge is over" };
    const over = await rejection(client.verify("+919876543210", "next", "000000"));
    assert.ok(over instanceof StartAgainError);
    assert.equal(over.type, "start-again");
  });
});

test("an answer that is not the API's: a proxy's 502 page is an about:blank problem, a 200 page a NetworkError", async () => {
  let status = 502;
  await withServer((request, body, response) => {
    response.writeHead(status, "Bad Gateway", { "Content-Type": "text/html", "Retry-After": "3" });
    response.end("<html>bad gateway</html>");
  }, async baseUrl => {
    const client = new PhonegateClient({ baseUrl });
    const error = await rejection(client.refresh("pg1.x.y"));
    assert.ok(error instanceof ProblemError);
    assert.equal(error.type, "about:blank");
    assert.equal(error.status, 502);
    assert.equal(error.retryAfter, 3);

    status = 200;
    const odd = await rejection(client.refresh("pg1.x.y"));
    assert.ok(odd instanceof NetworkError, String(odd));
  });
});

test("logout resolves on 204; a gateway nobody listens on is a NetworkError", async () => {
  let port;
  await withServer((request, body, response) => {
    response.writeHead(204);
    response.end();
  }, async baseUrl => {
    port = new URL(baseUrl).port;
    assert.equal(await new PhonegateClient({ baseUrl }).logout("pg1.x.y"), undefined);
  });
  const error = await rejection(new PhonegateClient({ baseUrl: `http://127.0.0.1:${port}` }).logout("pg1.x.y"));
  assert.ok(error instanceof NetworkError, String(error));
  assert.match(error.message, /could not reach the gateway/);
});

test("no answer within the timeout is a TimeoutError; the caller's abort rejects with the caller's reason", async () => {
  await withServer(() => { /* never answers */ }, async baseUrl => {
    const client = new PhonegateClient({ baseUrl, timeoutMs: 60_000 });
    const began = Date.now();
    const timedOut = await rejection(client.start("+919876543210", { timeoutMs: 200 }));
    assert.ok(timedOut instanceof TimeoutError, String(timedOut));
    assert.equal(timedOut.timeoutMs, 200);
    assert.ok(Date.now() - began < 10_000);

    const controller = new AbortController();
    const pending = client.start("+919876543210", { signal: controller.signal });
    controller.abort();
    const aborted = await rejection(pending);
    assert.equal(aborted.name, "AbortError");
    await assert.rejects(client.start("+919876543210", { signal: AbortSignal.abort("gone") }), reason => reason === "gone");
  });
  for (const timeoutMs of [0, -1, Number.NaN, Infinity, 2 ** 31]) {
    assert.throws(() => new PhonegateClient({ baseUrl: "http://127.0.0.1", timeoutMs }), RangeError);
  }
});

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected the call to reject");
}

test("status asks for the challenge's status by GET, the handle as one path segment, and reads why it failed", async () => {
  const seen = [];
  const answers = [
    { status: "queued", expiresAt: "2026-11-24T10:03:00.000Z", resendAfter: "2026-11-24T10:00:30.000Z" },
    { status: "failed", reason: "cannot_receive_sms", detail: "This number cannot receive text messages.",
      expiresAt: "2026-11-24T10:03:00.000Z", resendAfter: "2026-11-24T10:00:30.000Z" },
    { status: "delivered", expiresAt: "2026-11-24T10:03:00.000Z", resendAfter: "2026-11-24T10:00:30.000Z" },
  ];
  await withServer((request, body, response) => {
    seen.push({ method: request.method, url: request.url, body });
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify(answers[seen.length - 1]));
  }, async base => {
    const client = new PhonegateClient({ baseUrl: base });
    assert.deepEqual(await client.status("a/b c"), { status: "queued",
      expiresAt: new Date("2026-11-24T10:03:00Z"), resendAfter: new Date("2026-11-24T10:00:30Z") });
    assert.deepEqual(await client.status("h"), { status: "failed", reason: "cannot_receive_sms",
      detail: "This number cannot receive text messages.", expiresAt: new Date("2026-11-24T10:03:00Z"),
      resendAfter: new Date("2026-11-24T10:00:30Z") });
    await assert.rejects(client.status("h"), NetworkError, "a status the API does not have");
  });
  assert.deepEqual(seen[0], { method: "GET", url: "/v1/auth/challenges/a%2Fb%20c/status", body: "" });
});

test("start sends the bot check's token; botCheck reads the widget to render, or none", async () => {
  const seen = [];
  const checks = [
    { provider: "none" },
    { provider: "turnstile", siteKey: "1x00000000000000000000AA", scriptUrl: "https://challenges.cloudflare.com/x.js",
      widget: "turnstile", appliesTo: "new-numbers" },
  ];
  await withServer((request, body, response) => {
    if (request.url === "/v1/auth/bot-check") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify(checks.shift()));
      return;
    }
    seen.push(JSON.parse(body));
    if (JSON.parse(body).botToken === undefined) {
      problem(response, 422, { type: "https://phonegate.io/problems/bot-check-failed", status: 422,
        title: "The bot check did not pass", detail: "send its token in 'botToken'" });
      return;
    }
    response.writeHead(202, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ challenge: "abc", expiresAt: "2026-11-24T10:03:00Z",
      resendAfter: "2026-11-24T10:00:30Z", codeLength: 6 }));
  }, async base => {
    const client = new PhonegateClient({ baseUrl: base });
    assert.deepEqual(await client.botCheck(), { provider: "none" });
    assert.deepEqual(await client.botCheck(), { provider: "turnstile", siteKey: "1x00000000000000000000AA",
      scriptUrl: "https://challenges.cloudflare.com/x.js", widget: "turnstile", appliesTo: "new-numbers" });
    const refused = await client.start("+447700900123").catch(error => error);
    assert.ok(refused instanceof ProblemError);
    assert.equal(refused.status, 422);
    assert.equal(refused.type, "bot-check-failed");
    assert.equal((await client.start("+447700900123", { botToken: "pass.1" })).challenge, "abc");
  });
  assert.deepEqual(seen, [{ phone: "+447700900123" }, { phone: "+447700900123", botToken: "pass.1" }]);
});
