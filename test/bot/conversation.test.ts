import { describe, expect, it } from "vitest";
import { ConversationMemory } from "../../src/bot/conversation.js";

describe("ConversationMemory", () => {
  const turn = (q: string) => ({ previousQuestion: q, previousCitationIds: ["outline#3.3.2"] });

  it("remembers each chat's previous turn", () => {
    const memory = new ConversationMemory();
    memory.set(1, turn("专利质押贷款怎么办理？"));
    memory.set(2, turn("植物新品种有奖励吗？"));
    expect(memory.get(1)?.previousQuestion).toBe("专利质押贷款怎么办理？");
    expect(memory.get(2)?.previousQuestion).toBe("植物新品种有奖励吗？");
    expect(memory.get(3)).toBeUndefined();
  });

  it("forgets a turn after the TTL", () => {
    let t = 0;
    const memory = new ConversationMemory(1000, 10, () => t);
    memory.set(1, turn("a"));
    t = 1000;
    expect(memory.get(1)).toBeDefined();
    t = 1001;
    expect(memory.get(1)).toBeUndefined();
  });

  it("drops the least recently used chat beyond the cap", () => {
    const memory = new ConversationMemory(60_000, 2);
    memory.set(1, turn("a"));
    memory.set(2, turn("b"));
    memory.get(1);
    memory.set(3, turn("c"));
    expect(memory.size).toBe(2);
    expect(memory.get(2)).toBeUndefined();
    expect(memory.get(1)).toBeDefined();
  });
});
