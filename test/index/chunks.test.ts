import { describe, expect, it } from "vitest";
import { loadDocument } from "../../src/corpus/document.js";
import type { PolicyRecord } from "../../src/corpus/types.js";
import { chunkRecord, embeddingText, splitSentences } from "../../src/index/chunks.js";
import { OUTLINE_FILE, OUTLINE_PATH } from "../helpers/paths.js";

const record = (over: Partial<PolicyRecord>): PolicyRecord => ({
  id: "d1#3.1.1",
  documentId: "d1",
  document: "某办法",
  kind: "measure",
  path: ["三、工作措施", "（一）资助", "1.加强专利资助"],
  number: "1.",
  title: "加强专利资助",
  text: "",
  units: [],
  ...over,
});

describe("chunks", () => {
  it("keeps every outline record whole, its heading with its body", async () => {
    const outline = await loadDocument(OUTLINE_PATH, OUTLINE_FILE);
    const [preamble, ...sections] = outline.records;
    for (const r of sections) {
      const chunks = chunkRecord(r);
      expect(chunks).toHaveLength(1);
      expect(embeddingText(chunks[0]!)).toBe(`${r.title}。${r.text}`);
      // The document's short name is context for every record of it.
      expect(chunks[0]!.context).toBe(["泰安市知识产权强市建设纲要", ...r.path.slice(0, -1)].join(" "));
    }
    // The preamble is titled by the document, which would match any question about it.
    expect(chunkRecord(preamble!).map(embeddingText)).toEqual([preamble!.text]);
  });

  it("splits a long record into overlapping sentence windows that each carry the heading", () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `第${i + 1}句对发明专利给予资助并加强知识产权保护工作。`);
    const chunks = chunkRecord(record({ text: sentences.join("") }));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.title).toBe("加强专利资助");
      expect(c.context).toBe("某办法 三、工作措施 （一）资助");
      expect(embeddingText(c).startsWith("加强专利资助。")).toBe(true);
    }
    // Every sentence is in some window, and neighbouring windows overlap.
    for (const s of sentences) expect(chunks.some((c) => c.text.includes(s))).toBe(true);
    expect(splitSentences(chunks[0]!.text).at(-1)).toBe(splitSentences(chunks[1]!.text)[1]);
  });

  it("makes one chunk per table row, each row with its header and the table's heading", () => {
    const table = record({
      id: "d1#2.1t1",
      kind: "table",
      title: "附表：专利资助标准",
      text: "项目：发明专利授权；资助标准：每件资助5000元\n项目：实用新型专利授权；资助标准：每件资助500元",
      table: {
        header: ["项目", "资助标准"],
        rows: [
          ["发明专利授权", "每件资助5000元"],
          ["实用新型专利授权", "每件资助500元"],
        ],
      },
    });
    expect(chunkRecord(table).map(embeddingText)).toEqual([
      "附表：专利资助标准。项目：发明专利授权；资助标准：每件资助5000元",
      "附表：专利资助标准。项目：实用新型专利授权；资助标准：每件资助500元",
    ]);
  });
});
