import type { Context, Filter } from "grammy";
import { checkUpload, visibleName } from "../../corpus/upload-policy.js";
import type { BotDeps } from "../deps.js";
import { downloadTelegramFile } from "../download.js";
import { reportError } from "../errors.js";
import { escapeHtml } from "../format/escape.js";
import { countDocument, formatFailure, formatPreview, formatProgress, formatSummary } from "../format/ingest.js";
import { refreshDescription } from "../profile.js";
import { replyHtml, ThrottledEditor } from "../reply.js";

/** Why a document is refused before download (the upload policy's reason), or undefined when it may be tried. */
export function uploadProblem(fileName: string, size: number | undefined, maxBytes: number): string | undefined {
  const checked = checkUpload(fileName, size, maxBytes);
  return checked.ok ? undefined : checked.refusal.message;
}

/**
 * A document sent by an admin in a private chat: checked (type, size),
 * downloaded, previewed (it must parse into at least one section), then
 * published into the corpus and indexed; the measures and units found are
 * reported, or the reason it was refused (and that nothing changed). Runs in
 * the background; the old index keeps answering meanwhile.
 */
export async function handleDocument(ctx: Filter<Context, "message:document">, deps: BotDeps): Promise<void> {
  const document = ctx.message.document;
  const fileName = document.file_name ?? "未命名文件";
  const problem = uploadProblem(fileName, document.file_size, deps.config.MAX_UPLOAD_BYTES);
  if (problem) {
    await replyHtml(ctx, `❌ 未添加《${escapeHtml(visibleName(fileName))}》：${escapeHtml(problem)}。政策库没有任何改动。`);
    return;
  }
  const title = `📥 正在添加《${escapeHtml(fileName)}》……`;
  const progress = await ctx.reply(`${title}\n正在下载并检查文件。`, { parse_mode: "HTML" });
  const editor = new ThrottledEditor((html) => ctx.api.editMessageText(progress.chat.id, progress.message_id, html, { parse_mode: "HTML" }));
  deps.logger.info({ userId: ctx.from.id, file: fileName, size: document.file_size }, "document upload from Telegram");

  const job = (async () => {
    const download = await downloadTelegramFile(ctx.api, {
      apiRoot: deps.apiRoot,
      token: deps.config.TELEGRAM_BOT_TOKEN ?? "",
      fileId: document.file_id,
      maxBytes: deps.config.MAX_UPLOAD_BYTES,
      secrets: deps.secrets,
    });
    if (!download.ok) {
      deps.logger.warn({ userId: ctx.from.id, file: fileName, detail: download.detail }, "document download failed");
      await editor.finish(`❌ 未添加《${escapeHtml(fileName)}》。`);
      await replyHtml(ctx, `❌ 未添加《${escapeHtml(fileName)}》：${escapeHtml(download.reason)}。政策库没有任何改动。`);
      return;
    }
    const preview = await deps.service.previewDocument(fileName, download.bytes);
    if (!preview.ok) {
      deps.logger.warn({ userId: ctx.from.id, file: fileName, code: preview.error.code, detail: preview.error.message }, "uploaded document refused");
      await editor.finish(`❌ 未添加《${escapeHtml(fileName)}》。`);
      await replyHtml(ctx, formatFailure("添加文件", { ...preview.error, file: preview.error.file ?? fileName }));
      return;
    }
    const counts = countDocument(preview.value);
    editor.update(`${title}\n解析出 ${counts.chapters.length} 个章节、${counts.measures.length} 项措施、${counts.units.length} 个责任单位，正在加入政策库并重建索引。`);
    const published = await deps.service.publishDocument(fileName, download.bytes, (p) => editor.update(formatProgress(title, p)));
    if (!published.ok) {
      deps.logger.warn({ userId: ctx.from.id, file: fileName, code: published.error.code, detail: published.error.message }, "uploaded document not published");
      await editor.finish(`❌ 未添加《${escapeHtml(fileName)}》。`);
      await replyHtml(ctx, formatFailure("添加文件", { ...published.error, file: published.error.file ?? fileName }));
      return;
    }
    await editor.finish(`✅ 已添加《${escapeHtml(fileName)}》。`);
    await replyHtml(ctx, [`✅ <b>已加入政策库并完成索引</b>`, formatPreview(published.value.preview), "", formatSummary(published.value.summary)].join("\n"));
    await refreshDescription(ctx.api, deps.service);
  })().catch((err: unknown) => reportError(err, ctx, deps));
  deps.queues.track(job);
}
