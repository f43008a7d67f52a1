import type { Server } from "node:http";
import type { PolicyService } from "../app/types.js";
import { secretsOf, type Config } from "../config/index.js";
import { redactSecrets, type Logger } from "../log/index.js";
import { createBot } from "./bot.js";
import { ChatQueues } from "./concurrency.js";
import { BotConversations } from "./conversation.js";
import type { BotDeps } from "./deps.js";
import { DuplicateFilter } from "./duplicates.js";
import { setUpProfile } from "./profile.js";
import { SlidingWindowLimiter } from "./rate-limit.js";
import { serveWebhook } from "./webhook.js";

export { createBot } from "./bot.js";
export type { BotDeps } from "./deps.js";

const DEFAULT_API_ROOT = "https://api.telegram.org";

/** The port the webhook server listens on: the web console's `PORT` plus one. */
export function webhookPort(config: Pick<Config, "PORT">): number {
  return config.PORT + 1;
}

/**
 * Starts the Telegram bot: long polling by default (pending updates are kept),
 * a webhook server when `WEBHOOK_URL` is set. Resolves once started; start-up
 * problems with Telegram are logged, never thrown into the caller later.
 * `stop()` stops receiving updates, waits for answers and admin jobs in
 * flight, then resolves; the caller closes the service afterwards.
 */
export async function startBot(deps: { service: PolicyService; config: Config; logger: Logger }): Promise<{ stop(): Promise<void> }> {
  const { config } = deps;
  const logger = deps.logger.child({ module: "bot" });
  const secrets = secretsOf(config);
  const botDeps: BotDeps = {
    ...deps,
    logger,
    conversation: new BotConversations(deps.service.conversations, config.CONVERSATION_TTL_MINUTES * 60_000),
    duplicates: new DuplicateFilter(),
    limiter: new SlidingWindowLimiter(config.BOT_RATE_LIMIT_PER_MINUTE),
    queues: new ChatQueues(),
    secrets,
    apiRoot: (config.TELEGRAM_API_ROOT ?? DEFAULT_API_ROOT).replace(/\/+$/, ""),
  };
  const bot = createBot(botDeps);
  const redact = (err: unknown) => redactSecrets(err instanceof Error ? err.message : String(err), secrets);
  const allowedUpdates = ["message", "edited_message", "callback_query", ...(config.BOT_INLINE_ENABLED ? (["inline_query"] as const) : [])] as const;
  const setCommands = async () => {
    const failures = await setUpProfile(bot.api, { documents: deps.service.documents(), example: deps.service.exampleQuestions()[0], config });
    for (const f of failures) logger.warn({ step: f.step, reason: redact(f.error) }, "could not set the bot's profile");
    logger.info({ failed: failures.length }, "bot profile and command menus set");
  };

  if (config.WEBHOOK_URL && config.WEBHOOK_SECRET) {
    const url = new URL(config.WEBHOOK_URL);
    const port = webhookPort(config);
    const server: Server = await serveWebhook(bot, { host: config.HOST, port, path: url.pathname, secretToken: config.WEBHOOK_SECRET, logger });
    void (async () => {
      try {
        await bot.init();
        await bot.api.setWebhook(config.WEBHOOK_URL!, { secret_token: config.WEBHOOK_SECRET, allowed_updates: [...allowedUpdates] });
        await setCommands();
        logger.info({ username: bot.botInfo.username, path: url.pathname, host: config.HOST, port }, "Telegram bot receiving updates by webhook");
      } catch (err) {
        logger.error({ reason: redact(err) }, "could not set the Telegram webhook");
      }
    })();
    return {
      stop: once(async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await botDeps.queues.drain();
        logger.info("Telegram bot stopped");
      }),
    };
  }

  const polling = bot
    .start({
      allowed_updates: [...allowedUpdates],
      onStart: (me) => {
        logger.info({ username: me.username }, "Telegram bot polling for updates");
        void setCommands();
      },
    })
    .catch((err: unknown) => logger.error({ reason: redact(err) }, "Telegram polling stopped with an error"));
  return {
    stop: once(async () => {
      if (bot.isRunning()) await bot.stop().catch((err: unknown) => logger.warn({ reason: redact(err) }, "could not confirm the last update"));
      await polling;
      await botDeps.queues.drain();
      logger.info("Telegram bot stopped");
    }),
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
