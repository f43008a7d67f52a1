import { describe, expect, it } from "vitest";
import { questionProblemText } from "../../src/bot/texts.js";
import { checkQuestion, type QuestionProblem } from "../../src/engine/question-check.js";

const problemOf = (question: string, max = 500): QuestionProblem => {
  const checked = checkQuestion(question, max);
  if (checked.ok) throw new Error(`"${question}" was taken`);
  return checked.problem;
};

describe("the bot's words for the core's question check", () => {
  it("says what to do for each reason", () => {
    expect(questionProblemText(problemOf("   "))).toContain("请输入您的问题");
    expect(questionProblemText(problemOf(`${"专".repeat(10)}😀`, 10))).toBe("问题有 11 个字，太长了。请精简到 10 个字以内再发送。");
    expect(questionProblemText(problemOf("？？？😀"))).toContain("没有看懂您的问题");
  });
});
