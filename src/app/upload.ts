import { checkUpload, visibleName, type UploadRefusal } from "../corpus/upload-policy.js";
import type { Failure } from "./types.js";

/**
 * Applies the upload policy (name, type, size) before anything is written,
 * and turns a refusal into the service's failure value. The name returned is
 * the one to store under (the policy's NFC form, never trimmed or cleaned).
 */
export function validateUpload(fileName: string, bytes: Uint8Array, maxBytes: number): { ok: true; name: string } | { ok: false; failure: Failure } {
  const checked = checkUpload(fileName, bytes.byteLength, maxBytes);
  if (checked.ok) return checked;
  return { ok: false, failure: failureOf(checked.refusal, fileName) };
}

function failureOf(refusal: UploadRefusal, fileName: string): Failure {
  const file = visibleName(fileName);
  switch (refusal.code) {
    case "bad_name":
      return { code: "bad_name", message: `文件名“${file}”不可用：${refusal.message}。请改用普通的文件名。`, file };
    case "unsupported_type":
      return { code: "unsupported_type", message: `${refusal.message}。`, file };
    case "empty":
      return { code: "bad_document", message: "文件是空的。", file };
    case "too_large":
      return { code: "too_large", message: `${refusal.message}。`, file };
  }
}
