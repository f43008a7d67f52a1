import { describe, expect, it } from "vitest";
import { DuplicateFilter } from "../../src/bot/duplicates.js";

describe("DuplicateFilter", () => {
  it("lets the first of a flood of identical messages through and drops the rest", () => {
    const filter = new DuplicateFilter(20_000, () => 0);
    const verdicts = Array.from({ length: 12 }, () => filter.isDuplicate("chat", "专利质押贷款怎么办理？"));
    expect(verdicts.filter((d) => !d)).toHaveLength(1);
  });

  it("treats other chats, other texts and repeats after a pause as new", () => {
    let t = 0;
    const filter = new DuplicateFilter(20_000, () => t);
    expect(filter.isDuplicate("a", "专利质押贷款怎么办理？")).toBe(false);
    expect(filter.isDuplicate("b", "专利质押贷款怎么办理？")).toBe(false);
    expect(filter.isDuplicate("a", "那找哪个部门？")).toBe(false);
    expect(filter.isDuplicate("a", "那找哪个部门？ ")).toBe(true);
    t = 20_001;
    expect(filter.isDuplicate("a", "那找哪个部门？")).toBe(false);
  });

  it("keeps dropping a flood that goes on longer than the window", () => {
    let t = 0;
    const filter = new DuplicateFilter(20_000, () => t);
    filter.isDuplicate("a", "x");
    for (t = 10_000; t <= 60_000; t += 10_000) expect(filter.isDuplicate("a", "x")).toBe(true);
  });
});
