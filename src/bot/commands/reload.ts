import type { Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { reportError } from "../errors.js";
import { formatFailure, formatProgress, formatSummary } from "../format/ingest.js";
import { refreshDescription } from "../profile.js";
import { replyHtml, ThrottledEditor } from "../reply.js";

const TITLE = "🔄 正在从政策库目录重建索引……";

/**
 * /reload (admins): rebuilds the index from the corpus folder. Runs in the
 * background so that every chat, this one included, keeps being answered
 * from the old index; progress edits one message at most every 1.5 s, and
 * the summary (or the reason it failed) arrives as a new message.
 */
export async function reloadCommand(ctx: Context, deps: BotDeps): Promise<void> {
  const progress = await ctx.reply(`${TITLE}\n<i>期间仍按原有政策库回答问题。</i>`, { parse_mode: "HTML" });
  const editor = new ThrottledEditor((html) => ctx.api.editMessageText(progress.chat.id, progress.message_id, html, { parse_mode: "HTML" }));
  deps.logger.info({ userId: ctx.from?.id }, "reload requested from Telegram");
  const job = (async () => {
    const result = await deps.service.reload((p) => editor.update(formatProgress(TITLE, p)));
    if (result.ok) {
      await editor.finish("✅ 索引已重建。");
      await replyHtml(ctx, `✅ <b>索引已重建</b>\n${formatSummary(result.value)}`);
      await refreshDescription(ctx.api, deps.service);
    } else {
      await editor.finish("❌ 重建未完成。");
      await replyHtml(ctx, formatFailure("重建索引", result.error));
    }
  })().catch((err: unknown) => reportError(err, ctx, deps));
  deps.queues.track(job);
}
