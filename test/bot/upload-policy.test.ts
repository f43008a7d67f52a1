import { describe, expect, it } from "vitest";
import { uploadProblem } from "../../src/bot/handlers/document.js";

describe("the bot's mapping of the upload policy", () => {
  it("refuses before download with the policy's reason, and accepts what the folder reads", () => {
    expect(uploadProblem("CON.txt", 10, 1000)).toBe("文件名是系统保留的设备名（如 CON、NUL、COM1）");
    expect(uploadProblem("ev\u202Eil.txt", 10, 1000)).toMatch(/文字方向控制字符/);
    expect(uploadProblem("旧版.doc", 10, 1000)).toMatch(/请另存为 \.docx/);
    expect(uploadProblem("大文件.pdf", 2 * 1048576, 1048576)).toBe("文件有 2.0 MB，超过上限 1.0 MB");
    expect(uploadProblem("政策.htm", 10, 1000)).toBeUndefined();
    expect(uploadProblem("政策.docx", undefined, 1000)).toBeUndefined();
  });
});

describe("the bot's report of a document refused by a parsing limit", () => {
  it("names the limit the parser gave, in Chinese", async () => {
    const { formatFailure } = await import("../../src/bot/format/ingest.js");
    const text = formatFailure("添加文件", { code: "unsafe_document", message: "文档解析超时（超过 20 秒）", file: "a.html" });
    expect(text).toBe("❌ 添加文件《a.html》未完成：文档解析超时（超过 20 秒）。\n政策库没有任何改动，仍按原有内容回答。");
  });
});
