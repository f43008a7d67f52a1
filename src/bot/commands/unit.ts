import type { CommandContext, Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format/escape.js";
import { recordListLine } from "../format/record.js";
import { recordButtons } from "../keyboards.js";
import { replyHtml } from "../reply.js";
import { TEXT } from "../texts.js";

/** /unit 名称: the measures one unit is responsible for; aliases (中院, 市监局 …) resolved by the service. */
export async function unitCommand(ctx: CommandContext<Context>, deps: BotDeps): Promise<void> {
  const name = ctx.match.trim();
  if (!name) {
    await ctx.reply(TEXT.unitUsage);
    return;
  }
  const found = deps.service.unit(name);
  if (!found) {
    await replyHtml(ctx, `没有找到责任单位「${escapeHtml(name)}」。发送 /units 查看全部责任单位。`);
    return;
  }
  const { entry, records } = found;
  const alias = entry.name === name ? "" : `（「${escapeHtml(name)}」即 ${escapeHtml(entry.name)}）`;
  const lines = [`<b>${escapeHtml(entry.name)}</b> 负责或参与 ${records.length} 项措施${alias}：`, ""];
  for (const record of records) lines.push(recordListLine(record));
  lines.push("", "点下面的按钮查看原文。");
  await replyHtml(ctx, lines.join("\n"), recordButtons(records));
}
