import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import { checkUpload, checkUploadName, checkUploadSize, READABLE_EXTENSIONS_TEXT, type UploadRefusal } from "../corpus/upload-policy.js";

/** Why an uploaded file was refused, in Chinese then English. */
export interface UploadProblem {
  status: 400 | 413;
  code: "bad_name" | "unsupported_type" | "too_large" | "no_file";
  zh: string;
  en: string;
}

export type UploadResult = { ok: true; name: string; bytes: Uint8Array } | { ok: false; problem: UploadProblem };

/** The HTTP answer to a refusal of the upload policy. */
export function uploadProblemOf(refusal: UploadRefusal): UploadProblem {
  switch (refusal.code) {
    case "bad_name":
      return { status: 400, code: "bad_name", zh: `文件名不合法：${refusal.message}。`, en: `Bad file name (${refusal.problem}).` };
    case "unsupported_type":
      return { status: 400, code: "unsupported_type", zh: `${refusal.message}。`, en: `Unsupported file type; allowed: ${READABLE_EXTENSIONS_TEXT}.` };
    case "empty":
      return { status: 400, code: "no_file", zh: "文件是空的。", en: "The file is empty." };
    case "too_large":
      return { status: 413, code: "too_large", zh: `文件过大：${refusal.message}。`, en: `File too large; at most ${refusal.maxBytes} bytes.` };
  }
}

/** Checks a client-supplied file name with the upload policy; refused rather than "cleaned". */
export function checkFileName(raw: string): { ok: true; name: string } | { ok: false; problem: UploadProblem } {
  const checked = checkUploadName(raw);
  return checked.ok ? checked : { ok: false, problem: uploadProblemOf(checked.refusal) };
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
    const sized = checkUploadSize(file.size, maxBytes);
    if (sized?.code === "too_large") return { ok: false, problem: uploadProblemOf(sized) };
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
    const sized = checkUploadSize(bytes.byteLength, maxBytes);
    if (sized?.code === "too_large") return { ok: false, problem: uploadProblemOf(sized) };
  }
  const checked = checkUpload(rawName, bytes.byteLength, maxBytes);
  if (!checked.ok) return { ok: false, problem: uploadProblemOf(checked.refusal) };
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

  constructor(
    private readonly limit = 5,
    private readonly ttlMs = 30 * 60_000,
  ) {}

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
