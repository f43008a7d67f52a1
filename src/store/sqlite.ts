import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Answer } from "../engine/answer-schema.js";
import { openConversationTurns } from "./conversations.js";
import { LOW_CONFIDENCE } from "../engine/confidence.js";
import { accountStore } from "./accounts.js";
import { migrate } from "./migrations.js";
import type { AuditEntry, AuditFilter, Channel, CuratedAnswer, Dashboard, FeedbackReason, Publication, QueryFilter, QueryLogEntry, Store, UsageStats } from "./types.js";

interface QueryRow {
  id: number;
  at: string;
  channel: Channel;
  user_ref: string | null;
  question: string;
  status: Answer["status"];
  kind: Answer["kind"];
  source: Answer["source"];
  confidence: number;
  cited_ids: string;
  cited_titles: string;
  feedback: number | null;
  feedback_reason: FeedbackReason | null;
  feedback_comment: string | null;
  feedback_by: string | null;
  cited_units: string;
}

interface CuratedRow {
  id: number;
  question: string;
  answer: string;
  record_id: string;
  updated_at: string;
  status: CuratedAnswer["status"];
  author: string | null;
}

function toQuery(row: QueryRow): QueryLogEntry {
  return {
    id: row.id,
    at: row.at,
    channel: row.channel,
    askedBy: row.channel === "web" ? row.user_ref : null,
    question: row.question,
    status: row.status,
    kind: row.kind,
    source: row.source,
    confidence: row.confidence,
    citedIds: JSON.parse(row.cited_ids) as string[],
    citedTitles: JSON.parse(row.cited_titles) as string[],
    feedback: row.feedback === 1 ? 1 : row.feedback === -1 ? -1 : null,
    feedbackReason: row.feedback_reason,
    feedbackComment: row.feedback_comment,
    feedbackBy: row.feedback_by,
    citedUnits: JSON.parse(row.cited_units) as string[],
  };
}

/** Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The WHERE clause and its parameters for a query-log filter. */
function queryWhere(filter: QueryFilter): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.id !== undefined) where.push("id = ?"), params.push(filter.id);
  if (filter.status) where.push("status = ?"), params.push(filter.status);
  if (filter.answeredOnly) where.push("status = 'answered'");
  if (filter.maxConfidence !== undefined) where.push("confidence < ?"), params.push(filter.maxConfidence);
  if (filter.feedback) where.push(filter.feedback === "down" ? "feedback = -1" : "feedback = 1");
  if (filter.text) where.push("question LIKE ? ESCAPE '\\'"), params.push(likePattern(filter.text));
  if (filter.from) where.push("at >= ?"), params.push(filter.from);
  if (filter.to) where.push("at < ?"), params.push(filter.to);
  return { sql: where.length ? ` WHERE ${where.join(" AND ")}` : "", params };
}

