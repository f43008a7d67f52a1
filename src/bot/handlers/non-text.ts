import type { Context } from "grammy";
import { TEXT } from "../texts.js";

/** Stickers, photos, voice and the like in a private chat: a short hint to send text. Groups are left alone. */
export async function hintSendText(ctx: Context): Promise<void> {
  if (ctx.chat?.type === "private") await ctx.reply(TEXT.sendText);
}

/** An edited message is not answered again; in a private chat the user is told so. */
export async function hintEditedMessage(ctx: Context): Promise<void> {
  if (ctx.chat?.type === "private") await ctx.reply(TEXT.editedMessage);
}
