import type { Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/escape.js";
import { replyHtml } from "../reply.js";

/** /units: every responsible unit named in the corpus, with how many measures name it. */
export async function unitsCommand(ctx: Context, deps: BotDeps): Promise<void> {
  const units = [...deps.service.units()].sort((a, b) => b.recordIds.length - a.recordIds.length);
  if (units.length === 0) {
    await ctx.reply("政策库中还没有责任单位。");
    return;
  }
  const lines = [`<b>责任单位</b>（共 ${units.length} 个）`, ""];
  for (const unit of units) lines.push(`• ${escapeHtml(unit.name)}（${unit.recordIds.length} 项）`);
  lines.push("", "发送 /unit 名称 查看某单位负责的措施，例如 /unit 市监局。");
  await replyHtml(ctx, lines.join("\n"));
}
