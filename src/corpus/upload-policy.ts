/**
 * The one upload policy: which files the corpus reads, how large an upload
 * may be, and which file names are accepted. The web upload, the bot upload
 * and the corpus folder scan all ask this module; adapters only map a
 * refusal's `code` to their own status or wording. It imports nothing, so the
 * console's browser code uses the same list for its file picker.
 */

/** Extensions the corpus loader reads (lower case, with the dot). */
export const READABLE_EXTENSIONS = [".txt", ".md", ".docx", ".pdf", ".html", ".htm"] as const;
export type ReadableExtension = (typeof READABLE_EXTENSIONS)[number];

/** The readable extensions as a person reads them: `.txt .md .docx .pdf .html .htm`. */
export const READABLE_EXTENSIONS_TEXT = READABLE_EXTENSIONS.join(" ");

/** Longest accepted file name, in characters. */
export const MAX_FILE_NAME_CHARS = 200;

/** Why a file name is refused. */
export type NameProblem =
  | "empty"
  | "untrimmed"
  | "too_long"
  | "malformed"
  | "control"
  | "bidi"
  | "zero_width"
  | "separator"
  | "dot_dot"
  | "reserved_char"
  | "hidden"
  | "device_name";

/** A refused upload: what is wrong, with the data an adapter needs, and a Chinese sentence saying so. */
export type UploadRefusal =
  | { code: "bad_name"; problem: NameProblem; message: string }
  | { code: "unsupported_type"; extension: string; message: string }
  | { code: "empty"; message: string }
  | { code: "too_large"; bytes: number; maxBytes: number; message: string };

export type NameCheck = { ok: true; name: string } | { ok: false; refusal: Extract<UploadRefusal, { code: "bad_name" | "unsupported_type" }> };

const NAME_PROBLEM_TEXT: Record<NameProblem, string> = {
  empty: "文件名为空",
  untrimmed: "文件名首尾有空白字符",
  too_long: `文件名超过 ${MAX_FILE_NAME_CHARS} 个字符`,
  malformed: "文件名含有无效的字符编码",
  control: "文件名含有控制字符",
  bidi: "文件名含有文字方向控制字符（可用来伪装扩展名）",
  zero_width: "文件名含有零宽字符",
  separator: "文件名含有路径分隔符（/ 或 \\ 及其全角、变体写法）",
  dot_dot: "文件名含有“..”",
  reserved_char: '文件名含有系统保留字符（: * ? " < > |）',
  hidden: "文件名不能以“.”开头",
  device_name: "文件名是系统保留的设备名（如 CON、NUL、COM1）",
};

/** Unicode bidirectional controls: embeddings, overrides, isolates and marks. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Characters that take no width: they hide differences between two names that look the same. */
const ZERO_WIDTH = /[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2064\u3164\ufe00-\ufe0f\ufeff\uffa0]/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** Slashes of any script that survive NFKC (full-width ／ ＼ and small ﹨ become / and \ first). */
const SEPARATOR = /[/\\\u2044\u2215\u2216\u2571\u2572\u29f5\u29f8\u29f9\u3033\u3035]/u;
const RESERVED = /[:*?"<>|]/u;
/** Half of a UTF-16 pair without its other half: not a character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Windows device names, which open a device instead of a file whatever the extension. */
const DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)$/iu;

/** A name's extension, lower case with its dot, as `path.extname` gives it ("" for none or a leading dot only). */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

/** Whether the corpus reads files with this name's extension (the folder scan's test). */
export function isReadableFile(name: string): boolean {
  return (READABLE_EXTENSIONS as readonly string[]).includes(extensionOf(name));
}

/**
 * Checks a name a client supplied. The checks run on the name's NFKC form,
 * so full-width and compatibility look-alikes (`．．／`, `ＣＯＮ`) are refused
 * like the characters they stand for; the name kept is the NFC form, so a
 * Chinese title's full-width brackets stay as the admin typed them and a new
 * version still replaces the old file. Nothing is trimmed or cleaned: a name
 * that needs it is refused with the reason.
 */
export function checkUploadName(raw: string): NameCheck {
  const bad = (problem: NameProblem): NameCheck => ({ ok: false, refusal: { code: "bad_name", problem, message: NAME_PROBLEM_TEXT[problem] } });
  if (LONE_SURROGATE.test(raw)) return bad("malformed");
  const name = raw.normalize("NFC");
  const folded = raw.normalize("NFKC");
  if (BIDI.test(folded)) return bad("bidi");
  if (ZERO_WIDTH.test(folded)) return bad("zero_width");
  if (CONTROL.test(folded)) return bad("control");
  if (folded.trim() === "") return bad("empty");
  if (folded.trim() !== folded) return bad("untrimmed");
  if ([...name].length > MAX_FILE_NAME_CHARS) return bad("too_long");
  if (SEPARATOR.test(folded)) return bad("separator");
  if (folded.includes("..")) return bad("dot_dot");
  if (RESERVED.test(folded)) return bad("reserved_char");
  if (folded.startsWith(".")) return bad("hidden");
  const stem = folded.split(".")[0]!.trimEnd();
  if (DEVICE.test(stem)) return bad("device_name");
  const extension = extensionOf(folded);
  if (!(READABLE_EXTENSIONS as readonly string[]).includes(extension)) {
    return {
      ok: false,
      refusal: {
        code: "unsupported_type",
        extension,
        message: `不支持${extension ? `“${extension}”` : "没有扩展名的"}文件，支持 ${READABLE_EXTENSIONS_TEXT}${extension === ".doc" || extension === ".wps" ? "（请另存为 .docx）" : ""}`,
      },
    };
  }
  return { ok: true, name };
}

/** Checks an upload's size in bytes (undefined when not known yet, e.g. before a download). */
export function checkUploadSize(bytes: number | undefined, maxBytes: number): UploadRefusal | undefined {
  if (bytes === undefined) return undefined;
  if (bytes === 0) return { code: "empty", message: "文件是空的" };
  if (bytes > maxBytes) {
    const mb = (n: number) => (n / 1048576).toFixed(1);
    return { code: "too_large", bytes, maxBytes, message: `文件有 ${mb(bytes)} MB，超过上限 ${mb(maxBytes)} MB` };
  }
  return undefined;
}

/** The whole policy for one upload: its name first, then its size. */
export function checkUpload(rawName: string, bytes: number | undefined, maxBytes: number): { ok: true; name: string } | { ok: false; refusal: UploadRefusal } {
  const named = checkUploadName(rawName);
  if (!named.ok) return named;
  const sized = checkUploadSize(bytes, maxBytes);
  return sized ? { ok: false, refusal: sized } : named;
}

/**
 * A name as it may be shown in a message: invisible and direction-changing
 * characters written out as `\u202E`, so a refused name cannot garble or
 * disguise the message that quotes it. Cut to 80 characters.
 */
export function visibleName(raw: string): string {
  const shown = raw.replace(
    new RegExp(`${BIDI.source}|${ZERO_WIDTH.source}|${CONTROL.source}|${LONE_SURROGATE.source}`, "gu"),
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
  return [...shown].length > 80 ? [...shown].slice(0, 80).join("") + "…" : shown;
}
