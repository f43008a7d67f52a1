import { cp } from "node:fs/promises";
import { afterAll, beforeAll } from "vitest";
import path from "node:path";
import { openEngine } from "../../src/app/service.js";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { createLogger } from "../../src/log/index.js";
import { FIXTURES } from "../helpers/paths.js";
import { tempWorkspace } from "../helpers/temp-corpus.js";

/**
 * The real engine over a private copy of the corpus, its index built from scratch; with `related`,
 * the documents of `test/fixtures/<related>/corpus` added beside the outline.
 */
export async function outlineEngine(related?: string): Promise<{ engine: PolicyEngine; cleanup: () => Promise<void> }> {
  const workspace = await tempWorkspace();
  if (related) await cp(path.join(FIXTURES, related, "corpus"), workspace.config.corpusDir, { recursive: true });
  const engine = await openEngine(workspace.config, createLogger({ level: "silent", pretty: false }));
  return { engine, cleanup: workspace.cleanup };
}

/** Every number written in a text (3.6, 9, 2025 …), for checking that an answer adds none. */
export function numbersIn(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?/g) ?? [];
}

/**
 * The real engine for one test file (see `outlineEngine`): opened before its tests, cleaned up after;
 * call the returned function inside a test.
 */
export function engineForTests(related?: string): () => PolicyEngine {
  let opened: { engine: PolicyEngine; cleanup: () => Promise<void> } | undefined;
  beforeAll(async () => {
    opened = await outlineEngine(related);
  }, 120_000);
  afterAll(() => opened?.cleanup());
  return () => {
    if (!opened) throw new Error("the engine is opened in beforeAll");
    return opened.engine;
  };
}
