import type { Context } from "grammy";
import { isAdmin } from "./admin.js";
import type { BotDeps } from "./deps.js";
import { TEXT } from "./texts.js";

/**
 * Runs an admin action only for users in `ADMIN_USER_IDS`; anyone else gets
 * a polite refusal, and the attempt is logged and written to the audit log
 * with `action` as the admin page shows it: a command (/reload) or a
 * Chinese name (上传文档).
 */
export function adminOnly<C extends Context>(deps: BotDeps, action: string, run: (ctx: C) => Promise<void>): (ctx: C) => Promise<void> {
  return async (ctx) => {
    if (isAdmin(ctx.from?.id, deps.config)) return run(ctx);
    deps.logger.warn({ userId: ctx.from?.id, chatId: ctx.chat?.id, action }, "admin action refused for a non-admin");
    try {
      deps.service.audit(`telegram:${ctx.from?.id ?? "unknown"}`, "refused", action);
    } catch (err) {
      deps.logger.warn({ reason: String(err) }, "could not write the audit entry");
    }
    await ctx.reply(TEXT.adminOnly);
  };
}
