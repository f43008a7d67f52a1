import type Database from "better-sqlite3";
import type { AnswerContext } from "../engine/answer-schema.js";
import type { ConversationTurns } from "./types.js";

interface TurnRow {
  question: string;
  cited_ids: string;
  at: number;
}

/** Saves between prunes of expired turns: keeps the table small without a timer. */
const PRUNE_EVERY = 200;

/**
 * The previous turn of each conversation, in the `conversation_turns` table
 * (see migrations), so that follow-ups survive a restart. A turn is kept
 * under any number of keys (a chat, a message of the bot); reads ignore
 * turns older than the caller's limit, and expired rows are pruned now and
 * then on write.
 */
export function openConversationTurns(db: Database.Database): ConversationTurns {
  const upsert = db.prepare(
    `INSERT INTO conversation_turns (key, scope, question, cited_ids, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET scope = excluded.scope, question = excluded.question, cited_ids = excluded.cited_ids, at = excluded.at`,
  );
  const select = db.prepare(`SELECT question, cited_ids, at FROM conversation_turns WHERE key = ?`);
  const clearScope = db.prepare(`DELETE FROM conversation_turns WHERE scope = ?`);
  const prune = db.prepare(`DELETE FROM conversation_turns WHERE at < ?`);
  const saveAll = db.transaction((keys: readonly string[], scope: string, context: AnswerContext, at: number) => {
    for (const key of keys) upsert.run(key, scope, context.previousQuestion ?? "", JSON.stringify(context.previousCitationIds ?? []), at);
  });
  let saves = 0;

  return {
    save(keys, scope, context, maxAgeMs, now = Date.now()) {
      saveAll(keys, scope, context, now);
      if (++saves % PRUNE_EVERY === 1) prune.run(now - maxAgeMs);
    },
    get(key, maxAgeMs, now = Date.now()) {
      const row = select.get(key) as TurnRow | undefined;
      if (!row || now - row.at > maxAgeMs) return undefined;
      return { previousQuestion: row.question, previousCitationIds: JSON.parse(row.cited_ids) as string[] };
    },
    clear(scope) {
      return clearScope.run(scope).changes;
    },
  };
}
