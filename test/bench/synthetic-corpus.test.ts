import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateSyntheticDocuments, writeSyntheticCorpus } from "../../src/bench/synthetic-corpus.js";
import { loadDocument } from "../../src/corpus/document.js";
import { CORPUS_DIR, OUTLINE_PATH } from "../helpers/paths.js";

const outline = await readFile(OUTLINE_PATH, "utf8");

describe("synthetic benchmark corpus", () => {
  it("is the same for the same seed", () => {
    expect(generateSyntheticDocuments(outline, 5, 1)).toEqual(generateSyntheticDocuments(outline, 5, 1));
  });

  it("is 100 distinct documents about 100 times the outline's size, not copies", () => {
    const docs = generateSyntheticDocuments(outline, 100);
    expect(new Set(docs.map((d) => d.title)).size).toBe(100);
    expect(new Set(docs.map((d) => d.text)).size).toBe(100);
    const ratio = docs.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0) / Buffer.byteLength(outline);
    expect(ratio).toBeGreaterThan(90);
    expect(ratio).toBeLessThan(115);
  });

  it("parses with the real parser into the outline's 18 measures per document, each with responsible units", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "bench-corpus-"));
    try {
      const docs = generateSyntheticDocuments(outline, 8);
      const bytes = await writeSyntheticCorpus(dir, docs, CORPUS_DIR);
      expect(bytes).toBeGreaterThan(0);
      expect(await readdir(dir)).toEqual(expect.arrayContaining(["lexicon.json", "unit-aliases.json"]));
      for (const doc of docs) {
        const parsed = await loadDocument(path.join(dir, doc.file), doc.file);
        expect(parsed.title.startsWith(doc.title)).toBe(true);
        const measures = parsed.records.filter((r) => r.kind === "measure");
        expect(measures).toHaveLength(18);
        expect(measures.every((m) => m.units.length > 0 && m.path[0] === "三、工作措施")).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