function toCurated(row: CuratedRow): CuratedAnswer {
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    recordId: row.record_id,
    updatedAt: row.updated_at,
    status: row.status,
    author: row.author,
  };
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
  const accounts = accountStore(db);

  const now = () => new Date().toISOString();
  const insertQuery = db.prepare(
    `INSERT INTO queries (at, channel, user_ref, question, status, kind, source, confidence, cited_ids, cited_titles, cited_units, feedback)
     VALUES (@at, @channel, @userRef, @question, @status, @kind, @source, @confidence, @citedIds, @citedTitles, @citedUnits, NULL)`,
  );
  const updateFeedback = db.prepare(`UPDATE queries SET feedback = ?, feedback_reason = ?, feedback_comment = ?, feedback_by = ? WHERE id = ?`);
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
  const listCurated = db.prepare(`SELECT * FROM curated WHERE status = ? ORDER BY id`);
  const getCurated = db.prepare(`SELECT * FROM curated WHERE id = ?`);
  const insertCurated = db.prepare(`INSERT INTO curated (question, answer, record_id, updated_at, status, author) VALUES (?, ?, ?, ?, ?, ?)`);
  const updateCurated = db.prepare(
    `UPDATE curated SET question = ?, answer = ?, record_id = ?, updated_at = ?, status = COALESCE(?, status), author = COALESCE(?, author) WHERE id = ?`,
  );
  const deleteCurated = db.prepare(`DELETE FROM curated WHERE id = ?`);
  const insertAudit = db.prepare(`INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)`);
  const insertPublication = db.prepare(`INSERT INTO publishes (file, at, actor, bytes, replaces) VALUES (@file, @at, @actor, @bytes, @replaces)`);
  const selectPublications = db.prepare(`SELECT file, at, actor, bytes, replaces FROM publishes ORDER BY id`);
  const perDay = db.prepare(
    `SELECT date(at, 'localtime') AS day, COUNT(*) AS questions,
            COALESCE(SUM(status = 'out_of_scope'), 0) AS refused,
            COALESCE(SUM(status = 'answered' AND confidence < @low), 0) AS lowConfidence
     FROM queries WHERE at >= @from AND at < @to GROUP BY day ORDER BY day`,
  );
  const downByReason = db.prepare(
    `SELECT COALESCE(feedback_reason, 'none') AS reason, COUNT(*) AS count FROM queries
     WHERE feedback = -1 AND at >= @from AND at < @to GROUP BY reason ORDER BY count DESC`,
  );
  const topUnits = db.prepare(
    `SELECT u.value AS unit, COUNT(*) AS count FROM queries, json_each(queries.cited_units) AS u
     WHERE queries.at >= @from AND queries.at < @to GROUP BY u.value ORDER BY count DESC, unit LIMIT 10`,
  );
  // Only the WHERE clause varies with the filter: prepare each shape once.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

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
        citedUnits: JSON.stringify([...new Set(answer.citations.flatMap((c) => c.units))]),
      });
      return Number(info.lastInsertRowid);
    },

    setFeedback(queryId, helpful, details = {}) {
      const reason = helpful ? null : (details.reason ?? null);
      const comment = helpful ? null : details.comment?.trim() || null;
      return updateFeedback.run(helpful ? 1 : -1, reason, comment, details.by ?? null, queryId).changes > 0;
    },

    queries(filter: QueryFilter = {}) {
      const { sql, params } = queryWhere(filter);
      const limit = Math.max(1, Math.min(filter.limit ?? 100, 100_000));
      const offset = Math.max(0, filter.offset ?? 0);
      const rows = prepared(`SELECT * FROM queries${sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...params, limit, offset) as QueryRow[];
      return rows.map(toQuery);
    },

    countQueries(filter: QueryFilter = {}) {
      const { sql, params } = queryWhere(filter);
      return (prepared(`SELECT COUNT(*) AS n FROM queries${sql}`).get(...params) as { n: number }).n;
    },

    dashboard({ from = "0000", to = "9999" }): Dashboard {
      const range = { from, to };
      return {
        days: perDay.all({ ...range, low: LOW_CONFIDENCE }) as Dashboard["days"],
        downByReason: downByReason.all(range) as Dashboard["downByReason"],
        topUnits: topUnits.all(range) as Dashboard["topUnits"],
      };
    },

    stats(): UsageStats {
      const totals = countAll.get() as Omit<UsageStats, "topUnanswered">;
      const top = topUnanswered.all(LOW_CONFIDENCE, 10) as { question: string; count: number }[];
      return { ...totals, topUnanswered: top };
    },

    listCurated() {
      return (listCurated.all("active") as CuratedRow[]).map(toCurated);
    },

    listProposals() {
      return (listCurated.all("proposed") as CuratedRow[]).map(toCurated);
    },

    getCurated(id) {
      const row = getCurated.get(id) as CuratedRow | undefined;
      return row ? toCurated(row) : undefined;
    },

    createCurated({ question, answer, recordId, author }, status = "active") {
      const info = insertCurated.run(question, answer, recordId, now(), status, author ?? null);
      return toCurated(getCurated.get(Number(info.lastInsertRowid)) as CuratedRow);
    },

    updateCurated(id, { question, answer, recordId, author }, status) {
      if (updateCurated.run(question, answer, recordId, now(), status ?? null, author ?? null, id).changes === 0) return undefined;
      return toCurated(getCurated.get(id) as CuratedRow);
    },

    removeCurated(id) {
      return deleteCurated.run(id).changes > 0;
    },

    audit(actor, action, detail) {
      insertAudit.run(now(), actor, action, detail);
    },

    auditLog(filter: number | AuditFilter = {}) {
      const f: AuditFilter = typeof filter === "number" ? { limit: filter } : filter;
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (f.actor) where.push("actor = ?"), params.push(f.actor);
      if (f.action) where.push("action = ?"), params.push(f.action);
      if (f.from) where.push("at >= ?"), params.push(f.from);
      if (f.to) where.push("at < ?"), params.push(f.to);
      const sql = `SELECT * FROM audit${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
      return prepared(sql).all(...params, Math.max(1, Math.min(f.limit ?? 200, 5000))) as AuditEntry[];
    },

    conversations: openConversationTurns(db),
    recordPublication(p: Publication) {
      insertPublication.run({ ...p, replaces: p.replaces ? 1 : 0 });
    },

    publications() {
      return (selectPublications.all() as (Omit<Publication, "replaces"> & { replaces: number })[]).map((p) => ({ ...p, replaces: p.replaces === 1 }));
    },

    accounts,

    close() {
      if (db.open) db.close();
    },
  };
}
