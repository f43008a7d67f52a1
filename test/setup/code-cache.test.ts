/**
 * scripts/code-cache.mjs, which runs `ask`'s CommonJS bundle with V8's code
 * cache: real Node processes over a small bundle in a temp folder.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/paths.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-"));
  // The entry as scripts/build.mjs writes it, importing the runner from the project.
  fs.writeFileSync(
    path.join(dir, "entry.js"),
    `import { runWithCodeCache } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "scripts", "code-cache.mjs")).href)};\n` +
      'runWithCodeCache(import.meta.url, "bundle.cjs", "bundle.cjs.test.v8cache");\n',
  );
  fs.writeFileSync(path.join(dir, "package.json"), '{"type":"module"}');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const bundle = (code: string) => fs.writeFileSync(path.join(dir, "bundle.cjs"), code);
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(dir, "entry.js"), ...args], { encoding: "utf8" });
const cacheFile = () => path.join(dir, "bundle.cjs.test.v8cache");

describe("a bundle run with V8's code cache", () => {
  it("runs as the entry itself: its arguments, its URL for import.meta.url, a require from its folder, strict mode", () => {
    bundle(
      'const path = require("node:path");\n' +
        "process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), url: __import_meta_url, dir: path.basename(__dirname), strict: (function () { return this === undefined; })() }));\n",
    );
    const { stdout, status } = run("专利", "--json");
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ argv: ["专利", "--json"], url: pathToFileURL(path.join(dir, "entry.js")).href, dir: path.basename(dir), strict: true });
  });

  it("leaves a cache after a successful run and starts from it the next time, unchanged", () => {
    bundle('process.stdout.write("ok " + [1, 2, 3].map((x) => x * 2).join(","));\n');
    expect(run().stdout).toBe("ok 2,4,6");
    const written = fs.statSync(cacheFile());
    expect(written.size).toBeGreaterThan(0);
    expect(run().stdout).toBe("ok 2,4,6");
    // An accepted cache is not written again.
    expect(fs.statSync(cacheFile()).mtimeMs).toBe(written.mtimeMs);
  });

  it("writes no cache for a run that fails", () => {
    bundle('process.stderr.write("no question\\n"); process.exitCode = 2;\n');
    expect(run().status).toBe(2);
    expect(fs.existsSync(cacheFile())).toBe(false);
  });

  it("compiles afresh, and caches again, when V8 refuses the cache it finds", () => {
    bundle('process.stdout.write("first");\n');
    run();
    fs.writeFileSync(cacheFile(), "not V8's code cache");
    const { stdout, status } = run();
    expect([status, stdout]).toEqual([0, "first"]);
    expect(fs.readFileSync(cacheFile(), "utf8")).not.toBe("not V8's code cache");
  });
});
