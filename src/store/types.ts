import type { Answer, AnswerContext } from "../engine/answer-schema.js";

export type Channel = "telegram" | "web" | "cli";

/** One question as the product answered it. */
export interface QueryLogEntry {
  id: number;
  /** ISO time. */
  at: string;
  channel: Channel;
  question: string;
  status: Answer["status"];
  kind: Answer["kind"];
  source: Answer["source"];
  confidence: number;
  citedIds: string[];
  citedTitles: string[];
  /** 1 helpful, -1 not helpful, null none given. */
  feedback: 1 | -1 | null;
}

export interface QueryFilter {
  status?: Answer["status"];
  /** Only answers whose confidence is below this. */
  maxConfidence?: number;
  feedback?: "down" | "up";
  limit?: number;
  offset?: number;
}

export interface UsageStats {
  questions: number;
  outOfScope: number;
  helpful: number;
  unhelpful: number;
  /** Most frequent questions that were refused or answered with low confidence. */
  topUnanswered: { question: string; count: number }[];
}

/** An answer written by staff for a question that comes up often, resting on one record. */
export interface CuratedAnswer {
  id: number;
  question: string;
  answer: string;
  /** The record whose citation and units accompany the curated text. */
  recordId: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
}

/**
 * The previous turn of each conversation (question and cited record ids),
 * stored so that a follow-up is understood after a restart. `scope` groups
 * the keys of one conversation (a chat) so that they are cleared together;
 * times are ms since the epoch.
 */
export interface ConversationTurns {
  /** Stores `context` under every key (a chat, the messages of an answer), replacing what they held. */
  save(keys: readonly string[], scope: string, context: AnswerContext, maxAgeMs: number, now?: number): void;
  /** The turn under `key`, unless it is older than `maxAgeMs`. */
  get(key: string, maxAgeMs: number, now?: number): AnswerContext | undefined;
  /** Forgets every turn of a scope; returns how many keys went. */
  clear(scope: string): number;
}

/** What the product records (SQLite behind it), shared by the bot and the web server. */
export interface Store {
  logQuery(entry: { channel: Channel; userRef?: string; answer: Answer }): number;
  setFeedback(queryId: number, helpful: boolean): boolean;
  queries(filter?: QueryFilter): QueryLogEntry[];
  stats(): UsageStats;
  listCurated(): CuratedAnswer[];
  getCurated(id: number): CuratedAnswer | undefined;
  createCurated(input: { question: string; answer: string; recordId: string }): CuratedAnswer;
  updateCurated(id: number, input: { question: string; answer: string; recordId: string }): CuratedAnswer | undefined;
  removeCurated(id: number): boolean;
  audit(actor: string, action: string, detail: string): void;
  auditLog(limit?: number): AuditEntry[];
  /** Previous turns of conversations, for follow-ups. */
  readonly conversations: ConversationTurns;
  /** Whether the last write succeeded; `/api/health` reports it. */
  health(): StoreHealth;
  close(): void;
}

/** The database as health checks see it: failing since the first failed write, until one succeeds. */
export type StoreHealth = { ok: true } | { ok: false; reason: string; since: string };
