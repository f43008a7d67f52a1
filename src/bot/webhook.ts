import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse, type Server } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../log/index.js";

/** Telegram's updates are a few kilobytes; a body past this is refused unread. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

type BodyOutcome = { ok: true; update: Update } | { ok: false; status: 400 | 413 };

/** Reads at most `limit` bytes of the body and parses it as an update (an object with an integer `update_id`). */
function readUpdate(req: IncomingMessage, limit: number): Promise<BodyOutcome> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, status: 413 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        resolve({ ok: false, status: 413 });
        return;
      }
      chunks.push(chunk);
    });
    req.once("error", () => resolve({ ok: false, status: 400 }));
    req.once("end", () => {
      if (size > limit) return;
      try {
        const update = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
        const valid = typeof update === "object" && update !== null && !Array.isArray(update) && Number.isSafeInteger((update as { update_id?: unknown }).update_id);
        resolve(valid ? { ok: true, update: update as Update } : { ok: false, status: 400 });
      } catch {
        resolve({ ok: false, status: 400 });
      }
    });
  });
}

/** grammY's request handler over an update this server has already read and checked. */
const checkedUpdate = (update: Update, res: ServerResponse, header: string) => ({
  update,
  header,
  end: () => res.end(),
  respond: (json: string) => res.writeHead(200, { "Content-Type": "application/json" }).end(json),
  unauthorized: () => res.writeHead(401).end(),
});

/**
 * Serves Telegram's webhook on its own small HTTP server: POSTs to the path of
 * `WEBHOOK_URL` with the right `X-Telegram-Bot-Api-Secret-Token` header are
 * handed to the bot; anything else gets 404, a wrong secret 401 (before the
 * body is read), a body over `WEBHOOK_BODY_LIMIT` 413, and a body that is not
 * an update (empty, `null`, truncated JSON) 400. Put a TLS-terminating
 * reverse proxy in front of it.
 */
export async function serveWebhook(bot: Bot, options: { host: string; port: number; path: string; secretToken: string; logger: Logger; bodyLimit?: number }): Promise<Server> {
  const handle = webhookCallback(bot, checkedUpdate, { secretToken: options.secretToken, onTimeout: "return" });
  const expected = digest(options.secretToken);
  const limit = options.bodyLimit ?? WEBHOOK_BODY_LIMIT;
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || pathname !== options.path) {
      res.writeHead(404).end();
      return;
    }
    const presented = req.headers[SECRET_HEADER];
    const header = Array.isArray(presented) ? (presented[0] ?? "") : (presented ?? "");
    if (!timingSafeEqual(digest(header), expected)) {
      res.writeHead(401, { Connection: "close" }).end();
      return;
    }
    readUpdate(req, limit)
      .then(async (body) => {
        if (!body.ok) {
          options.logger.warn({ status: body.status }, body.status === 413 ? "webhook body too large; refused" : "webhook body is not an update; refused");
          res.writeHead(body.status, { Connection: "close" }).end();
          return;
        }
        await handle(body.update, res, header);
      })
      .catch((err: unknown) => {
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
