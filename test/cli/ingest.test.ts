/**
 * `npm run ingest` as a process (`node scripts/run.mjs ingest`, as package.json runs
 * it), against a private copy of the corpus and a fresh data folder.
 */
import { execFile } from "node:child_process";
import { copyFile, cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { readCurrentVersion } from "../../src/index/layout.js";
import { loadIndex } from "../../src/index/load.js";
import { configuredIdentity, providerFactory } from "../../src/index/providers.js";
import { cliCommand } from "../helpers/cli.js";
import { CORPUS_DIR, FIXTURES, ROOT } from "../helpers/paths.js";

const SUMMARY =
  /^索引已更新 \((v-[\w-]+)\)\n {2}documents (\d+) {2}measures (\d+) {2}sections (\d+) {2}tables (\d+) {2}units (\d+) {2}chunks (\d+)\n {2}embedded (\d+) {2}reused (\d+) {2}\(hashed:[\w-]+\/1024\)\n {2}(\d+\.\d\d) s\n$/;

let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "ipbot-ingest-"));
  await cp(CORPUS_DIR, path.join(dir, "corpus"), { recursive: true });
  // Exactly these settings: nothing inherited from the test's own environment.
  env = { PATH: process.env.PATH ?? "", HOME: dir, CORPUS_DIR: path.join(dir, "corpus"), DATA_DIR: path.join(dir, "data") };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function ingest(extra: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(...cliCommand("ingest"), { cwd: ROOT, env: { ...env, ...extra }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const indexDir = () => path.join(dir, "data", "index");

describe("npm run ingest", () => {
  it("builds the index and prints the summary: documents, 18 measures, units, chunks, seconds", async () => {
    const run = await ingest();
    expect(run.code).toBe(0);
    const m = SUMMARY.exec(run.stdout);
    expect(m, run.stdout).not.toBeNull();
    const [, version, documents, measures, sections, tables, units, chunks, embedded, reused, seconds] = m!;
    expect({ documents, measures, sections, tables, units, reused }).toEqual({ documents: "1", measures: "18", sections: "8", tables: "0", units: "16", reused: "0" });
    expect(Number(chunks)).toBeGreaterThanOrEqual(26);
    expect(embedded).toBe(chunks);
    expect(Number(seconds)).toBeGreaterThan(0);
    expect(await readCurrentVersion(indexDir())).toBe(version);
    // Not a terminal: plain stage lines instead of a progress bar.
    expect(run.stderr).toContain("解析文档…");

    const again = await ingest();
    expect(SUMMARY.exec(again.stdout)!.slice(8, 10)).toEqual(["0", chunks]);
  });

  it("a broken file exits non-zero naming the file, and the previous index stays current", async () => {
    expect((await ingest()).code).toBe(0);
    const serving = await readCurrentVersion(indexDir());
    await copyFile(path.join(FIXTURES, "broken.pdf"), path.join(dir, "corpus", "2024年专利资助办法.pdf"));

    const run = await ingest();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Ingest failed on 2024年专利资助办法.pdf: not a valid PDF file");
    expect(run.stderr).toContain("The previous index (if any) is unchanged and keeps serving.");
    // Not a terminal: the log line is JSON.
    const logged = run.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(expect.objectContaining({ level: 50, msg: "ingest failed", file: "2024年专利资助办法.pdf" }));

    expect(await readCurrentVersion(indexDir())).toBe(serving);
    expect((await readdir(indexDir())).filter((name) => name.startsWith(".build-"))).toEqual([]);
    const config = loadConfig(env);
    const loaded = await loadIndex(config.indexDir, configuredIdentity(config), providerFactory(config));
    expect(loaded.ok && loaded.index.manifest.version).toBe(serving);
  });

  it("a bad setting exits 2 with a message naming the variable", async () => {
    const run = await ingest({ EMBEDDINGS_DIMENSION: "zero" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Invalid configuration:\n {2}EMBEDDINGS_DIMENSION: /);
    expect(await readCurrentVersion(indexDir())).toBeUndefined();
  });
});
