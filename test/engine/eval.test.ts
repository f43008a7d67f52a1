import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { parseDataset, type EvalItem } from "../../src/eval/dataset.js";
import { judge, score, type Scores } from "../../src/eval/score.js";
import { ROOT, SHARED_DEV_SET } from "../helpers/paths.js";
import { outlineEngine } from "./support.js";

let engine: PolicyEngine;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ engine, cleanup } = await outlineEngine());
});
afterAll(() => cleanup());

async function scoresOn(file: string): Promise<Scores> {
  const items: EvalItem[] = parseDataset(await readFile(file, "utf8"));
  const results = [];
  for (const item of items) results.push(judge(item, await engine.answer(item.question)));
  return score(results);
}

const failuresOf = (s: Scores) => s.failed.map((f) => `${f.item.id} ${f.item.question}: ${f.failures.join("; ")}`);

describe("question sets", () => {
  // The shared set lives beside the clone (CI has it); a clone on its own has no such set to score.
  it.skipIf(!existsSync(SHARED_DEV_SET))("gets every question of the shared development set right", async () => {
    const scores = await scoresOn(SHARED_DEV_SET);
    expect(failuresOf(scores)).toEqual([]);
  });

  // Questions written apart from the development set, in other words and on other measures: holdout.jsonl by the
  // engine's authors, blind.jsonl and blind2.jsonl by reviewers who never saw the engine, its lexicon or the other sets.
  it.each(["holdout.jsonl", "blind.jsonl", "blind2.jsonl"])("answers the held-out set %s: no false refusal, every off-topic refused, ≥ 85%% right first", async (name) => {
    const scores = await scoresOn(path.join(ROOT, "test/engine", name));
    expect(scores.falseRefusals, failuresOf(scores).join("\n")).toBe(0);
    expect(scores.outOfScopeRefused.hit).toBe(scores.outOfScopeRefused.of);
    expect(scores.unitLookups.complete).toBe(scores.unitLookups.of);
    expect(scores.unitLookups.precise).toBe(scores.unitLookups.of);
    expect(scores.top1.hit / scores.top1.of, failuresOf(scores).join("\n")).toBeGreaterThanOrEqual(0.85);
  });
});
