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
  // People instead of a shared token; feedback reasons; the units each answer cited (for the dashboard);
  // who published which document; curated answers proposed by staff.
  `
  ALTER TABLE queries ADD COLUMN feedback_reason TEXT;
  ALTER TABLE queries ADD COLUMN feedback_comment TEXT;
  ALTER TABLE queries ADD COLUMN cited_units TEXT NOT NULL DEFAULT '[]';
  CREATE INDEX queries_at ON queries(at);
  CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('cookie', 'bearer')),
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE publishes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    replaces INTEGER NOT NULL
  );
  CREATE INDEX publishes_file ON publishes(file);
  ALTER TABLE curated ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
  ALTER TABLE curated ADD COLUMN author TEXT;
  CREATE INDEX audit_at ON audit(at);
  `,
  // The console requires a sign-in: questions are logged under the person's username (before, every one
  // was "console", which names nobody), and feedback under whoever gave it.
  `
  ALTER TABLE queries ADD COLUMN feedback_by TEXT;
  UPDATE queries SET user_ref = NULL WHERE channel = 'web' AND user_ref = 'console';
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
