import type Database from "better-sqlite3";

/**
 * The schema, one step per entry. Step `i` brings a database from
 * `user_version = i` to `i + 1`; never edit a released step, append a new one.
 */
const STEPS: readonly string[] = [
  `
  CREATE TABLE queries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    channel TEXT NOT NULL,
    user_ref TEXT,
    question TEXT NOT NULL,
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    cited_ids TEXT NOT NULL,
    cited_titles TEXT NOT NULL,
    feedback INTEGER
  );
  CREATE INDEX queries_status ON queries(status);
  CREATE INDEX queries_feedback ON queries(feedback);
  CREATE TABLE curated (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    record_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE conversation_turns (
    key TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    question TEXT NOT NULL,
    cited_ids TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX conversation_turns_scope ON conversation_turns(scope);
  CREATE INDEX conversation_turns_at ON conversation_turns(at);
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = STEPS.length;

/**
 * Brings the database up to {@link SCHEMA_VERSION}. Safe to call on every
 * open: steps already applied are skipped, each step runs in a transaction.
 */
export function migrate(db: Database.Database): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > STEPS.length) {
    throw new Error(`database schema version ${current} is newer than this program (${STEPS.length})`);
  }
  for (let version = current; version < STEPS.length; version++) {
    db.transaction(() => {
      db.exec(STEPS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return STEPS.length;
}
