/**
 * The responsible units of the outline as the directory lists them, and the
 * aliases of corpus/unit-aliases.json people use for them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadDocument } from "../../src/corpus/document.js";
import { readUnitAliases } from "../../src/corpus/lexicon.js";
import type { PolicyDocument } from "../../src/corpus/types.js";
import { UnitDirectory } from "../../src/engine/unit-directory.js";
import { OUTLINE_MEASURES } from "../helpers/outline-measures.js";
import { CORPUS_DIR, OUTLINE_FILE, OUTLINE_PATH } from "../helpers/paths.js";

let outline: PolicyDocument;
let directory: UnitDirectory;
beforeAll(async () => {
  outline = await loadDocument(OUTLINE_PATH, OUTLINE_FILE);
  directory = new UnitDirectory(outline.records, await readUnitAliases(CORPUS_DIR));
});

const titlesOf = (name: string) => directory.resolve(name)?.recordIds.map((id) => outline.records.find((r) => r.id === id)!.title);

describe("the unit directory of the outline", () => {
  it("lists the 16 distinct units exactly as the outline writes them", () => {
    const expected = [...new Set(OUTLINE_MEASURES.flatMap((m) => m.units))];
    expect(
      directory
        .list()
        .map((u) => u.name)
        .sort(),
    ).toEqual(expected.sort());
    expect(expected).toHaveLength(16);
  });

  it("市公安局 leads to exactly its four measures", () => {
    expect(titlesOf("市公安局")).toEqual(["健全知识产权保护机制", "加大知识产权司法保护力度", "开展知识产权专项行动", "加强知识产权纠纷调处"]);
  });

  it("every unit leads to exactly the measures that name it", () => {
    for (const unit of directory.list()) {
      const expected = OUTLINE_MEASURES.filter((m) => m.units.includes(unit.name)).map((m) => m.path[2].replace(/^\d\./, ""));
      expect(titlesOf(unit.name), unit.name).toEqual(expected);
    }
  });

  it.each([
    ["市监局", "市市场监管局"],
    ["中院", "市中级人民法院"],
    ["海关", "泰安海关"],
    ["银保监", "泰安银保监分局"],
    ["公安局", "市公安局"],
    ["文旅局", "市文化和旅游局"],
    ["仲裁委", "泰安仲裁办"],
    ["  市监局 ", "市市场监管局"],
    ["中院呢", "市中级人民法院"],
  ])("the alias %j resolves to %s", (alias, unit) => {
    expect(directory.resolve(alias)?.name).toBe(unit);
  });

  it("resolves no unit the outline does not name", () => {
    expect(directory.resolve("市财政局")).toBeUndefined();
    expect(directory.resolve("知识产权")).toBeUndefined();
  });
});
