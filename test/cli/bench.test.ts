/**
 * `npm run bench -- --corpus DIR` as a process: the outline and a folder of
 * related documents merged as `npm run eval -- --corpus` merges them, every
 * phase but the synthetic corpus run on the result (a quick run: the figures
 * themselves are the machine's, not checked here).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { BenchResults } from "../../src/bench/run.js";
import { cliCommand } from "../helpers/cli.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";

const run = promisify(execFile);
const RELATED = path.join("test", "fixtures", "multidoc-a", "corpus");

/** Runs the bench; a target missed on a busy machine exits 1, and the report is printed all the same. */
async function bench(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(...cliCommand("bench", args), { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "warn" }, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? "", stderr: failed.stderr ?? "", code: failed.code ?? -1 };
  }
}

describe("npm run bench -- --corpus", () => {
  it("serves the outline with the related documents in the in-process, CLI and peer phases", { timeout: 300_000 }, async () => {
    const { stdout, code } = await bench(["--quick", "--skip-large", "--skip-http", "--skip-hostile", "--json", "--corpus", RELATED]);
    expect([0, 1]).toContain(code);
    const results = JSON.parse(stdout) as BenchResults;
    expect(results.related).toEqual([RELATED]);
    // The outline and the eight related documents of every form (.txt, .md, .docx, .pdf, .html).
    expect(results.corpus.ingest.documents).toBe(9);
    expect(results.corpus.label).toBe(`outline + ${RELATED}`);
    expect(results.corpus.scale).toBeGreaterThan(5);
    expect(results.corpus.serve.answered).toBeGreaterThan(0);
    expect(results.batch?.questions).toBe(100);
    expect(results.batch?.peer.coldStartMs).toHaveLength(1);
  });

  it("refuses a folder that is not there, with its usage", async () => {
    const missing = path.join(FIXTURES, "no-such-folder");
    const { stdout, stderr, code } = await bench(["--corpus", missing]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`--corpus ${missing} is not a folder`);
    expect(stderr).toContain("Usage: npm run bench");
  });
});
