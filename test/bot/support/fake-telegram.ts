import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import emulatorModule from "telegram-test-api";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

// The package is CommonJS with `module.exports = TelegramServer`; its typings describe `exports.default`.
const TelegramServerClass = emulatorModule as unknown as typeof TelegramServer;

/** A message the bot sent, as telegram-test-api stores it (edits applied in place). */
export interface BotMessage {
  messageId: number;
  chatId: number;
  text: string;
  parseMode?: string;
  buttons: { text: string; data?: string; url?: string }[][];
  /** The message it replies to, if any. */
  replyTo?: number;
  /** When it was sent (ms since the epoch). */
  sentAt: number;
}

interface StoredBotUpdate {
  messageId: number;
  time: number;
  botToken: string;
  message: {
    chat_id: number | string;
    text: string;
    parse_mode?: string;
    reply_markup?: { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] };
    reply_parameters?: { message_id: number } | string;
  };
}

/**
 * telegram-test-api on 127.0.0.1, fronted by a small HTTP server that adds
 * what the emulator lacks and the bot uses: `getFile` and file downloads,
 * `sendChatAction` (recorded), `setMyCommands`, `setMyDescription`,
 * `setMyShortDescription` and `answerInlineQuery` (recorded in `calls`), `answerCallbackQuery` and
 * `editMessageText` (recorded, then applied by the emulator), `getUpdates`
 * that waits a little like real long polling instead of returning at once, and webhook
 * relaying that adds Telegram's secret-token header. Everything else is
 * passed through to the emulator unchanged. `apiRoot` is what the bot is
 * given as `TELEGRAM_API_ROOT`.
 */
export class FakeTelegram {
  readonly chatActions: { chatId: number; action: string }[] = [];
  /** Every `answerCallbackQuery`: the toast a user sees after tapping a button (no text: just the spinner stops). */
  readonly callbackAnswers: { callbackQueryId: string; text?: string }[] = [];
  /** Every `editMessageText`, in order (the emulator only keeps the latest text). */
  readonly edits: { chatId: number; messageId: number; text: string; at: number }[] = [];
  /** Calls of the methods the emulator lacks and this server answers itself, in order, with their parameters. */
  readonly calls: { method: string; params: Record<string, unknown> }[] = [];
  private readonly files = new Map<string, { path: string; bytes: Uint8Array }>();
  /** Raw updates of kinds the emulator cannot make (an edited message), delivered with the next getUpdates. */
  private readonly injected: Record<string, unknown>[] = [];
  private injectedId = 1_000_000;
  private webhook?: { url: string; secret?: string };

  private constructor(
    readonly emulator: TelegramServer,
    private readonly front: Server,
    readonly apiRoot: string,
  ) {}

