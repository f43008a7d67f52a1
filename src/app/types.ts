import type { DocumentMeta, PolicyRecord, OutlineNode, UnitEntry } from "../corpus/types.js";
import type { Answer, AnswerContext } from "../engine/answer-schema.js";
import type {
  AccountStore,
  AuditEntry,
  AuditFilter,
  Channel,
  ConversationTurns,
  CuratedAnswer,
  Dashboard,
  FeedbackDetails,
  Publication,
  QueryFilter,
  QueryLogEntry,
  StoreHealth,
  UsageStats,
} from "../store/types.js";

/** A document of the corpus as admins see it. */
export interface DocumentSummary {
  file: string;
  title: string;
  /** Level, region, issuer, status (draft / official / repealed), date and 文号. */
  meta: DocumentMeta;
  measures: number;
  sections: number;
  tables: number;
  units: number;
}

/** A document with what the admin page's table shows about it. */
export interface DocumentRow extends DocumentSummary {
  /** 征求意见稿, 正式 or 已废止, from the document's metadata. */
  status: DocumentMeta["status"];
  /** Date of issue as the document writes it, when known. */
  date?: string;
  /** 文号, when known. */
  number?: string;
  /** When the file in the corpus last changed (ISO). */
  modifiedAt: string;
  /** How many times it was published through the admin page (1 for a file that came with the corpus). */
  version: number;
  /** Who last published it, when it came through the admin page. */
  uploader?: string;
  bytes: number;
}

/** What the hit test shows: how a question is read and how every retrieved record scored. */
export interface HitTest {
  question: string;
  /** Content words of the question. */
  words: string[];
  /** Words added by synonyms, and the synonym lines that fired. */
  expansions: string[];
  synonyms: { when: string[]; add: string[] }[];
  /** Responsible units the question names (aliases resolved). */
  units: string[];
  /** Words that put it in scope. */
  anchors: string[];
  offTopic: string[];
  /** Share of the question's words the corpus or the lexicon knows. */
  coverage: number;
  /** What the question would get now. */
  answer: { status: Answer["status"]; kind: Answer["kind"]; confidence: number; firstCitation?: string };
  records: {
    id: string;
    title: string;
    path: string[];
    document: string;
    units: string[];
    /** Best cosine similarity of its chunks. */
    vector: number;
    /** Best BM25 score of its chunks. */
    lexical: number;
    /** The fused score after the structure's boosts, which orders the list. */
    score: number;
  }[];
}

/** A document's outline tree, for browsing. */
export interface DocumentOutline {
  documentId: string;
  file: string;
  title: string;
  meta: DocumentMeta;
  nodes: OutlineNode[];
}

/** What an uploaded document would add, shown before it is published. */
export interface DocumentPreview extends DocumentSummary {
  outline: OutlineNode[];
  records: PolicyRecord[];
  unitNames: string[];
  /** True when a document of this file name is already in the corpus (a new version). */
  replaces: boolean;
}

export interface IngestSummary {
  documents: number;
  measures: number;
  sections: number;
  tables: number;
  units: number;
  chunks: number;
  embedded: number;
  reused: number;
  seconds: number;
  indexVersion: string;
}

export type IngestProgress = { stage: "parse" | "embed" | "index" | "swap"; done: number; total: number; file?: string };

