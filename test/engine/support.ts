import { openEngine } from "../../src/app/service.js";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { createLogger } from "../../src/log/index.js";
import { tempWorkspace } from "../helpers/temp-corpus.js";

/** The real engine over a private copy of the corpus, its index built from scratch. */
export async function outlineEngine(): Promise<{ engine: PolicyEngine; cleanup: () => Promise<void> }> {
  const workspace = await tempWorkspace();
  const engine = await openEngine(workspace.config, createLogger({ level: "silent", pretty: false }));
  return { engine, cleanup: workspace.cleanup };
}

/** Every number written in a text (3.6, 9, 2025 …), for checking that an answer adds none. */
export function numbersIn(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?/g) ?? [];
}
