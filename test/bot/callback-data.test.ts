import { describe, expect, it } from "vitest";
import { decodeAction, encodeAction, recordRef, resolveRecordRef, type ButtonAction } from "../../src/bot/callback-data.js";

describe("callback data", () => {
  const actions: ButtonAction[] = [
    { kind: "source", ref: "outline#3.3.2" },
    { kind: "related", ref: "outline#3.3.2" },
    { kind: "feedback", queryId: 123456789, helpful: true },
    { kind: "feedback", queryId: 5, helpful: false },
    { kind: "example", index: 2 },
    { kind: "followup", index: 1 },
    { kind: "choice", index: 2 },
    { kind: "ask", question: "商标被抢注了怎么办？" },
    { kind: "outline", node: [] },
    { kind: "outline", document: 0, node: [2, 1, 10] },
  ];

  it("round-trips every action within 64 bytes", () => {
    for (const action of actions) {
      const data = encodeAction(action);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeAction(data)).toEqual(action);
    }
  });

  it("refers to a long Chinese record id by a hash it can resolve again", () => {
    const id = "泰安市专利奖励资助办法征求意见稿附件二#3.3.2.1";
    const ref = recordRef(id);
    expect(Buffer.byteLength(encodeAction({ kind: "source", ref }))).toBeLessThanOrEqual(64);
    expect(resolveRecordRef(ref, () => ["outline#1", id])).toBe(id);
    expect(resolveRecordRef(ref, () => ["outline#1"])).toBeUndefined();
  });

  it("ignores data it did not write", () => {
    expect(decodeAction("hello")).toBeUndefined();
    expect(decodeAction("f|x|1")).toBeUndefined();
    expect(decodeAction("c|")).toBeUndefined();
    expect(decodeAction("c|-1")).toBeUndefined();
  });
});
