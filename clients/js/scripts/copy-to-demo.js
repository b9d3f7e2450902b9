// Copies the built client (dist/*.js) next to the demo page, which imports it with no build step of its own.
// test/demo-copy.test.js fails when the copy differs from the build: run `npm run demo:copy` after a change.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { DEMO_COPY, DIST, builtModules } from "./demo-copy.js";

mkdirSync(DEMO_COPY, { recursive: true });
for (const name of readdirSync(DEMO_COPY)) {
  rmSync(new URL(name, DEMO_COPY));
}
for (const name of builtModules()) {
  copyFileSync(new URL(name, DIST), new URL(name, DEMO_COPY));
}
console.log(`copied ${builtModules().join(", ")} to ${DEMO_COPY.pathname}`);
