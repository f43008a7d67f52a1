import type { Answer, AnswerContext } from "../engine/answer-schema.js";

export type Channel = "telegram" | "web" | "cli";

/** One question as the product answered it. */
export interface QueryLogEntry {
  id: number;
  /** ISO time. */
  at: string;
  channel: Channel;
  /** On the console: the username of the person signed in who asked; null elsewhere (and before sign-in was required). */
  askedBy: string | null;
  question: string;
  status: Answer["status"];
  kind: Answer["kind"];
  source: Answer["source"];
  confidence: number;
  citedIds: string[];
  citedTitles: string[];
  /** 1 helpful, -1 not helpful, null none given. */
  feedback: 1 | -1 | null;
  /** Why an answer did not help, when the asker said. */
  feedbackReason: FeedbackReason | null;
  feedbackComment: string | null;
  /** On the console: the username of the person who gave the feedback. */
  feedbackBy: string | null;
  /** The responsible units of the cited records, each once. */
  citedUnits: string[];
}

/** Why an answer did not help: 答非所问 / 单位不对 / 已过时 / 其他. */
export const FEEDBACK_REASONS = ["off_topic", "wrong_unit", "outdated", "other"] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

export interface FeedbackDetails {
  reason?: FeedbackReason;
  /** Free text, at most a few hundred characters (bounded at the edge). */
  comment?: string;
  /** Who gave it: the console's signed-in username. */
  by?: string;
}

export interface QueryFilter {
  /** One row by its id. */
  id?: number;
  status?: Answer["status"];
  /** Only answers whose confidence is below this. */
  maxConfidence?: number;
  /** Only answered questions (not refusals), e.g. with `maxConfidence` for "low confidence". */
  answeredOnly?: boolean;
  feedback?: "down" | "up";
  /** Questions containing this text. */
  text?: string;
  /** ISO times: `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** Figures for the admin dashboard over a period. */
export interface Dashboard {
  /** One row per day (local to the server, `YYYY-MM-DD`) that had questions. */
  days: { day: string; questions: number; refused: number; lowConfidence: number }[];
  /** Thumbs-down per reason; `none` when no reason was given. */
  downByReason: { reason: FeedbackReason | "none"; count: number }[];
  /** Units most often in the cited records. */
  topUnits: { unit: string; count: number }[];
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
  /** `proposed` by staff until an admin approves it; only `active` ones answer questions. */
  status: "active" | "proposed";
  /** Username of whoever wrote or last changed it, when known. */
  author: string | null;
}

export interface CuratedInput {
  question: string;
  answer: string;
  recordId: string;
  author?: string;
}

export type Role = "staff" | "admin";

/** A person who signs in to the console. Never carries the password hash outside the store. */
export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  /** ISO times: `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

/** One publication of a document through the admin page or the bot. */
export interface Publication {
  file: string;
  at: string;
  actor: string;
  bytes: number;
  /** Whether it replaced a file of the same name (a new version) rather than adding one. */
  replaces: boolean;
}

/** Accounts and their sessions. Sessions are kept by the SHA-256 of their token, never the token. */
export interface AccountStore {
  count(role?: Role): number;
  list(): Account[];
  get(id: number): Account | undefined;
  byUsername(username: string): (Account & { passwordHash: string }) | undefined;
  create(input: { username: string; displayName: string; role: Role; passwordHash: string }): Account;
  update(id: number, change: { displayName?: string; role?: Role; disabled?: boolean; passwordHash?: string }): Account | undefined;
  createSession(tokenHash: string, userId: number, kind: "cookie" | "bearer", at: number): void;
  session(tokenHash: string): { userId: number; kind: "cookie" | "bearer"; createdAt: number; lastSeenAt: number } | undefined;
  touchSession(tokenHash: string, at: number): void;
  removeSession(tokenHash: string): void;
  removeSessionsOf(userId: number): void;
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
  setFeedback(queryId: number, helpful: boolean, details?: FeedbackDetails): boolean;
  queries(filter?: QueryFilter): QueryLogEntry[];
  /** How many rows `queries(filter)` would return without limit and offset. */
  countQueries(filter?: QueryFilter): number;
  stats(): UsageStats;
  dashboard(range: { from?: string; to?: string }): Dashboard;
  /** Curated answers that answer questions (`status: "active"`). */
  listCurated(): CuratedAnswer[];
  /** Curated answers staff proposed, waiting for an admin. */
  listProposals(): CuratedAnswer[];
  getCurated(id: number): CuratedAnswer | undefined;
  createCurated(input: CuratedInput, status?: CuratedAnswer["status"]): CuratedAnswer;
  updateCurated(id: number, input: CuratedInput, status?: CuratedAnswer["status"]): CuratedAnswer | undefined;
  removeCurated(id: number): boolean;
  audit(actor: string, action: string, detail: string): void;
  auditLog(filter?: number | AuditFilter): AuditEntry[];
  recordPublication(p: Publication): void;
  publications(): Publication[];
  readonly accounts: AccountStore;
  /** Previous turns of conversations, for follow-ups. */
  readonly conversations: ConversationTurns;
  /** Whether the last write succeeded; `/api/health` reports it. */
  health(): StoreHealth;
  close(): void;
}

/** The database as health checks see it: failing since the first failed write, until one succeeds. */
export type StoreHealth = { ok: true } | { ok: false; reason: string; since: string };
