// Where the demo page's copy of the client lives, and what belongs in it.
import { readdirSync } from "node:fs";

export const DIST = new URL("../dist/", import.meta.url);
export const DEMO_COPY = new URL("../../../auth-gateway/src/main/resources/static/phonegate-client/", import.meta.url);

/** The built ES modules, without the type declarations (a browser does not need them). */
export function builtModules() {
  return readdirSync(DIST).filter(name => name.endsWith(".js")).sort();
}
