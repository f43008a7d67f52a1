import type { CommandContext, Context } from "grammy";
import { InlineKeyboard } from "grammy";
import { encodeAction, recordRef } from "../callback-data.js";
import { recordIdOfPayload } from "../deep-link.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/escape.js";
import { formatRecord } from "../format/record.js";
import { examplesKeyboard, shareUrl } from "../keyboards.js";
import { allRecordIds } from "../records.js";
import { replyHtml } from "../reply.js";
import { TEXT } from "../texts.js";

/**
 * /start: what the bot knows (the documents, their draft status) and example
 * questions to tap. `/start <payload>` (a shared link, see deep-link.ts) opens
 * that measure instead; a link to a measure no longer in the corpus says so
 * and greets as usual.
 */
export async function startCommand(ctx: CommandContext<Context>, deps: BotDeps): Promise<void> {
  const payload = ctx.match.trim();
  if (payload && payload !== "inline") {
    const id = recordIdOfPayload(payload, () => allRecordIds(deps.service));
    const record = id ? deps.service.record(id) : undefined;
    if (record) {
      const keyboard = new InlineKeyboard()
        .text("🔗 相关措施", encodeAction({ kind: "related", ref: recordRef(record.id) }))
        .url("📤 分享", shareUrl(ctx.me.username, record.id, record.title));
      await replyHtml(ctx, formatRecord(record, deps.service.documentMeta(record.documentId)), keyboard);
      return;
    }
    await ctx.reply(TEXT.gone);
  }
  await greet(ctx, deps);
}

async function greet(ctx: Context, deps: BotDeps): Promise<void> {
  const documents = deps.service.documents();
  const lines = ["您好！我是<b>泰安市知识产权政策问答助手</b>。", "", "我依据以下文件回答问题，并注明措施在文件中的位置和责任单位："];
  for (const doc of documents) {
    lines.push(`• 《${escapeHtml(doc.title)}》：${doc.measures} 项措施，${doc.units} 个责任单位`);
    if (doc.meta.status === "draft") lines.push("  <i>这是征求意见稿，内容以正式印发文件为准。</i>");
  }
  if (documents.length === 0) lines.push("• （政策库暂时为空，请联系管理员添加文件）");
  lines.push(
    "",
    ctx.chat?.type === "private" ? "直接发送问题即可。点下面的例子试试：" : "在群里请用 /ask 提问、@我 或回复我的消息。点下面的例子试试：",
    "",
    "/outline 浏览纲要 · /units 责任单位 · /reset 新话题 · /help 帮助",
  );
  await replyHtml(ctx, lines.join("\n"), examplesKeyboard(deps.service.exampleQuestions()));
}
