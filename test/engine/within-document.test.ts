import { describe, expect, it } from "vitest";
import { engineForTests } from "./support.js";

/** The outline with a guide, a 政策解读 of 问/答 pairs and three other documents (test/fixtures/multidoc-blind3). */
const engine = engineForTests("multidoc-blind3");

const GUIDE = "泰安市地理标志专用标志使用申请办事指南（示例）";
const Q_AND_A = "泰安市知识产权维权援助及海外纠纷应对政策解读（示例）";

describe("the record of a document that answers the rest of the question", () => {
  it("answers “how long” from the guide's 办理时限, not from the section that repeats the guide's subject", async () => {
    const answer = await engine().answer("地理标志专用标志申请多久能办完？");
    expect(answer.citations[0]).toMatchObject({ document: GUIDE, title: "办理时限" });
    expect(answer.answer).toContain("20个工作日");
  });

  it("answers “what conditions” from 办理条件 rather than 适用范围", async () => {
    const answer = await engine().answer("申请使用地理标志专用标志需要满足什么条件？");
    expect(answer.citations[0]).toMatchObject({ document: GUIDE, title: "办理条件" });
  });
});

describe("问/答 pairs", () => {
  it("answers a detail asked as a pair asks it from that pair, ahead of a provincial measure on the topic", async () => {
    const answer = await engine().answer("申请维权援助要交什么材料？");
    expect(answer.citations[0]).toMatchObject({ document: Q_AND_A, title: "企业申请维权援助需要提交哪些材料？" });
    expect(answer.answer).toContain("知识产权维权援助申请表");
  });

  it("leaves a general question on the topic with the outline's measure and its units", async () => {
    const answer = await engine().answer("企业在海外遇到知识产权纠纷，能得到什么帮助？");
    expect(answer.citations[0]).toMatchObject({ title: "健全知识产权保护机制" });
    expect(answer.citations[0]!.units).toContain("市商务局");
  });
});

/** The outline with round 9's related documents: a PDF 申报通知 under a 红头, a provincial plan on the same topic (test/fixtures/multidoc-blind9). */
const roundNine = engineForTests("multidoc-blind9");

describe("a notice's contacts table", () => {
  it("answers the phone number of the office a question names from its row, before a provincial measure titled by the topic", async () => {
    const answer = await roundNine().answer("东平县的企业报专利导航项目，打哪个电话");
    expect(answer.citations[0]).toMatchObject({ document: "关于组织申报2025年度泰安市专利导航项目的通知（示例）", title: "东平县市场监管局" });
    expect(answer.answer).toContain("0538-5553266");
  });
});

describe("a 政策解读's pair that gives the detail asked", () => {
  it("answers whom to call from the pair that gives the number, and never says the corpus has none", async () => {
    const answer = await roundNine().answer("扶持服务业的若干措施，不懂的地方打哪个电话问");
    expect(answer.answer).toContain("0538-5553186");
    expect(answer.answer).not.toContain("没有找到联系电话");
  });
});
