import { describe, expect, it } from "vitest";
import { checkUpload, checkUploadName, isReadableFile, READABLE_EXTENSIONS, visibleName } from "../../src/corpus/upload-policy.js";
import { OUTLINE_FILE } from "../helpers/paths.js";

const problemOf = (name: string) => {
  const checked = checkUploadName(name);
  return checked.ok ? "ok" : checked.refusal.code === "bad_name" ? checked.refusal.problem : checked.refusal.code;
};

describe("the upload policy", () => {
  it("reads the same six types on upload and in the folder, .htm included", () => {
    expect(READABLE_EXTENSIONS).toEqual([".txt", ".md", ".docx", ".pdf", ".html", ".htm"]);
    expect(checkUploadName("政策.htm")).toEqual({ ok: true, name: "政策.htm" });
    expect(isReadableFile("sub/政策.HTM")).toBe(true);
    expect(isReadableFile("lexicon.json")).toBe(false);
  });

  it("keeps a Chinese title's full-width brackets, so a new version replaces the old file", () => {
    expect(checkUploadName(OUTLINE_FILE)).toEqual({ ok: true, name: OUTLINE_FILE });
  });

  it.each([
    ["CON.txt", "device_name"],
    ["nul.md", "device_name"],
    ["COM1.docx", "device_name"],
    ["ＣＯＮ.txt", "device_name"],
    ["lpt9 .txt", "device_name"],
    ["ev\u202Eil.txt", "bidi"],
    ["a\u2066b.txt", "bidi"],
    ["政策\u200B.txt", "zero_width"],
    ["\uFEFF政策.txt", "zero_width"],
    ["．．／secret.txt", "separator"],
    ["a／b.txt", "separator"],
    ["a＼b.txt", "separator"],
    ["a∕b.txt", "separator"],
    ["dir/a.txt", "separator"],
    ["..txt", "dot_dot"],
    ["a．．b.txt", "dot_dot"],
    [" 政策.txt", "untrimmed"],
    ["政策.txt ", "untrimmed"],
    ["政策.txt\u3000", "untrimmed"],
    ["", "empty"],
    ["\u3000", "empty"],
    ["a\u0007.txt", "control"],
    ["a?.txt", "reserved_char"],
    ["a：b.txt", "reserved_char"],
    [".hidden.txt", "hidden"],
    ["\uD800x.txt", "malformed"],
    ["政".repeat(201) + ".txt", "too_long"],
    ["old.doc", "unsupported_type"],
    ["noextension", "unsupported_type"],
  ])("refuses %j (%s), never cleans it", (name, problem) => {
    expect(problemOf(name)).toBe(problem);
  });

  it("gives each refusal a reason in Chinese", () => {
    const checked = checkUploadName("CON.txt");
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.refusal.message).toMatch(/设备名/);
    const doc = checkUploadName("旧版.doc");
    if (!doc.ok) expect(doc.refusal.message).toBe("不支持“.doc”文件，支持 .txt .md .docx .pdf .html .htm（请另存为 .docx）");
  });

  it("checks the size after the name: empty and over the limit", () => {
    expect(checkUpload("a.txt", 0, 100)).toMatchObject({ ok: false, refusal: { code: "empty" } });
    expect(checkUpload("a.txt", 101, 100)).toMatchObject({ ok: false, refusal: { code: "too_large", bytes: 101, maxBytes: 100 } });
    expect(checkUpload("a.txt", undefined, 100)).toEqual({ ok: true, name: "a.txt" });
    expect(checkUpload("CON.txt", 101, 100)).toMatchObject({ ok: false, refusal: { code: "bad_name" } });
  });

  it("shows a refused name with its invisible characters written out", () => {
    expect(visibleName("ev\u202Eil.txt")).toBe("ev\\u202Eil.txt");
    expect(visibleName("a\u200Bb")).toBe("a\\u200Bb");
  });
});
