// What `npm pack` would publish: the ES modules and their type declarations, and no runtime dependencies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

test("the package holds the built modules with their types and depends on nothing at run time", () => {
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"],
    { cwd: new URL("..", import.meta.url), encoding: "utf8" }));
  const files = packed.files.map(file => file.path).sort();
  for (const module of ["index", "client", "errors", "session"]) {
    assert.ok(files.includes(`dist/${module}.js`), `dist/${module}.js in ${files}`);
    assert.ok(files.includes(`dist/${module}.d.ts`), `dist/${module}.d.ts in ${files}`);
  }
  assert.deepEqual(files.filter(file => !file.startsWith("dist/")).sort(), ["README.md", "package.json"]);

  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.peerDependencies, undefined);
  assert.equal(manifest.type, "module");
  assert.equal(manifest.exports["."].types, "./dist/index.d.ts");
});