  static async start(): Promise<FakeTelegram> {
    const port = await freePort();
    const emulator = new TelegramServerClass({ port, host: "127.0.0.1", storeTimeout: 3600 });
    await emulator.start();
    let fake: FakeTelegram | undefined;
    const front = createServer((req, res) => {
      fake!.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 500, description: String(err) }));
      });
    });
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
    const frontPort = (front.address() as AddressInfo).port;
    fake = new FakeTelegram(emulator, front, `http://127.0.0.1:${frontPort}`);
    return fake;
  }

  /** Makes a file downloadable through getFile, as if a user had uploaded it. */
  addFile(bytes: Uint8Array, extension: string): { file_id: string; file_unique_id: string; file_size: number } {
    const id = randomUUID().replace(/-/g, "");
    this.files.set(id, { path: `documents/file_${id}${extension}`, bytes });
    return { file_id: id, file_unique_id: id.slice(0, 12), file_size: bytes.byteLength };
  }

  /** Everything the bot has sent to a chat, in order, with edits applied. */
  botMessages(chatId: number): BotMessage[] {
    return (this.emulator.storage.botMessages as unknown as StoredBotUpdate[])
      .filter((u) => Number(u.message.chat_id) === chatId)
      .map((u) => ({
        messageId: u.messageId,
        chatId,
        text: u.message.text,
        parseMode: u.message.parse_mode,
        buttons: (u.message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data, url: b.url }))),
        replyTo: replyToOf(u.message.reply_parameters),
        sentAt: u.time,
      }));
  }

  /** Queues a raw update (without `update_id`) for the bot's next getUpdates, for kinds the emulator cannot send. */
  inject(update: Record<string, unknown>): void {
    this.injected.push({ update_id: this.injectedId++, ...update });
  }

  /** True once the bot has fetched every update sent so far. */
  allUpdatesFetched(): boolean {
    return this.injected.length === 0 && this.emulator.storage.userMessages.every((u: { isRead: boolean }) => u.isRead);
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.front.close(() => resolve()));
    this.front.closeAllConnections();
    await closed;
    await this.emulator.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const body = await readBody(req);
    const file = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname);
    if (file) {
      const found = [...this.files.values()].find((f) => f.path === decodeURIComponent(file[1]!));
      if (!found) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(found.bytes);
    }
    const method = /^\/bot[^/]+\/(\w+)$/.exec(url.pathname)?.[1];
    const params = parseParams(req, body);
    const reply = (result: unknown): void => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    switch (method) {
      case "getFile": {
        const found = this.files.get(String(params.file_id));
        if (!found) {
          return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: invalid file_id" }));
        }
        return reply({ file_id: params.file_id, file_unique_id: String(params.file_id).slice(0, 12), file_size: found.bytes.byteLength, file_path: found.path });
      }
      case "sendChatAction":
        this.chatActions.push({ chatId: Number(params.chat_id), action: String(params.action) });
        return reply(true);
      case "setMyCommands":
      case "setMyDescription":
      case "setMyShortDescription":
      case "answerInlineQuery":
        this.calls.push({ method, params: decodeJsonFields(params) });
        return reply(true);
      case "answerCallbackQuery":
        this.callbackAnswers.push({ callbackQueryId: String(params.callback_query_id), text: params.text === undefined ? undefined : String(params.text) });
        return reply(true);
      case "editMessageText":
        this.edits.push({ chatId: Number(params.chat_id), messageId: Number(params.message_id), text: String(params.text), at: Date.now() });
        return this.forward(req, res, url, body, req.headers["content-type"]);
      case "setWebhook": {
        // Telegram would call the bot with the secret header; the emulator cannot, so it calls us and we relay.
        this.webhook = { url: String(params.url), secret: params.secret_token ? String(params.secret_token) : undefined };
        const relay = `${this.apiRoot}/__relay`;
        return this.forward(req, res, url, JSON.stringify({ url: relay }), "application/json");
      }
      case "getUpdates":
        return this.longPoll(req, res, url, body, Number(params.timeout ?? 0));
    }
    if (url.pathname === "/__relay" && this.webhook) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (this.webhook.secret) headers["x-telegram-bot-api-secret-token"] = this.webhook.secret;
      const relayed = await fetch(this.webhook.url, { method: "POST", headers, body: new Uint8Array(body) });
      return void res.writeHead(relayed.status).end(Buffer.from(await relayed.arrayBuffer()));
    }
    return this.forward(req, res, url, body, req.headers["content-type"]);
  }

  /** Real getUpdates waits up to `timeout` seconds for an update; the emulator answers at once. Wait up to a second. */
  private async longPoll(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, timeout: number): Promise<void> {
    const until = Date.now() + Math.min(timeout * 1000, 1000);
    let closed = false;
    res.once("close", () => (closed = true));
    for (;;) {
      const upstream = await fetch(this.upstream(url), { method: "POST", headers: { "content-type": "application/json" }, body: body.length ? new Uint8Array(body) : "{}" });
      const parsed = JSON.parse(await upstream.text()) as { ok: boolean; result?: unknown[] };
      if (parsed.ok && !closed) parsed.result = [...(parsed.result ?? []), ...this.injected.splice(0)];
      if ((parsed.result?.length ?? 0) > 0 || Date.now() >= until || closed) {
        if (!closed) res.writeHead(upstream.status, { "content-type": "application/json" }).end(JSON.stringify(parsed));
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async forward(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer | string, contentType: string | undefined): Promise<void> {
    const upstream = await fetch(this.upstream(url), {
      method: req.method,
      headers: contentType ? { "content-type": contentType } : {},
      body: req.method === "GET" || req.method === "HEAD" ? undefined : typeof body === "string" ? body : new Uint8Array(body),
    });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }

  private upstream(url: URL): string {
    return `${this.emulator.config.apiURL}${url.pathname}${url.search}`;
  }
}

/** Telegram's form encoding sends objects as JSON strings; tests want them as objects. */
function decodeJsonFields(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      if (typeof value !== "string" || !/^[[{]/.test(value)) return [key, value];
      try {
        return [key, JSON.parse(value) as unknown];
      } catch {
        return [key, value];
      }
    }),
  );
}

function replyToOf(parameters: { message_id: number } | string | undefined): number | undefined {
  if (!parameters) return undefined;
  const parsed = typeof parameters === "string" ? (JSON.parse(parameters) as { message_id: number }) : parameters;
  return parsed.message_id;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseParams(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = req.headers["content-type"] ?? "";
  const query = Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams);
  if (body.length === 0) return query;
  if (type.includes("application/json")) return { ...query, ...(JSON.parse(body.toString("utf8")) as Record<string, unknown>) };
  if (type.includes("application/x-www-form-urlencoded")) return { ...query, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  return query;
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
