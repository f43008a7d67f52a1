import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding the project's package.json, found upwards from this
 * module: the same from `src/config/` under vitest and from a bundle in
 * `dist/`. Files shipped beside the code (the console's pages, the bench's
 * entries) are found from here, never from the working directory.
 */
export function projectRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
