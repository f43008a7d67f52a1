import type { Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/escape.js";
import { examplesKeyboard } from "../keyboards.js";
import { replyHtml } from "../reply.js";

/** /start: what the bot knows (the documents, their draft status) and example questions to tap. */
export async function startCommand(ctx: Context, deps: BotDeps): Promise<void> {
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
    "/outline 浏览纲要 · /units 责任单位 · /help 帮助",
  );
  await replyHtml(ctx, lines.join("\n"), examplesKeyboard(deps.service.exampleQuestions()));
}
