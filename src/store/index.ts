export { openSqliteStore } from "./sqlite.js";
export { migrate, SCHEMA_VERSION } from "./migrations.js";
export type * from "./types.js";
