import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Context } from "hono";

/** Document types the corpus loader reads. */
export const ALLOWED_EXTENSIONS = [".txt", ".md", ".docx", ".pdf", ".html"] as const;

/** Why an uploaded file was refused, in Chinese then English. */
export interface UploadProblem {
  status: 400 | 413;
  code: "bad_name" | "unsupported_type" | "too_large" | "no_file";
  zh: string;
  en: string;
}

export type UploadResult = { ok: true; name: string; bytes: Uint8Array } | { ok: false; problem: UploadProblem };

/**
 * Checks a client-supplied file name and returns it unchanged when it is a
 * plain name in the corpus folder: no folder part (`/` or `\`), no `..`, no
 * control characters, not hidden, an allowed extension. Anything else is
 * refused rather than "cleaned", so an admin never publishes under a name
 * they did not type.
 */
export function checkFileName(raw: string): { ok: true; name: string } | { ok: false; problem: UploadProblem } {
  const name = raw.normalize("NFC").trim();
  const bad = (en: string): { ok: false; problem: UploadProblem } => ({
    ok: false,
    problem: { status: 400, code: "bad_name", zh: "文件名不合法：只能是不含路径的文件名。", en: `Bad file name: ${en}.` },
  });
  if (!name) return bad("empty");
  if (name.length > 200) return bad("longer than 200 characters");
  if (/[/\\]/.test(name)) return bad("contains a path separator");
  if (name.includes("..")) return bad('contains ".."');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f:*?"<>|]/.test(name)) return bad("contains a control or reserved character");
  if (name.startsWith(".")) return bad("hidden file");
  if (path.basename(name) !== name) return bad("not a plain file name");
  const ext = path.extname(name).toLowerCase();
  if (!(ALLOWED_EXTENSIONS as readonly string[]).includes(ext)) {
    return {
      ok: false,
      problem: {
        status: 400,
        code: "unsupported_type",
        zh: `不支持的文件类型，仅支持 ${ALLOWED_EXTENSIONS.join(" ")}。`,
        en: `Unsupported file type; allowed: ${ALLOWED_EXTENSIONS.join(" ")}.`,
      },
    };
  }
  return { ok: true, name };
}

function tooLarge(maxBytes: number): UploadProblem {
  const mb = (maxBytes / 1024 / 1024).toFixed(1);
  return { status: 413, code: "too_large", zh: `文件过大，最大 ${mb} MB。`, en: `File too large; at most ${maxBytes} bytes.` };
}

/**
 * Reads an uploaded document from either a multipart form (field `file`) or a
 * raw body whose name is in the `X-File-Name` header (URI-encoded) or the
 * `name` query parameter. Checks name, type and size; writes nothing.
 */
export async function readUpload(c: Context, maxBytes: number): Promise<UploadResult> {
  const type = c.req.header("content-type") ?? "";
  let rawName: string;
  let bytes: Uint8Array;
  if (/^multipart\/form-data/i.test(type)) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      return { ok: false, problem: { status: 400, code: "no_file", zh: "无法读取上传的表单。", en: "Could not read the multipart form." } };
    }
    const file = form.get("file");
    if (!file || typeof file === "string") {
      return { ok: false, problem: { status: 400, code: "no_file", zh: "请选择要上传的文件。", en: 'No "file" field in the form.' } };
    }
    const override = form.get("name");
    rawName = typeof override === "string" && override ? override : file.name;
    if (file.size > maxBytes) return { ok: false, problem: tooLarge(maxBytes) };
    bytes = new Uint8Array(await file.arrayBuffer());
  } else {
    const header = c.req.header("x-file-name");
    let decoded: string | undefined;
    try {
      decoded = header !== undefined ? decodeURIComponent(header) : c.req.query("name");
    } catch {
      decoded = undefined;
    }
    if (decoded === undefined) {
      return { ok: false, problem: { status: 400, code: "bad_name", zh: "缺少文件名。", en: "Missing file name (X-File-Name header or ?name=)." } };
    }
    rawName = decoded;
    bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > maxBytes) return { ok: false, problem: tooLarge(maxBytes) };
  }
  const checked = checkFileName(rawName);
  if (!checked.ok) return checked;
  if (bytes.byteLength === 0) {
    return { ok: false, problem: { status: 400, code: "no_file", zh: "文件是空的。", en: "The file is empty." } };
  }
  return { ok: true, name: checked.name, bytes };
}

interface PendingUpload {
  name: string;
  bytes: Uint8Array;
  at: number;
}

/**
 * Uploads that were previewed and await the admin's "publish". Kept in
 * memory, a few at a time and for half an hour, so publishing the previewed
 * bytes needs no second upload and cannot publish something unseen.
 */
export class PendingUploads {
  private readonly items = new Map<string, PendingUpload>();

  constructor(private readonly limit = 5, private readonly ttlMs = 30 * 60_000) {}

  add(name: string, bytes: Uint8Array): string {
    this.prune();
    while (this.items.size >= this.limit) {
      const oldest = this.items.keys().next().value;
      if (oldest === undefined) break;
      this.items.delete(oldest);
    }
    const id = randomUUID();
    this.items.set(id, { name, bytes, at: Date.now() });
    return id;
  }

  take(id: string): PendingUpload | undefined {
    this.prune();
    const item = this.items.get(id);
    this.items.delete(id);
    return item;
  }

  private prune(): void {
    const cutoff = Date.now() - this.ttlMs;
    for (const [id, item] of this.items) if (item.at < cutoff) this.items.delete(id);
  }
}
