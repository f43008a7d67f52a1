export { loadConfig, secretsOf, ConfigError, type Config } from "./config.js";
