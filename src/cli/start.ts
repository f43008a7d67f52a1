import type { PolicyService } from "../app/types.js";
import { startBot } from "../bot/index.js";
import { startWebServer } from "../web/index.js";
import { configOrExit, loggerFor, runMain, startService } from "./bootstrap.js";

/**
 * `npm start`: the service (building the index if there is none), the web
 * console unless WEB_ENABLED=false, and the Telegram bot when a token is set.
 * SIGINT/SIGTERM stop polling, let answers in flight finish, then close storage.
 */
runMain(async () => {
  const config = configOrExit();
  const logger = loggerFor(config);
  const service: PolicyService = await startService(config, logger);
  const health = service.health();
  logger.info({ index: health.indexVersion, documents: health.documents, measures: health.measures, units: health.units }, "index loaded");

  const stoppers: (() => Promise<void>)[] = [];
  if (config.WEB_ENABLED) {
    const web = await startWebServer({ service, config, logger });
    stoppers.push(web.stop);
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const bot = await startBot({ service, config, logger });
    stoppers.push(bot.stop);
  } else {
    logger.info("Telegram bot disabled: set TELEGRAM_BOT_TOKEN (from @BotFather) to enable it; see README “Telegram bot”.");
  }
  if (stoppers.length === 0) logger.warn("nothing to serve: WEB_ENABLED=false and no TELEGRAM_BOT_TOKEN");

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "shutting down");
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  // Bot first (stop taking updates, finish answers in flight), then the web server, then storage.
  for (const stopOne of stoppers.reverse()) await stopOne().catch((error: Error) => logger.error({ err: error }, "error while stopping"));
  await service.close();
  logger.info("stopped");
  return 0;
});
