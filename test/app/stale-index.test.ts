/**
 * Start-up after an admin changed the corpus folder by hand while the
 * service was down: the index follows the folder, and a broken new file
 * never takes the last good index away.
 */
import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/app/service.js";
import { FIXTURES } from "../helpers/paths.js";
import { tempWorkspace } from "../helpers/temp-corpus.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

let lines: { level: number; msg: string; change?: string; file?: string }[] = [];
const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });

describe("opening the index at start-up", () => {
  it("re-indexes when a document was added, and not when nothing changed", async () => {
    const ws = await tempWorkspace();
    cleanups.push(ws.cleanup);
    const first = await openEngine(ws.config, logger);
    expect(first.documents()).toHaveLength(1);

    lines = [];
    await openEngine(ws.config, logger);
    expect(lines).toEqual([]);

    await copyFile(path.join(FIXTURES, "subsidy.docx"), path.join(ws.config.corpusDir, "subsidy.docx"));
    lines = [];
    const second = await openEngine(ws.config, logger);
    expect(lines).toEqual([expect.objectContaining({ change: "subsidy.docx was added" })]);
    expect(second.documents()).toHaveLength(2);
  });

  it("picks up an edited lexicon: a new colloquial word then finds its measure", async () => {
    const ws = await tempWorkspace();
    cleanups.push(ws.cleanup);
    const monetising = ["建立知识产权运营机制", "完善知识产权运营体系"];
    const before = await openEngine(ws.config, logger);
    expect(monetising).not.toContain((await before.answer("知识产权咋变现")).citations[0]?.title);

    const file = path.join(ws.config.corpusDir, "lexicon.json");
    const lexicon = JSON.parse(await readFile(file, "utf8")) as { synonyms: { when: string[]; add: string[] }[] };
    lexicon.synonyms.push({ when: ["变现"], add: ["质押融资", "转移转化"] });
    await writeFile(file, JSON.stringify(lexicon));
    lines = [];
    const after = await openEngine(ws.config, logger);
    expect(lines).toEqual([expect.objectContaining({ change: "lexicon.json was edited" })]);
    expect(monetising).toContain((await after.answer("知识产权咋变现")).citations[0]?.title);
  });

  it("keeps serving the last good index when a file added by hand cannot be read", async () => {
    const ws = await tempWorkspace();
    cleanups.push(ws.cleanup);
    const good = await openEngine(ws.config, logger);
    const version = good.index.manifest.version;
    await copyFile(path.join(FIXTURES, "broken.docx"), path.join(ws.config.corpusDir, "broken.docx"));

    lines = [];
    const engine = await openEngine(ws.config, logger);
    expect(engine.index.manifest.version).toBe(version);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, file: "broken.docx" }));
    expect((await engine.answer("专利质押贷款怎么办理？")).citations[0]?.title).toBe("建立知识产权运营机制");
  });
});
