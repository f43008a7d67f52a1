import type { TestProject } from "vitest/node";
import { ensureChromium, realHost } from "../helpers/chromium.js";

/**
 * Runs once before the tests: finds (or on Debian as root installs) the
 * Chromium the browser tests drive, so `npm install && npm test` works on a
 * fresh machine. A machine where it cannot fails those tests with the fix.
 */
export default function setup(project: TestProject): void {
  const lookup = ensureChromium(realHost());
  if (!lookup.ok) process.stderr.write(`\n${lookup.message}\n\n`);
  project.provide("chromium", lookup);
}
