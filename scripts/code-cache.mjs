// Runs a CommonJS bundle of dist/ with V8's code cache, so that a short-lived command does not
// parse and compile its 4 MB of JavaScript again on every start (Node 20 caches no ES module code).
// scripts/build.mjs writes the bundle and a two-line entry that calls runWithCodeCache.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

/** The parameters the bundle's code sees; `__import_meta_url` stands for `import.meta.url` (the entry's URL). */
const WRAPPER_PARAMETERS = "exports, require, module, __filename, __dirname, __import_meta_url";

/**
 * Compiles `bundle` (beside the entry at `entryUrl`) with the cached code in `cache` when V8
 * accepts it, and runs it as if it were the entry itself: its `import.meta.url` is the entry's.
 * Without a usable cache, a run that ends with exit code 0 leaves one: taken at exit, it holds
 * every function the run compiled, not only the top level. The cache file is named by the build
 * after the bundle's contents, so a cache is never read for another bundle; V8 itself refuses one
 * made by another Node version. A folder that cannot be written only means no cache.
 */
export function runWithCodeCache(entryUrl, bundle, cache) {
  const dir = path.dirname(fileURLToPath(entryUrl));
  const file = path.join(dir, bundle);
  const cacheFile = path.join(dir, cache);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // Strict, as the ES modules it was bundled from are.
  const source = `(function (${WRAPPER_PARAMETERS}) {"use strict";${fs.readFileSync(file, "utf8")}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once("exit", (code) => {
      if (code === 0) writeCache(cacheFile, script);
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir, entryUrl);
}

/** Written whole or not at all: another process may be starting from it meanwhile. */
function writeCache(cacheFile, script) {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
