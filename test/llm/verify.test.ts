import { describe, expect, it } from "vitest";
import { chineseNumeralValue, findNumbers, firstUngroundedNumber, normalizeDigits } from "../../src/llm/numbers.js";
import { candidatesFrom } from "../../src/llm/records.js";
import { parseModelReply, readPartialReply } from "../../src/llm/reply.js";
import { findUnitMentions, firstUncitedUnit } from "../../src/llm/units.js";
import { stripIdMarkers, verifiedPrefix, verifyReply } from "../../src/llm/verify.js";
import { records } from "./outline-records.js";

// M1 建立知识产权运营机制 (市市场监管局、市文化和旅游局、泰安银保监分局)
// M2 加大知识产权司法保护力度 (市中级人民法院、市检察院、市公安局)
// M3 发展目标 (no units; 2025, 3.6件, 9万件, 2035)
const candidates = async () => candidatesFrom(await records("建立知识产权运营机制", "加大知识产权司法保护力度", "发展目标"));

describe("numbers", () => {
  it("reads full-width digits and Chinese numerals with quantity units", () => {
    expect(normalizeDigits("５０００元，３．６件，５％")).toBe("5000元，3.6件，5%");
    expect(chineseNumeralValue("五千")).toBe(5000);
    expect(chineseNumeralValue("十三")).toBe(13);
    expect(chineseNumeralValue("三万五千")).toBe(35000);
    expect(chineseNumeralValue("二〇二五")).toBe(2025);
    expect(findNumbers("每件奖励5,000元，三年内办结，补贴５０％")).toEqual(["5000", "50", "3"]);
  });

  it("ignores numerals that are words or positions, not quantities", () => {
    expect(findNumbers("一是坚持统筹协调，党的十八大以来，培育一批企业，每万人口，第三项措施，第2条")).toEqual([]);
  });

  it("accepts numbers the text contains, in any spelling, and rejects invented ones", () => {
    const ground = "每万人口高价值发明专利达到3.6件，有效注册商标量达到9万件，到2025年";
    expect(firstUngroundedNumber("到2025年达到3.6件、9万件", ground)).toBeUndefined();
    expect(firstUngroundedNumber("有效注册商标量达到九万件（90000件）", ground)).toBeUndefined();
    expect(firstUngroundedNumber("到２０２５年", ground)).toBeUndefined();
    expect(firstUngroundedNumber("每件奖励5000元", ground)).toBe("5000");
    expect(firstUngroundedNumber("十五个工作日内办结", ground)).toBe("15");
    expect(firstUngroundedNumber("补贴比例为30%", ground)).toBe("30");
  });
});

describe("unit mentions", () => {
  const known = ["市市场监管局", "市文化和旅游局", "泰安银保监分局", "市中级人民法院", "市检察院", "市公安局"];

  it("finds known units and unit-like names that are not known", () => {
    const mentions = findUnitMentions("请联系市文化和旅游局、市财政局、泰安仲裁办或山东省高级人民法院，也可找市发展和改革委员会", known);
    expect(mentions).toEqual(expect.arrayContaining(["市文化和旅游局", "市财政局", "泰安仲裁办", "山东省高级人民法院", "市发展和改革委员会"]));
  });

  it("does not take 布局, 格局 or 办理 for organisations", () => {
    expect(findUnitMentions("市场主体开展专利布局，形成新格局，市场主体可到窗口办理，市场主体办理登记", known)).toEqual([]);
  });

  it("passes cited units, a 泰安 prefix on them, and names quoted from the cited text", () => {
    const cited = ["市市场监管局"];
    const text = "提高国家知识产权局专利局商标业务受理泰安窗口服务水平";
    expect(firstUncitedUnit("由泰安市市场监管局负责，可到国家知识产权局专利局商标业务受理泰安窗口办理", cited, known, text)).toBeUndefined();
    expect(firstUncitedUnit("由市市场监管局和市公安局负责", cited, known, text)).toBe("市公安局");
    expect(firstUncitedUnit("由市知识产权局负责", cited, known, text)).toBe("市知识产权局");
    expect(firstUncitedUnit("由市场监管局负责", cited, known, text)).toBe("市场监管局");
  });
});

describe("model replies", () => {
  it("parses JSON with or without fences, reasoning blocks or text around it", () => {
    const reply = { answer: "由市市场监管局负责。", cited_ids: ["M1"] };
    expect(parseModelReply(JSON.stringify(reply))).toEqual({ ok: true, reply });
    expect(parseModelReply("```json\n" + JSON.stringify(reply) + "\n```")).toEqual({ ok: true, reply });
    expect(parseModelReply('<think>{"answer":"x"}</think>好的：' + JSON.stringify(reply))).toEqual({ ok: true, reply });
  });

  it("says why a reply is malformed", () => {
    expect(parseModelReply("市市场监管局负责。")).toMatchObject({ ok: false, reason: "no JSON object in the reply" });
    expect(parseModelReply('{"answer": "x", "cited_ids": "M1"}')).toMatchObject({ ok: false });
    expect(parseModelReply('{"answer": "x", ')).toMatchObject({ ok: false });
  });

  it("reads the answer so far from a reply that is still arriving", () => {
    expect(readPartialReply('{"cited_ids": ["M1"], "answer": "由市市场监管局\\n负')).toEqual({ citedIds: ["M1"], answer: "由市市场监管局\n负" });
    expect(readPartialReply('{"cited_ids": ["M1", "M')).toEqual({});
    expect(readPartialReply('```json\n{"answer": "半个转义\\')).toEqual({ answer: "半个转义" });
    expect(readPartialReply('{"answer": "\\u5e02\\u5e02场", "cited_ids": ["M2"]}')).toEqual({ answer: "市市场", citedIds: ["M2"] });
  });
});

