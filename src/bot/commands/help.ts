import type { Context } from "grammy";
import { isAdmin } from "../admin.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/escape.js";
import { replyHtml } from "../reply.js";

/** /help: how to ask, follow up and browse; admins also see their commands. */
export async function helpCommand(ctx: Context, deps: BotDeps): Promise<void> {
  const lines = [
    "<b>怎么用</b>",
    "• 私聊：直接发送问题，例如「专利质押贷款怎么办理？」",
    "• 群聊：/ask 问题，或 @我 提问，或回复我的消息",
    "• 图片：在图片说明里写上问题，我会回答说明中的问题",
    "• 追问：接着问「那找哪个部门？」，我会沿用上一个问题；回复我较早的某条回答，就接着那条回答问",
    "• 问题可能指几项措施时，我会先问「您是想问……」，点按钮选一项即可",
    "• /reset 开始新话题，不再沿用之前的问题",
    "• /outline 按章节浏览纲要和措施",
    "• /units 查看全部责任单位",
    "• /unit 名称 查看某单位负责的措施（可用简称，如 市监局、中院）",
    "",
    "回答下方的按钮：🏢 找哪个部门、📋 需要什么材料（接着这条回答追问）、📄 查看原文、🔗 相关措施、📤 分享给同事，👍 / 👎 反馈是否有帮助。",
    "我只依据政策文件原文回答，不提供文件中没有的金额、期限、电话或办理流程。",
  ];
  if (deps.config.BOT_INLINE_ENABLED) lines.push(`在任意聊天中输入「@${escapeHtml(ctx.me.username)} 问题」，可以把措施卡片直接发给对方。`);
  if (isAdmin(ctx.from?.id, deps.config)) {
    lines.push(
      "",
      "<b>管理员</b>",
      "• /reload 从政策库目录重建索引（期间照常回答）",
      "• /stats 使用统计",
      `• 发送文件（.txt .md .docx .pdf .html，不超过 ${Math.floor(deps.config.MAX_UPLOAD_BYTES / 1024 / 1024)} MB）加入政策库`,
    );
  }
  await replyHtml(ctx, lines.join("\n"));
}
