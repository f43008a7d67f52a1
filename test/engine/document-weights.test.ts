import { describe, expect, it } from "vitest";
import type { PolicyDocument } from "../../src/corpus/types.js";
import { distinctiveTitleWords, documentsTitled } from "../../src/engine/genre.js";
import { headingNamesDetailAsked, specificsWeight } from "../../src/engine/specifics.js";

const doc = (id: string, short: string) => ({ id, meta: { short, level: "municipal", status: "official" } }) as unknown as PolicyDocument;
/** Words as a segmenter would give them for these titles. */
const words = (text: string) => text.match(/泰安市|知识产权|服务业|品牌机构|培育项目|申报|通知|海外|纠纷应对|办事指南|资助|办法|专利/g) ?? [];

describe("weights of records across documents", () => {
  it("weighs the document whose own title words a question holds, not one sharing only 知识产权 or 泰安市", () => {
    const documents = [doc("notice", "泰安市知识产权服务业品牌机构培育项目申报通知"), doc("guide", "泰安市海外纠纷应对办事指南"), doc("rules", "泰安市专利资助办法")];
    const distinctive = distinctiveTitleWords(documents, words);
    expect(distinctive.get("notice")).not.toContain("泰安市");
    expect(distinctive.get("notice")).not.toContain("知识产权");
    expect([...documentsTitled("品牌机构培育项目申报截止到什么时候", distinctive).keys()]).toEqual(["notice"]);
    expect([...documentsTitled("海外纠纷应对怎么申请", distinctive).keys()]).toEqual(["guide"]);
    expect(documentsTitled("泰安市知识产权有什么政策", distinctive).size).toBe(0);
  });

  it("ranks text giving the amount or deadline asked above text that does not, and leaves other questions alone", () => {
    expect(specificsWeight("申报截止时间为每年10月31日。", ["deadline"], "哪天截止")).toBeGreaterThan(specificsWeight("完善资助政策。", ["deadline"], "哪天截止"));
    expect(specificsWeight("每件资助5000元，申报截止10月31日。", ["amount", "deadline"], "补多少，哪天截止")).toBeCloseTo(1.2);
    expect(specificsWeight("每件资助5000元。", ["amount", "deadline"], "补多少，哪天截止")).toBeCloseTo(1.1);
    expect(specificsWeight("每件资助5000元。", [], "专利怎么申请")).toBe(1);
    // 怎么办 asks a procedure of every measure, 有没有资助 whether there is a policy: neither is a reason to prefer one.
    expect(specificsWeight("提交申请材料。", ["procedure"], "怎么办理")).toBe(1);
    expect(specificsWeight("每件资助5000元。", ["amount"], "申请专利有没有资助")).toBe(1);
  });

  it("knows the heading that names the detail asked: 申报时间 for a deadline, 申报材料 for materials, 受理部门 for where to hand in", () => {
    expect(headingNamesDetailAsked("申报时间", "品牌机构培育项目申报截止到什么时候")).toBe(true);
    expect(headingNamesDetailAsked("申报材料", "要交哪些材料")).toBe(true);
    expect(headingNamesDetailAsked("申报条件", "专利代理师最少要几个人")).toBe(true);
    expect(headingNamesDetailAsked("受理部门", "材料交到哪个部门")).toBe(true);
    expect(headingNamesDetailAsked("申报材料", "品牌机构培育项目申报截止到什么时候")).toBe(false);
    expect(headingNamesDetailAsked("建立知识产权运营机制", "专利质押贷款截止到什么时候")).toBe(false);
  });
});
