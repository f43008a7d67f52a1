// The compiled CLI: esbuild bundles src/cli/* (and the bench's worker) into dist/, so `npm start`
// and `npm run ask|ingest|eval|bench` run JavaScript with no compiler at start-up; `ask` also keeps
// V8's compiled code between runs (see CACHED).
// `node scripts/build.mjs` builds; `freshness()` tells scripts/run.mjs whether dist/ is stale.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = path.join(ROOT, "dist");
/** What a build read from the project (not node_modules), with the time it started. */
const INPUTS = path.join(DIST, "inputs.json");

/** The module whose code reads the distilled dictionary the build writes beside it. */
const GENERAL_DICTIONARY_SOURCE = "src/engine/understand/typos.ts";

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
  // Imported by the build itself, to distil jieba's dictionary for typo correction (see generateData).
  "build/general-dictionary": GENERAL_DICTIONARY_SOURCE,
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
  for (const file of recorded.generated ?? []) {
    if (!fs.existsSync(path.join(root, file))) return `${file} is gone`;
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
 * Entries run with V8's code cache: one-shot commands whose start-up is most of their time. Each is
 * bundled whole as CommonJS (`dist/cli/ask.cjs`), and `dist/cli/ask.js` is a two-line entry that
 * runs it through scripts/code-cache.mjs: Node 20 keeps no compiled code of ES modules between runs.
 */
const CACHED = new Set(["cli/ask"]);

/** What both builds share. */
const COMMON = {
  absWorkingDir: ROOT,
  outdir: DIST,
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  // Some packages compare constructor names (node-fetch checks for an `AbortSignal`): keep them as written.
  keepNames: true,
  external: EXTERNAL,
  write: false,
  metafile: true,
  logLevel: "warning",
};

/**
 * In a CommonJS bundle run by scripts/code-cache.mjs, `import()` of a package left in node_modules
 * (or of a Node module) would need a loader that V8's cached code does not keep: such an import
 * loads the package with require() instead, as esbuild already does for bundled modules.
 */
const dynamicImportsAsRequire = {
  name: "dynamic-imports-as-require",
  setup(build) {
    const loadedByNode = (specifier) => specifier.startsWith("node:") || EXTERNAL.some((e) => specifier === e || specifier.startsWith(`${e}/`));
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === "dynamic-import" && loadedByNode(args.path) ? { path: args.path, namespace: "required" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "required" }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }));
  },
};

/**
 * Bundles every entry into dist/. Shared chunks are written before the entries that import them,
 * and chunks of earlier builds are kept: a running server may still load one lazily.
 */
export async function buildDist({ quiet = false } = {}) {
  const startedAt = Date.now();
  const { build } = await import("esbuild");
  const pick = (cached) => Object.fromEntries(Object.entries(ENTRIES).filter(([name]) => CACHED.has(name) === cached));
  const [esm, cjs] = await Promise.all([
    build({
      ...COMMON,
      entryPoints: pick(false),
      splitting: true,
      format: "esm",
      // Bundled CommonJS packages call require(); ESM output needs one made for it.
      banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    }),
    build({
      ...COMMON,
      entryPoints: pick(true),
      format: "cjs",
      outExtension: { ".js": ".cjs" },
      // The code runs as if it were the entry dist/cli/ask.js: scripts/code-cache.mjs passes the entry's URL.
      define: { "import.meta.url": "__import_meta_url" },
      plugins: [dynamicImportsAsRequire],
    }),
  ]);
  const left = Object.values(cjs.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === "dynamic-import"));
  if (left.length > 0) throw new Error(`a code-cached bundle would import() ${left.map((i) => i.path).join(", ")}: load it with require()`);

  const entries = new Set(Object.keys(ENTRIES).map((name) => path.join(DIST, `${name}.js`)));
  const outputs = [...esm.outputFiles, ...cjs.outputFiles].sort((a, b) => Number(entries.has(a.path)) - Number(entries.has(b.path)));
  for (const output of outputs) writeAtomically(output.path, output.contents);
  // Each entry after its bundle, so that no process starts an entry whose bundle is not there yet.
  for (const name of CACHED) {
    const bundle = cjs.outputFiles.find((o) => o.path === path.join(DIST, `${name}.cjs`));
    writeCachedEntry(name, bundle);
  }
  const metafile = { inputs: { ...esm.metafile.inputs, ...cjs.metafile.inputs }, outputs: { ...esm.metafile.outputs, ...cjs.metafile.outputs } };
  const generated = await generateData(metafile);
  // Files of the project; not node_modules, nor the modules dynamicImportsAsRequire makes up.
  const files = Object.keys(metafile.inputs).filter((f) => !f.startsWith("node_modules/") && !f.startsWith("required:"));
  writeAtomically(INPUTS, JSON.stringify({ startedAt, files, generated }, null, 1));
  const kib = outputs.filter((o) => /\.c?js$/.test(o.path)).reduce((sum, o) => sum + o.contents.byteLength, 0) / 1024;
  if (!quiet) process.stderr.write(`built dist/ (${Object.keys(ENTRIES).length} entries, ${kib.toFixed(0)} KiB) in ${Date.now() - startedAt} ms\n`);
}

/**
 * The entry `dist/NAME.js` of a code-cached bundle `dist/NAME.cjs`. Its cache is named after the
 * bundle's contents; the caches of earlier bundles are removed (a process still running one
 * may write its own back, under its own name, which no later bundle reads).
 */
function writeCachedEntry(name, bundle) {
  const entry = path.join(DIST, `${name}.js`);
  const base = path.basename(bundle.path);
  const cache = `${base}.${createHash("sha256").update(bundle.contents).digest("hex").slice(0, 16)}.v8cache`;
  for (const old of fs.readdirSync(path.dirname(entry))) {
    if (old.startsWith(`${base}.`) && old.endsWith(".v8cache") && old !== cache) fs.rmSync(path.join(path.dirname(entry), old), { force: true });
  }
  // An ES module entry of an earlier build leaves its source map behind.
  fs.rmSync(`${entry}.map`, { force: true });
  const runner = path
    .relative(path.dirname(entry), path.join(ROOT, "scripts", "code-cache.mjs"))
    .split(path.sep)
    .join("/");
  writeAtomically(
    entry,
    `// Generated by scripts/build.mjs: ${ENTRIES[name]}, bundled as ${base} and run with V8's code cache.\n` +
      `import { runWithCodeCache } from ${JSON.stringify(runner)};\n` +
      `runWithCodeCache(import.meta.url, ${JSON.stringify(base)}, ${JSON.stringify(cache)});\n`,
  );
}

/**
 * Data the bundle would otherwise compute on every start: jieba's 5 MB dictionary distilled into
 * the everyday words typo correction reads, written beside each output holding that code (it looks
 * beside itself). Returns the files written, relative to the project.
 */
async function generateData(metafile) {
  const { distillGeneralDictionary, GENERAL_DICTIONARY_FILE } = await import(pathToFileURL(path.join(DIST, "build/general-dictionary.js")).href);
  const contents = JSON.stringify(distillGeneralDictionary());
  const dirs = new Set(
    Object.entries(metafile.outputs)
      .filter(([, output]) => GENERAL_DICTIONARY_SOURCE in output.inputs)
      .map(([file]) => path.dirname(path.join(ROOT, file))),
  );
  return [...dirs].map((dir) => {
    const file = path.join(dir, GENERAL_DICTIONARY_FILE);
    writeAtomically(file, contents);
    return path.relative(ROOT, file);
  });
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