/** A failure the user caused or can fix: which file and why. Never thrown at adapters. */
export interface Failure {
  /** `unsafe_document`: past a parsing limit or not text at all; `message` is then Chinese and names the limit. */
  code: "bad_document" | "unsafe_document" | "unsupported_type" | "too_large" | "bad_name" | "not_found" | "index_failed";
  message: string;
  file?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export interface Health {
  indexVersion: string;
  builtAt: string;
  documents: number;
  records: number;
  measures: number;
  units: number;
  chunks: number;
  uptimeSeconds: number;
  /** True while a corpus change (publish, remove, reload) runs or waits. */
  reloading: boolean;
  /** The database: `ok: false` (with the reason and since when) while writes fail; answers go on, unlogged. */
  store: StoreHealth;
  /** Corpus changes running or queued; each is applied and indexed in turn. */
  pendingChanges: number;
  llm: "none" | "openai";
  embeddings: string;
}

export interface AskOptions {
  channel: Channel;
  context?: AnswerContext;
  /** Who asked (a chat id, "console"), for the query log; never a secret. */
  userRef?: string;
  /** With an LLM that streams: called with the text so far. */
  onPartialText?: (textSoFar: string) => void;
  /** False for a question not to write to the query log (the bot's inline queries, one per pause in typing). */
  log?: boolean;
}

/** A curated answer as staff write it: the question, the text, and the record it rests on. */
export interface CuratedInput {
  question: string;
  answer: string;
  recordId: string;
}

export interface AskResult {
  answer: Answer;
  /** The query-log row, for feedback; 0 when the question was not logged. */
  queryId: number;
}

/**
 * Everything the adapters (bot, web, CLI) may do. Built once by
 * `createPolicyService` and shared; it keeps the last good index serving
 * while a reload builds the next one.
 */
export interface PolicyService {
  ask(question: string, options: AskOptions): Promise<AskResult>;
  record(id: string): PolicyRecord | undefined;
  /** What a record's document is (level, status …), for showing a record on its own. */
  documentMeta(documentId: string): DocumentMeta;
  related(id: string, limit?: number): PolicyRecord[];
  outline(): DocumentOutline[];
  units(): UnitEntry[];
  /** Resolves an alias (中院, 市监局 …) to the unit and its records. */
  unit(nameOrAlias: string): { entry: UnitEntry; records: PolicyRecord[] } | undefined;
  documents(): DocumentRow[];
  /** The original file of a corpus document, for download; undefined when there is none of that name. */
  documentPath(file: string): string | undefined;
  /** How the question is read and which records retrieval ranks, with their scores. */
  hitTest(question: string): Promise<HitTest>;
  /** Example questions for /start, the console and refusals. */
  exampleQuestions(): readonly string[];
  health(): Health;
  /**
   * Rebuilds the index from the corpus folder. Reloads, publishes and removals
   * are queued and run one at a time, each with its own rebuild: a result
   * comes back only once its change is indexed.
   */
  reload(onProgress?: (p: IngestProgress) => void): Promise<Result<IngestSummary>>;
  previewDocument(fileName: string, bytes: Uint8Array): Promise<Result<DocumentPreview>>;
  /** Saves the file into the corpus (atomically) and re-indexes; the old index serves meanwhile. */
  publishDocument(fileName: string, bytes: Uint8Array, onProgress?: (p: IngestProgress) => void): Promise<Result<{ summary: IngestSummary; preview: DocumentPreview }>>;
  removeDocument(fileName: string): Promise<Result<IngestSummary>>;
  feedback(queryId: number, helpful: boolean, details?: FeedbackDetails): boolean;
  /** The query log, newest first, for the admin page. */
  queries(filter?: QueryFilter): QueryLogEntry[];
  /** How many entries `queries(filter)` would list without paging. */
  countQueries(filter?: QueryFilter): number;
  usageStats(): UsageStats;
  /** Questions per day, refusal and low-confidence counts, 👎 by reason, units most cited, over a period (ISO bounds). */
  dashboard(range: { from?: string; to?: string }): Dashboard;
  /** Answers staff wrote for frequent questions; one is used when a question is alike enough to its own. */
  listCurated(): CuratedAnswer[];
  /** Curated answers proposed by staff, waiting for an admin to adopt them. */
  listProposals(): CuratedAnswer[];
  getCurated(id: number): CuratedAnswer | undefined;
  /** `author` is the username of whoever wrote it; `status` defaults to `active` (a proposal is `proposed`). */
  createCurated(input: CuratedInput & { author?: string }, status?: CuratedAnswer["status"]): CuratedAnswer;
  updateCurated(id: number, input: CuratedInput & { author?: string }, status?: CuratedAnswer["status"]): CuratedAnswer | undefined;
  removeCurated(id: number): boolean;
  /** Records who did what (an admin action, a refused attempt); never a secret. */
  audit(actor: string, action: string, detail: string): void;
  auditLog(filter?: number | AuditFilter): AuditEntry[];
  /** Remembers who published a document through the admin page (for its version and uploader). */
  recordPublication(publication: Publication): void;
  /** Console accounts and their sessions (kept by the hash of their token). */
  readonly accounts: AccountStore;
  /** The bot's conversation turns (for follow-ups), kept with the query log. */
  readonly conversations: ConversationTurns;
  close(): Promise<void>;
}
