import { createServer, type Server } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "../log/index.js";

/**
 * Serves Telegram's webhook on its own small HTTP server: POSTs to the path of
 * `WEBHOOK_URL` with the right `X-Telegram-Bot-Api-Secret-Token` header are
 * handed to the bot; anything else gets 404 (or 401 from grammY for a wrong
 * secret). Put a TLS-terminating reverse proxy in front of it.
 */
export async function serveWebhook(
  bot: Bot,
  options: { host: string; port: number; path: string; secretToken: string; logger: Logger },
): Promise<Server> {
  const handle = webhookCallback(bot, "http", { secretToken: options.secretToken, onTimeout: "return" });
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || pathname !== options.path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((err: unknown) => {
      options.logger.error({ reason: String(err) }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
