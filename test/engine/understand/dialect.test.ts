import { describe, expect, it } from "vitest";
import { toStandardWording } from "../../../src/engine/understand/dialect.js";

describe("toStandardWording", () => {
  it("reads a dialect 么 before what it asks about as 什么", () => {
    expect(toStandardWording("这个纲要是弄么的？跟俺们有么关系")).toBe("这个纲要是弄什么的？跟俺们有什么关系");
    expect(toStandardWording("这个平台干么用")).toBe("这个平台干什么用");
  });

  it("leaves Putonghua's 什么, 怎么, 这么, 那么, 多么, 要么 and a 么 that ends a question alone", () => {
    for (const text of ["需要什么材料", "怎么申请", "这么多补贴", "那么商标呢", "多么重要", "要么调解要么起诉", "能补贴么？"]) expect(toStandardWording(text)).toBe(text);
  });

  it("says other dialect function words the standard way", () => {
    expect(toStandardWording("俺们夜来去问了，说木有这个补贴")).toBe("俺们昨天去问了，说没有这个补贴");
  });
});
