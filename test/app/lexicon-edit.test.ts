import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AliasesSchema, readEditableLexicon, SynonymsSchema, writeSynonyms } from "../../src/app/lexicon-edit.js";
import { CORPUS_DIR } from "../helpers/paths.js";

describe("lexicon editing", () => {
  it("accepts the corpus's own synonyms and aliases as they are", async () => {
    const lexicon = await readEditableLexicon(CORPUS_DIR);
    expect(SynonymsSchema.safeParse(lexicon.synonyms).success).toBe(true);
    expect(AliasesSchema.safeParse(lexicon.aliases).success).toBe(true);
  });

  it("refuses empty words, duplicates, over-long words and an alias of two units", () => {
    expect(SynonymsSchema.safeParse([{ when: [" "], add: ["地理标志"] }]).success).toBe(false);
    expect(SynonymsSchema.safeParse([{ when: ["山寨", "山寨"], add: ["侵权假冒"] }]).success).toBe(false);
    expect(SynonymsSchema.safeParse([{ when: ["专".repeat(41)], add: ["专利"] }]).success).toBe(false);
    expect(
      SynonymsSchema.safeParse([
        { when: ["a"], add: ["b"] },
        { when: ["a"], add: ["b"] },
      ]).success,
    ).toBe(false);
    expect(AliasesSchema.safeParse({ 市市场监管局: ["市监局"], 市测试局: ["市监局"] }).success).toBe(false);
  });

  it("writes the synonyms atomically and keeps every other key of lexicon.json", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lexicon-edit-"));
    try {
      fs.copyFileSync(path.join(CORPUS_DIR, "lexicon.json"), path.join(dir, "lexicon.json"));
      const before = JSON.parse(fs.readFileSync(path.join(dir, "lexicon.json"), "utf8")) as Record<string, unknown>;
      await writeSynonyms(dir, [{ when: ["蓝莓标签"], add: ["地理标志"] }]);
      const after = JSON.parse(fs.readFileSync(path.join(dir, "lexicon.json"), "utf8")) as Record<string, unknown>;
      expect(after.synonyms).toEqual([{ when: ["蓝莓标签"], add: ["地理标志"] }]);
      expect({ ...after, synonyms: before.synonyms }).toEqual(before);
      expect(fs.readdirSync(dir)).toEqual(["lexicon.json"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
