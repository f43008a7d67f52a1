export { openSqliteStore } from "./resilient.js";
export { migrate, SCHEMA_VERSION } from "./migrations.js";
export type * from "./types.js";
