import type { Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { escapeHtml, truncate } from "../format/escape.js";
import { replyHtml } from "../reply.js";

/** /stats (admins): questions asked, out-of-scope share, feedback, top unanswered questions, index state. */
export async function statsCommand(ctx: Context, deps: BotDeps): Promise<void> {
  const stats = deps.service.usageStats();
  const health = deps.service.health();
  const share = stats.questions > 0 ? Math.round((stats.outOfScope / stats.questions) * 100) : 0;
  const lines = [
    "<b>使用统计</b>",
    `提问：${stats.questions} 次`,
    `超出政策范围：${stats.outOfScope} 次（${share}%）`,
    `反馈：👍 ${stats.helpful} · 👎 ${stats.unhelpful}`,
    "",
    "<b>政策库</b>",
    `文件 ${health.documents} 个，措施 ${health.measures} 项，责任单位 ${health.units} 个`,
    `索引版本 ${escapeHtml(health.indexVersion)}（${escapeHtml(health.builtAt)}）${health.reloading ? "，正在重建" : ""}`,
  ];
  if (stats.topUnanswered.length > 0) {
    lines.push("", "<b>常见未答好的问题</b>");
    for (const q of stats.topUnanswered.slice(0, 10)) lines.push(`• ${escapeHtml(truncate(q.question, 60))}（${q.count} 次）`);
  }
  await replyHtml(ctx, lines.join("\n"));
}
