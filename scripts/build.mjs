// The compiled CLI: esbuild bundles src/cli/* (and the bench's worker) into dist/, so `npm start`
// and `npm run ask|ingest|eval|bench` run JavaScript with no compiler at start-up.
// `node scripts/build.mjs` builds; `freshness()` tells scripts/run.mjs whether dist/ is stale.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = path.join(ROOT, "dist");
/** What a build read from the project (not node_modules), with the time it started. */
const INPUTS = path.join(DIST, "inputs.json");

export const ENTRIES = {
  "cli/start": "src/cli/start.ts",
  "cli/ask": "src/cli/ask.ts",
  "cli/ingest": "src/cli/ingest.ts",
  "cli/eval": "src/cli/eval.ts",
  "cli/bench": "src/cli/bench.ts",
  "bench/worker": "src/bench/worker.ts",
  "bench/bm25-peer": "src/bench/bm25-peer.ts",
  // The document parser's child process (src/corpus/parser.ts forks it beside the bundle).
  "parser-child": "src/corpus/parser-child.ts",
};

/**
 * Native addons and packages that find their own files at run time (pdfjs's worker and fonts,
 * pino's transport threads, esbuild's binary for the console's scripts) stay in node_modules, and
 * so does exceljs, loaded only when an admin exports the query log.
 */
const EXTERNAL = ["better-sqlite3", "hnswlib-node", "@node-rs/jieba", "pdfjs-dist", "pino", "pino-pretty", "esbuild", "exceljs"];

/** Besides the sources: a dependency installed or updated makes the bundle stale too. */
const ALSO_WATCHED = ["package.json", "package-lock.json", "scripts/build.mjs"];

/** "fresh", or why dist/ must be rebuilt: a file the last build read (or a watched one) is newer than it, or gone. */
export function freshness(root = ROOT) {
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(path.join(root, "dist", "inputs.json"), "utf8"));
  } catch {
    return "dist/ has not been built";
  }
  for (const file of [...recorded.files, ...ALSO_WATCHED]) {
    let mtime;
    try {
      mtime = fs.statSync(path.join(root, file)).mtimeMs;
    } catch {
      return `${file} is gone`;
    }
    if (mtime > recorded.startedAt) return `${file} changed`;
  }
  return "fresh";
}

/** Writes a file whole or not at all, so a process starting meanwhile never reads half of one. */
function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

/**
 * Bundles every entry into dist/. Shared chunks are written before the entries that import them,
 * and chunks of earlier builds are kept: a running server may still load one lazily.
 */
export async function buildDist({ quiet = false } = {}) {
  const startedAt = Date.now();
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: DIST,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    // Some packages compare constructor names (node-fetch checks for an `AbortSignal`): keep them as written.
    keepNames: true,
    external: EXTERNAL,
    // Bundled CommonJS packages call require(); ESM output needs one made for it.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    write: false,
    metafile: true,
    logLevel: "warning",
  });
  const entries = new Set(Object.keys(ENTRIES).map((name) => path.join(DIST, `${name}.js`)));
  const outputs = [...result.outputFiles].sort((a, b) => Number(entries.has(a.path)) - Number(entries.has(b.path)));
  for (const output of outputs) writeAtomically(output.path, output.contents);
  const files = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/"));
  writeAtomically(INPUTS, JSON.stringify({ startedAt, files }, null, 1));
  const kib = outputs.filter((o) => o.path.endsWith(".js")).reduce((sum, o) => sum + o.contents.byteLength, 0) / 1024;
  if (!quiet) process.stderr.write(`built dist/ (${Object.keys(ENTRIES).length} entries, ${kib.toFixed(0)} KiB) in ${Date.now() - startedAt} ms\n`);
}

/** Builds when dist/ is stale (or always with `force`); says why on stderr. */
export async function ensureDist({ force = false } = {}) {
  const state = force ? "a build was asked for" : freshness();
  if (state === "fresh") return;
  process.stderr.write(`Building dist/: ${state}…\n`);
  await buildDist();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureDist({ force: !process.argv.includes("--if-stale") });
}
