export { createLogger, redactSecrets, type Logger } from "./logger.js";
