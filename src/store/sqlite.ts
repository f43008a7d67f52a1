import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { LOW_CONFIDENCE } from "../engine/confidence.js";
import type { Answer } from "../engine/answer-schema.js";
import { openConversationTurns } from "./conversations.js";
import { migrate } from "./migrations.js";
import type {
  AuditEntry,
  Channel,
  CuratedAnswer,
  QueryFilter,
  QueryLogEntry,
  Store,
  UsageStats,
} from "./types.js";


interface QueryRow {
  id: number;
  at: string;
  channel: Channel;
  question: string;
  status: Answer["status"];
  kind: Answer["kind"];
  source: Answer["source"];
  confidence: number;
  cited_ids: string;
  cited_titles: string;
  feedback: number | null;
}

interface CuratedRow {
  id: number;
  question: string;
  answer: string;
  record_id: string;
  updated_at: string;
}

function toQuery(row: QueryRow): QueryLogEntry {
  return {
    id: row.id,
    at: row.at,
    channel: row.channel,
    question: row.question,
    status: row.status,
    kind: row.kind,
    source: row.source,
    confidence: row.confidence,
    citedIds: JSON.parse(row.cited_ids) as string[],
    citedTitles: JSON.parse(row.cited_titles) as string[],
    feedback: row.feedback === 1 ? 1 : row.feedback === -1 ? -1 : null,
  };
}

function toCurated(row: CuratedRow): CuratedAnswer {
  return { id: row.id, question: row.question, answer: row.answer, recordId: row.record_id, updatedAt: row.updated_at };
}

/**
 * Opens (creating if needed) the product's SQLite database: query log,
 * feedback, curated answers and audit log. WAL mode, so the bot and the web
 * server in one process, or a CLI beside them, can read while one writes.
 * One connection as it is; `openSqliteStore` (./resilient.ts) adds the
 * handling of a full disk and of a file removed while running.
 */
export function openSqliteConnection(file: string): Omit<Store, "health"> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db);

  const now = () => new Date().toISOString();
  const insertQuery = db.prepare(
    `INSERT INTO queries (at, channel, user_ref, question, status, kind, source, confidence, cited_ids, cited_titles, feedback)
     VALUES (@at, @channel, @userRef, @question, @status, @kind, @source, @confidence, @citedIds, @citedTitles, NULL)`,
  );
  const updateFeedback = db.prepare(`UPDATE queries SET feedback = ? WHERE id = ?`);
  const countAll = db.prepare(
    `SELECT COUNT(*) AS questions,
            COALESCE(SUM(status = 'out_of_scope'), 0) AS outOfScope,
            COALESCE(SUM(feedback = 1), 0) AS helpful,
            COALESCE(SUM(feedback = -1), 0) AS unhelpful
     FROM queries`,
  );
  const topUnanswered = db.prepare(
    `SELECT question, COUNT(*) AS count FROM queries
     WHERE status = 'out_of_scope' OR confidence < ?
     GROUP BY question ORDER BY count DESC, MAX(id) DESC LIMIT ?`,
  );
  const listCurated = db.prepare(`SELECT * FROM curated ORDER BY id`);
  const getCurated = db.prepare(`SELECT * FROM curated WHERE id = ?`);
  const insertCurated = db.prepare(
    `INSERT INTO curated (question, answer, record_id, updated_at) VALUES (?, ?, ?, ?)`,
  );
  const updateCurated = db.prepare(
    `UPDATE curated SET question = ?, answer = ?, record_id = ?, updated_at = ? WHERE id = ?`,
  );
  const deleteCurated = db.prepare(`DELETE FROM curated WHERE id = ?`);
  const insertAudit = db.prepare(`INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)`);
  const selectAudit = db.prepare(`SELECT * FROM audit ORDER BY id DESC LIMIT ?`);
  // Only the WHERE clause varies with the filter (at most eight shapes): prepare each once.
  const filtered = new Map<string, Database.Statement>();

  return {
    logQuery({ channel, userRef, answer }) {
      const info = insertQuery.run({
        at: now(),
        channel,
        userRef: userRef ?? null,
        question: answer.question,
        status: answer.status,
        kind: answer.kind,
        source: answer.source,
        confidence: answer.confidence,
        citedIds: JSON.stringify(answer.citations.map((c) => c.id)),
        citedTitles: JSON.stringify(answer.citations.map((c) => c.title)),
      });
      return Number(info.lastInsertRowid);
    },

    setFeedback(queryId, helpful) {
      return updateFeedback.run(helpful ? 1 : -1, queryId).changes > 0;
    },

    queries(filter: QueryFilter = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.status) {
        where.push("status = ?");
        params.push(filter.status);
      }
      if (filter.maxConfidence !== undefined) {
        where.push("confidence < ?");
        params.push(filter.maxConfidence);
      }
      if (filter.feedback) where.push(filter.feedback === "down" ? "feedback = -1" : "feedback = 1");
      const limit = Math.max(1, Math.min(filter.limit ?? 100, 1000));
      const offset = Math.max(0, filter.offset ?? 0);
      const sql =
        `SELECT * FROM queries` +
        (where.length ? ` WHERE ${where.join(" AND ")}` : "") +
        ` ORDER BY id DESC LIMIT ? OFFSET ?`;
      let statement = filtered.get(sql);
      if (!statement) filtered.set(sql, (statement = db.prepare(sql)));
      return (statement.all(...params, limit, offset) as QueryRow[]).map(toQuery);
    },

    stats(): UsageStats {
      const totals = countAll.get() as Omit<UsageStats, "topUnanswered">;
      const top = topUnanswered.all(LOW_CONFIDENCE, 10) as { question: string; count: number }[];
      return { ...totals, topUnanswered: top };
    },

    listCurated() {
      return (listCurated.all() as CuratedRow[]).map(toCurated);
    },

    getCurated(id) {
      const row = getCurated.get(id) as CuratedRow | undefined;
      return row ? toCurated(row) : undefined;
    },

    createCurated({ question, answer, recordId }) {
      const info = insertCurated.run(question, answer, recordId, now());
      return toCurated(getCurated.get(Number(info.lastInsertRowid)) as CuratedRow);
    },

    updateCurated(id, { question, answer, recordId }) {
      if (updateCurated.run(question, answer, recordId, now(), id).changes === 0) return undefined;
      return toCurated(getCurated.get(id) as CuratedRow);
    },

    removeCurated(id) {
      return deleteCurated.run(id).changes > 0;
    },

    audit(actor, action, detail) {
      insertAudit.run(now(), actor, action, detail);
    },

    auditLog(limit = 200) {
      return selectAudit.all(Math.max(1, Math.min(limit, 5000))) as AuditEntry[];
    },

    conversations: openConversationTurns(db),

    close() {
      if (db.open) db.close();
    },
  };
}
