import { describe, expect, it } from "vitest";
import { isMostlyEnglish, normalizeScript, toSimplified } from "../../../src/engine/understand/script.js";

describe("toSimplified", () => {
  it("turns a traditional-script question into the outline's script", () => {
    expect(toSimplified("地理標誌產品保護歸哪個部門管")).toBe("地理标志产品保护归哪个部门管");
    expect(toSimplified("專利質押貸款怎麼辦理？")).toBe("专利质押贷款怎么办理？");
    expect(toSimplified("商標被人搶註了")).toBe("商标被人抢注了");
  });

  it("uses Taiwan's phrasing for IP terms", () => {
    expect(toSimplified("智慧財產權")).toBe("知识产权");
    expect(toSimplified("軟體著作權登記")).toBe("软件著作权登记");
  });

  it("leaves simplified text and other scripts as they are", () => {
    const simplified = "专利质押贷款找哪个部门？顺便问下专利导航是谁在做";
    expect(toSimplified(simplified)).toBe(simplified);
    expect(toSimplified("patent pledge loan 2025")).toBe("patent pledge loan 2025");
    // Taiwan's phrasing is for traditional text: a simplified 文件 or 软件 is not rewritten (文件 → 文档).
    expect(toSimplified("这是哪个文件规定的？")).toBe("这是哪个文件规定的？");
  });

  it("keeps 么 and 著 as written: standard simplified characters the traditional tables would turn into 幺 and 着", () => {
    expect(toSimplified("这个纲要是弄么的")).toBe("这个纲要是弄么的");
    expect(toSimplified("创新成果显著的企业")).toBe("创新成果显著的企业");
    expect(toSimplified("著作權怎麼登記，有么要求")).toBe("著作权怎么登记，有么要求");
  });
});

describe("normalizeScript", () => {
  it("makes full-width letters and digits half-width and keeps Chinese punctuation", () => {
    expect(normalizeScript("ＡＩ企業的專利，有補貼嗎？２０２５年")).toBe("ai企业的专利，有补贴吗？2025年");
  });
});

describe("isMostlyEnglish", () => {
  it("recognises an English question", () => {
    expect(isMostlyEnglish("How can I get a patent pledge loan in Tai'an?")).toBe(true);
    expect(isMostlyEnglish("Who handles trademark infringement?")).toBe(true);
  });

  it("does not take a Chinese question with an English word for English", () => {
    expect(isMostlyEnglish("AI企业做专利布局有什么措施")).toBe(false);
    expect(isMostlyEnglish("PCT国际专利申请有资助吗")).toBe(false);
    expect(isMostlyEnglish("你好")).toBe(false);
    expect(isMostlyEnglish("ok")).toBe(false);
  });
});
