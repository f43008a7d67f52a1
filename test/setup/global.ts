import { spawnSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureChromium, realHost } from "../helpers/chromium.js";
import { ROOT } from "../helpers/paths.js";

/**
 * Runs once before the tests. Builds dist/ when a source is newer (the CLI
 * and bot tests start the compiled commands, as `npm start` does), once here
 * rather than in each process they start. Finds (or on Debian as root
 * installs) the Chromium the browser tests drive, so `npm install && npm test`
 * works on a fresh machine; where it cannot, those tests fail with the fix.
 */
export default function setup(project: TestProject): void {
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.mjs"), "--if-stale"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (build.status !== 0) throw new Error(`building dist/ failed (exit code ${build.status}): run npm run build to see why`);
  const lookup = ensureChromium(realHost());
  if (!lookup.ok) process.stderr.write(`\n${lookup.message}\n\n`);
  project.provide("chromium", lookup);
}
