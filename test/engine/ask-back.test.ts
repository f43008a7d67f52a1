import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextFrom } from "../../src/engine/answer-schema.js";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { outlineEngine } from "./support.js";
import { CLOSE_CALL } from "../helpers/close-call.js";

let engine: PolicyEngine;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ engine, cleanup } = await outlineEngine());
});
afterAll(() => cleanup());

describe("asking back when the best measures are too close to call", () => {
  it("asks 您是想问 with two or three measures of different titles, each cited with its units", async () => {
    const answer = await engine.answer(CLOSE_CALL);
    expect(answer.kind).toBe("clarify");
    expect(answer.status).toBe("answered");
    const choices = answer.parts.choices ?? [];
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(choices.length).toBeLessThanOrEqual(3);
    expect(new Set(choices.map((c) => c.title)).size).toBe(choices.length);
    expect(answer.answer).toContain("您是想问");
    for (const choice of choices) expect(answer.answer).toContain(choice.title);
    // The citations are the choices, in order, so the reply still says where each is written and who is responsible.
    expect(answer.citations.map((c) => c.id)).toEqual(choices.map((c) => c.id));
    expect(answer.citations.every((c) => c.units.length > 0)).toBe(true);
  });

  it("answers the question from the measure picked by button or by its number", async () => {
    const asked = await engine.answer(CLOSE_CALL);
    const second = asked.parts.choices![1]!;
    const byButton = await engine.answer(CLOSE_CALL, { ...contextFrom(asked), chosenRecordId: second.id });
    expect(byButton.kind).not.toBe("clarify");
    expect(byButton.citations[0]?.id).toBe(second.id);
    expect(byButton.parts.units.map((u) => u.name)).toEqual(engine.record(second.id)!.units);
    const byNumber = await engine.answer("2", contextFrom(asked));
    expect(byNumber.citations[0]?.id).toBe(second.id);
    expect(byNumber.question).toBe(CLOSE_CALL);
    const byWord = await engine.answer("第一个", contextFrom(asked));
    expect(byWord.citations[0]?.id).toBe(asked.parts.choices![0]!.id);
  });

  it("answers outright when one measure is clearly ahead, and never asks back inside a message of several questions", async () => {
    for (const question of ["专利质押贷款找哪个部门", "地理标志谁管", "版权登记有没有奖励"]) {
      expect((await engine.answer(question)).kind).not.toBe("clarify");
    }
    const multi = await engine.answer(`专利导航谁负责？顺便问下，${CLOSE_CALL}`);
    expect(multi.kind).toBe("multi");
    expect(multi.parts.choices).toBeUndefined();
  });

  it("takes a bare number with no list before it as a question, not a pick", async () => {
    const bare = await engine.answer("2");
    expect(bare.kind).not.toBe("clarify");
    expect(bare.question).toBe("2");
  });
});
