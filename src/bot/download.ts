import type { Api } from "grammy";
import { redactSecrets } from "../log/index.js";

/** A failed download says why in Chinese (`reason`, for the admin) and, for the log, what happened (`detail`, token removed). */
export type Download = { ok: true; bytes: Uint8Array } | { ok: false; reason: string; detail?: string };

/**
 * Downloads a file a user sent, through `getFile` and the file URL of the
 * same Bot API root (`<root>/file/bot<token>/<file_path>`). Refuses files
 * over `maxBytes` before and after downloading. The reason never holds the
 * token, which is part of the URL.
 */
export async function downloadTelegramFile(api: Api, options: { apiRoot: string; token: string; fileId: string; maxBytes: number; secrets: readonly string[] }): Promise<Download> {
  try {
    const file = await api.getFile(options.fileId);
    if (!file.file_path) return { ok: false, reason: "Telegram 没有提供文件下载地址" };
    if (file.file_size !== undefined && file.file_size > options.maxBytes) return { ok: false, reason: "文件超过大小上限" };
    const url = `${options.apiRoot}/file/bot${options.token}/${file.file_path}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) return { ok: false, reason: "从 Telegram 下载文件失败，请稍后重新发送", detail: `HTTP ${response.status}` };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > options.maxBytes) return { ok: false, reason: "文件超过大小上限" };
    return { ok: true, bytes };
  } catch (err) {
    return { ok: false, reason: "从 Telegram 下载文件失败，请稍后重新发送", detail: redactSecrets(err instanceof Error ? err.message : String(err), options.secrets) };
  }
}
