import type { PolicyService } from "../app/types.js";
import type { Config } from "../config/index.js";
import type { Logger } from "../log/index.js";
import type { ChatQueues } from "./concurrency.js";
import type { BotConversations } from "./conversation.js";
import type { DuplicateFilter } from "./duplicates.js";
import type { SlidingWindowLimiter } from "./rate-limit.js";

/** What every command and handler of the bot may use; built once in `createBot`. */
export interface BotDeps {
  service: PolicyService;
  config: Config;
  logger: Logger;
  conversation: BotConversations;
  duplicates: DuplicateFilter;
  limiter: SlidingWindowLimiter;
  queues: ChatQueues;
  /** Values never to log or send (`secretsOf(config)`). */
  secrets: string[];
  /** Bot API root without a trailing slash, also used to download files. */
  apiRoot: string;
}
