import path from "node:path";
import { SUPPORTED_EXTENSIONS } from "../corpus/blocks.js";
import type { Failure } from "./types.js";

/**
 * Checks an uploaded file's name and size before anything is written: a
 * plain base name (no folder, no `..`, no control characters), a supported
 * extension, and at most `maxBytes`.
 */
export function validateUpload(fileName: string, bytes: Uint8Array, maxBytes: number): Failure | undefined {
  const name = fileName.normalize("NFC").trim();
  if (!name || name.length > 200 || /[\\/\u0000-\u001f<>:"|?*]/.test(name) || name.startsWith(".") || name.includes("..")) {
    return { code: "bad_name", message: `文件名不可用：“${fileName.slice(0, 80)}”。请使用不含路径和特殊字符的文件名。`, file: fileName };
  }
  const extension = path.extname(name).toLowerCase();
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(extension)) {
    return { code: "unsupported_type", message: `不支持的文件类型“${extension || "无扩展名"}”。支持：${SUPPORTED_EXTENSIONS.join(" ")}`, file: name };
  }
  if (bytes.byteLength === 0) return { code: "bad_document", message: "文件是空的。", file: name };
  if (bytes.byteLength > maxBytes) {
    return { code: "too_large", message: `文件太大（${(bytes.byteLength / 1048576).toFixed(1)} MB），上限为 ${(maxBytes / 1048576).toFixed(1)} MB。`, file: name };
  }
  return undefined;
}
