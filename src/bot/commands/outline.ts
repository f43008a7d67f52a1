import type { Context } from "grammy";
import { InlineKeyboard } from "grammy";
import type { DocumentOutline } from "../../app/types.js";
import type { OutlineNode } from "../../corpus/types.js";
import { encodeAction, recordRef } from "../callback-data.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml, truncate } from "../format/escape.js";
import { formatRecord } from "../format/record.js";
import { splitForTelegram } from "../format/split.js";
import { replyHtml } from "../reply.js";
import { TEXT } from "../texts.js";

/** A screen of the outline browser: its text and buttons. */
interface Screen {
  html: string;
  keyboard: InlineKeyboard;
}

const LABEL_MAX = 30;

/** /outline: opens the browser at the document list, or at the only document's top level. */
export async function outlineCommand(ctx: Context, deps: BotDeps): Promise<void> {
  const outline = deps.service.outline();
  const screen = outline.length === 1 ? documentScreen(outline, 0, [], deps) : documentsScreen(outline);
  await replyHtml(ctx, screen?.html ?? TEXT.outlineChanged, screen?.keyboard);
}

/** A tap in the browser: shows that document or node by editing the message in place. */
export async function showOutline(ctx: Context, deps: BotDeps, document: number | undefined, node: number[]): Promise<void> {
  const outline = deps.service.outline();
  const screen = document === undefined ? documentsScreen(outline) : documentScreen(outline, document, node, deps);
  await ctx.answerCallbackQuery(screen ? {} : { text: TEXT.outlineChanged });
  if (!screen) return;
  try {
    await ctx.editMessageText(screen.html, { parse_mode: "HTML", reply_markup: screen.keyboard, link_preview_options: { is_disabled: true } });
  } catch (err) {
    // Tapping the button of the screen already shown is not an error worth an apology.
    if (!String(err).includes("message is not modified")) throw err;
  }
}

function documentsScreen(outline: DocumentOutline[]): Screen | undefined {
  const keyboard = new InlineKeyboard();
  outline.forEach((doc, i) => keyboard.text(`📘 ${truncate(doc.title, LABEL_MAX)}`, encodeAction({ kind: "outline", document: i, node: [] })).row());
  const html = outline.length > 0 ? "<b>政策库中的文件</b>\n点选文件浏览章节和措施。" : "政策库暂时为空。";
  return { html, keyboard };
}

function documentScreen(outline: DocumentOutline[], documentIndex: number, path: number[], deps: BotDeps): Screen | undefined {
  const doc = outline[documentIndex];
  if (!doc) return undefined;
  const trail: OutlineNode[] = [];
  let children = doc.nodes;
  for (const index of path) {
    const node = children[index];
    if (!node) return undefined;
    trail.push(node);
    children = node.children;
  }
  const current = trail.at(-1);
  const keyboard = new InlineKeyboard();
  children.forEach((child, i) => {
    const label = child.children.length > 0 ? `📂 ${child.heading}` : `📄 ${child.heading}`;
    keyboard.text(truncate(label, LABEL_MAX), encodeAction({ kind: "outline", document: documentIndex, node: [...path, i] })).row();
  });
  if (current?.recordId && children.length > 0) {
    keyboard.text("📄 查看本节原文", encodeAction({ kind: "source", ref: recordRef(current.recordId) })).row();
  }
  if (path.length > 0) keyboard.text("⬅️ 返回上一级", encodeAction({ kind: "outline", document: documentIndex, node: path.slice(0, -1) }));
  else if (outline.length > 1) keyboard.text("⬅️ 全部文件", encodeAction({ kind: "outline", node: [] }));

  const header = [`<b>《${escapeHtml(doc.title)}》</b>`];
  if (doc.meta.status === "draft") header.push("<i>征求意见稿，内容以正式印发文件为准。</i>");
  if (trail.length > 0) header.push(trail.map((n) => escapeHtml(n.heading)).join(" › "));

  let body: string;
  const record = current?.recordId && children.length === 0 ? deps.service.record(current.recordId) : undefined;
  if (record) {
    const parts = splitForTelegram(formatRecord(record, deps.service.documentMeta(record.documentId)), 3500);
    body = parts[0]! + (parts.length > 1 ? "\n……（全文较长，请点「查看原文」）" : "");
    if (parts.length > 1) keyboard.row().text("📄 查看原文", encodeAction({ kind: "source", ref: recordRef(record.id) }));
    return { html: body, keyboard };
  }
  body = children.length > 0 ? "点选下面的章节或措施：" : "本节没有正文。";
  return { html: [...header, "", body].join("\n"), keyboard };
}
