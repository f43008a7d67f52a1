import path from "node:path";
import { ROOT } from "./paths.js";

/**
 * A product command as `npm run NAME` starts it (`node scripts/run.mjs NAME`,
 * the compiled bundle in dist/, which the test setup builds when stale),
 * without npm's own start-up: the executable and its arguments.
 */
export function cliCommand(name: "start" | "ask" | "ingest" | "eval" | "bench", args: readonly string[] = []): [string, string[]] {
  return [process.execPath, [path.join(ROOT, "scripts", "run.mjs"), name, ...args]];
}
