import { copyFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/app/service.js";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { createLogger } from "../../src/log/index.js";
import { FIXTURES } from "../helpers/paths.js";
import { tempWorkspace } from "../helpers/temp-corpus.js";

/** The outline with a related document beside it: a subsidy measure and its schedule (a .docx table). */
let engine: PolicyEngine;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const workspace = await tempWorkspace();
  await copyFile(path.join(FIXTURES, "subsidy.docx"), path.join(workspace.config.corpusDir, "subsidy.docx"));
  engine = await openEngine(workspace.config, createLogger({ level: "silent", pretty: false }));
  cleanup = workspace.cleanup;
});
afterAll(() => cleanup());

describe("a subsidy schedule in a related document", () => {
  it("answers an amount from the table row, header and all, cited as its row under the table's caption with its measure's units", async () => {
    const answer = await engine.answer("发明专利授权能资助多少钱？");
    const first = answer.citations[0]!;
    expect(first.document).toBe("泰安市专利资助办法（测试样例）");
    expect(first.title).toBe("发明专利授权");
    expect(first.path.at(-1)).toBe("附表：专利资助标准");
    expect(first.units).toEqual(["市市场监管局", "市财政局"]);
    expect(first.quote).toContain("项目：发明专利授权；资助标准：每件资助5000元");
    expect(answer.answer).not.toContain("没有找到");
  });

  it("says the document does not give what it does not, naming that document's units, not the outline", async () => {
    const answer = await engine.answer("专利授权资助找哪个部门申请，电话多少？");
    expect(answer.citations[0]?.document).toBe("泰安市专利资助办法（测试样例）");
    expect(answer.answer).toContain("没有找到联系电话等联系方式；请向上述责任单位咨询");
    expect(answer.parts.units.map((u) => u.name)).toEqual(["市市场监管局", "市财政局"]);
  });

  it("still answers outline questions from the outline, with no draft note missing", async () => {
    const answer = await engine.answer("专利质押贷款怎么办理？");
    expect(answer.citations[0]?.title).toBe("建立知识产权运营机制");
    expect(answer.answer).toContain("征求意见稿");
  });
});
