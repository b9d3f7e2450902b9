// The demo page (auth-gateway's static/index.html) imports the client from static/phonegate-client/,
// a committed copy of dist/*.js: it must be exactly this build, so the page runs the client tested here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { DEMO_COPY, DIST, builtModules } from "../scripts/demo-copy.js";

test("the demo page's copy of the client is this build (else: npm run demo:copy)", () => {
  assert.deepEqual(readdirSync(DEMO_COPY).sort(), builtModules());
  for (const name of builtModules()) {
    assert.ok(readFileSync(new URL(name, DEMO_COPY)).equals(readFileSync(new URL(name, DIST))),
      `static/phonegate-client/${name} differs from dist/${name}: run npm run demo:copy`);
  }
});
