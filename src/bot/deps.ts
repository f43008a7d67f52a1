import type { PolicyService } from "../app/types.js";
import type { Config } from "../config/index.js";
import type { Logger } from "../log/index.js";
import type { ChatQueues } from "./concurrency.js";
import type { ConversationMemory } from "./conversation.js";
import type { SlidingWindowLimiter } from "./rate-limit.js";

/** What every command and handler of the bot may use; built once in `createBot`. */
export interface BotDeps {
  service: PolicyService;
  config: Config;
  logger: Logger;
  conversation: ConversationMemory;
  limiter: SlidingWindowLimiter;
  queues: ChatQueues;
  /** Values never to log or send (`secretsOf(config)`). */
  secrets: string[];
  /** Bot API root without a trailing slash, also used to download files. */
  apiRoot: string;
}
