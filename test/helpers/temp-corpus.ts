import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../../src/config/index.js";
import { CORPUS_DIR } from "./paths.js";

/** A private copy of the corpus and a fresh data folder, with a config pointing at them. */
export async function tempWorkspace(env: Record<string, string> = {}): Promise<{ dir: string; config: Config; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ipbot-test-"));
  await cp(CORPUS_DIR, path.join(dir, "corpus"), { recursive: true });
  const config = loadConfig({ CORPUS_DIR: path.join(dir, "corpus"), DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent", ...env });
  return { dir, config, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