describe("verifyReply", () => {
  it("accepts an answer grounded in the cited records and removes id markers", async () => {
    const verdict = verifyReply(
      { answer: "知识产权质押融资由市市场监管局、市文化和旅游局、泰安银保监分局负责[M1]。文件中未明确具体办理流程。", cited_ids: ["M1"] },
      await candidates(),
    );
    expect(verdict).toMatchObject({ ok: true, answer: "知识产权质押融资由市市场监管局、市文化和旅游局、泰安银保监分局负责。文件中未明确具体办理流程。" });
    expect(verdict.ok && verdict.cited.map((r) => r.title)).toEqual(["建立知识产权运营机制"]);
  });

  it("rejects an id that was not retrieved, and no id at all", async () => {
    expect(verifyReply({ answer: "由市市场监管局负责。", cited_ids: ["M1", "M9"] }, await candidates())).toMatchObject({ ok: false, reason: "unknown_citation", detail: "M9" });
    expect(verifyReply({ answer: "由市市场监管局负责。", cited_ids: ["outline#3.3.2"] }, await candidates())).toMatchObject({ ok: false, reason: "unknown_citation" });
    expect(verifyReply({ answer: "由市市场监管局负责。", cited_ids: [] }, await candidates())).toMatchObject({ ok: false, reason: "no_citation" });
  });

  it("rejects a unit that only an uncited candidate lists", async () => {
    expect(verifyReply({ answer: "质押融资由市中级人民法院负责。", cited_ids: ["M1"] }, await candidates())).toMatchObject({
      ok: false,
      reason: "unit_not_cited",
      detail: "市中级人民法院",
    });
  });

  it("rejects an invented amount, even in full-width digits", async () => {
    expect(verifyReply({ answer: "每件专利奖励５０００元，由市市场监管局负责。", cited_ids: ["M1"] }, await candidates())).toMatchObject({
      ok: false,
      reason: "number_not_in_text",
      detail: "5000",
    });
  });

  it("accepts the targets' numbers when 发展目标 is cited, and outline positions", async () => {
    const verdict = verifyReply(
      { answer: "按“2、总体要求 > （三）发展目标”，到2025年每万人口高价值发明专利达到3.6件，有效注册商标量达到9万件。", cited_ids: ["M3"] },
      await candidates(),
    );
    expect(verdict.ok).toBe(true);
  });

  it("takes list markers and the count of cited measures for what they are, not claims", async () => {
    const c = await candidates();
    const listing = "以下 3 项措施与此有关：\n1. 建立知识产权运营机制\n2. 加大知识产权司法保护力度\n3.6件是发展目标中的数字";
    expect(verifyReply({ answer: listing, cited_ids: ["M1", "M2", "M3"] }, c).ok).toBe(true);
    expect(verifyReply({ answer: "共有 5 项措施与此有关。", cited_ids: ["M1", "M2", "M3"] }, c)).toMatchObject({ ok: false, detail: "5" });
    expect(verifyReply({ answer: "1. 每万人口高价值发明专利达到6件", cited_ids: ["M3"] }, c)).toMatchObject({ ok: false, detail: "6" });
  });

  it("rejects empty and absurdly long answers", async () => {
    expect(verifyReply({ answer: " [M1] ", cited_ids: ["M1"] }, await candidates())).toMatchObject({ ok: false, reason: "empty_answer" });
    expect(verifyReply({ answer: "知识产权".repeat(400), cited_ids: ["M1"] }, await candidates())).toMatchObject({ ok: false, reason: "too_long" });
  });

  it("strips the id markers models write into prose", () => {
    expect(stripIdMarkers("由市市场监管局负责（M1、M2）。见[M3]，M4")).toBe("由市市场监管局负责。见，");
  });
});

describe("verifiedPrefix while streaming", () => {
  it("shows only whole clauses, checked against the cited records", async () => {
    const c = await candidates();
    expect(verifiedPrefix({ citedIds: ["M1"], answer: "由市市场监管局负责，泰安银保" }, c)).toEqual({ ok: true, text: "由市市场监管局负责，" });
    expect(verifiedPrefix({ citedIds: ["M1"], answer: "每件奖励50" }, c)).toEqual({ ok: true, text: "" });
    expect(verifiedPrefix({ citedIds: ["M1"], answer: "每件奖励5000元，" }, c)).toMatchObject({ ok: false, reason: "number_not_in_text" });
    expect(verifiedPrefix({ citedIds: ["M7"], answer: "由市市场监管局负责，" }, c)).toMatchObject({ ok: false, reason: "unknown_citation" });
  });

  it("checks against all candidates before cited_ids has arrived", async () => {
    const c = await candidates();
    expect(verifiedPrefix({ answer: "由市中级人民法院负责，" }, c)).toMatchObject({ ok: true });
    expect(verifiedPrefix({ answer: "由市财政局负责，" }, c)).toMatchObject({ ok: false, reason: "unit_not_cited" });
  });
});
