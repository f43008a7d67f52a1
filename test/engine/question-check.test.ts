import { describe, expect, it } from "vitest";
import { checkQuestion, questionLength } from "../../src/engine/question-check.js";

describe("the one question check", () => {
  it("takes a question, whitespace collapsed and trimmed", () => {
    expect(checkQuestion("  专利质押\n 贷款怎么办理？ ", 500)).toEqual({ ok: true, question: "专利质押 贷款怎么办理？" });
  });

  it("gives a typed reason for each refusal", () => {
    expect(checkQuestion(" \n\t ", 500)).toEqual({ ok: false, problem: { reason: "empty" } });
    expect(checkQuestion("专".repeat(11), 10)).toEqual({ ok: false, problem: { reason: "too_long", length: 11, max: 10 } });
    expect(checkQuestion("😀😀🎉", 500)).toEqual({ ok: false, problem: { reason: "no_words" } });
    expect(checkQuestion("？？？！！……", 500)).toEqual({ ok: false, problem: { reason: "no_words" } });
  });

  it("counts characters by code point: a CJK character or an emoji is one", () => {
    expect(questionLength("专利😀")).toBe(3);
    expect(checkQuestion(`${"专".repeat(9)}😀`, 10).ok).toBe(true);
    expect(checkQuestion(`${"专".repeat(10)}😀`, 10)).toEqual({ ok: false, problem: { reason: "too_long", length: 11, max: 10 } });
  });
});
