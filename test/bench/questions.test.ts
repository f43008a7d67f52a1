import { describe, expect, it } from "vitest";
import { readQuestionSources } from "../../src/bench/question-sources.js";
import { conversationsOf, flavourCounts, generateQuestions } from "../../src/bench/questions.js";
import { CORPUS_DIR } from "../helpers/paths.js";

const sources = await readQuestionSources(CORPUS_DIR, undefined);

describe("benchmark question mix", () => {
  it("is made of the corpus's own vocabulary: its measure titles, units and lexicon words", () => {
    expect(sources.titles).toContain("建立知识产权运营机制");
    expect(sources.units).toEqual(expect.arrayContaining(["市公安局", "泰安银保监分局", "中院"]));
    expect(sources.topics).toEqual(expect.arrayContaining(["质押融资", "地理标志", "贷款"]));
    expect(sources.dev).toEqual([]);
  });

  it("is the same list for the same seed and another for another seed", () => {
    expect(generateQuestions(sources, 500, 3)).toEqual(generateQuestions(sources, 500, 3));
    expect(generateQuestions(sources, 500, 4)).not.toEqual(generateQuestions(sources, 500, 3));
  });

  it("holds exactly the number asked, with every kind of question, mostly distinct", () => {
    const questions = generateQuestions(sources, 2000);
    expect(questions).toHaveLength(2000);
    const counts = flavourCounts(questions);
    for (const flavour of ["topic", "title", "unit_duties", "target", "follow_up", "out_of_scope"] as const) expect(counts[flavour]).toBeGreaterThan(20);
    expect(new Set(questions.map((q) => q.text)).size).toBeGreaterThan(800);
  });

  it("asks real questions verbatim when a question set is given", () => {
    const questions = generateQuestions({ ...sources, dev: ["专利质押贷款怎么办理？"] }, 300);
    expect(questions.filter((q) => q.flavour === "dev").every((q) => q.text === "专利质押贷款怎么办理？")).toBe(true);
    expect(flavourCounts(questions).dev).toBeGreaterThan(0);
  });

  it("puts every follow-up right after the question it follows, in one conversation", () => {
    const questions = generateQuestions(sources, 1000);
    expect(questions[0]!.followUp).toBe(false);
    const conversations = conversationsOf(questions);
    expect(conversations.flat()).toEqual(questions);
    for (const c of conversations) {
      expect(c[0]!.followUp).toBe(false);
      expect(c.slice(1).every((q) => q.followUp)).toBe(true);
    }
    expect(conversations.some((c) => c.length === 2)).toBe(true);
  });
});
