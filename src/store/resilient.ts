/**
 * The store as the service uses it: the SQLite connection, kept usable when
 * the disk misbehaves. A write that fails (disk full, read-only, file gone)
 * marks the store as failing until one succeeds, and is logged once, with
 * the reason and the path; the query log, the audit log and conversation
 * turns are then skipped rather than failing the answer or the admin action
 * that wrote them. A database file removed (or replaced) while running is
 * noticed before the next use and a new one is created in its place.
 */
import fs from "node:fs";
import type { Logger } from "../log/index.js";
import { openSqliteConnection } from "./sqlite.js";
import type { AccountStore, ConversationTurns, Store, StoreHealth } from "./types.js";

export interface StoreOptions {
  logger?: Logger;
}

/** The identity of the file on disk, to see it removed or replaced. */
function identityOf(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" ? `${code}: ${message}` : message;
}

/** Opens the product's database (see `openSqliteConnection`), resilient to faults as described above. */
export function openSqliteStore(file: string, options: StoreOptions = {}): Store {
  const { logger } = options;
  const inMemory = file === ":memory:";
  let connection = openSqliteConnection(file);
  let identity = inMemory ? undefined : identityOf(file);
  let fault: { reason: string; since: string } | undefined;

  /** The connection to use, reopened first when the file under it was removed or replaced. */
  const current = () => {
    if (inMemory) return connection;
    const now = identityOf(file);
    if (now !== undefined && now === identity) return connection;
    logger?.warn({ path: file }, "the database file was removed or replaced while running: creating a new one in its place");
    try {
      connection.close();
    } catch {
      // The old connection is gone with its file; nothing to keep.
    }
    connection = openSqliteConnection(file);
    identity = identityOf(file);
    return connection;
  };

  const failed = (error: unknown) => {
    if (fault) return;
    fault = { reason: describe(error), since: new Date().toISOString() };
    logger?.error({ path: file, reason: fault.reason }, "the database cannot be written: answers go on, unlogged, until it can");
  };
  const succeeded = () => {
    if (!fault) return;
    logger?.info({ path: file, since: fault.since }, "the database is written again");
    fault = undefined;
  };

  /** A write whose failure the caller must see (it returns what was written). */
  function write<T>(run: (store: Omit<Store, "health">) => T): T {
    try {
      const value = run(current());
      succeeded();
      return value;
    } catch (error) {
      failed(error);
      throw error;
    }
  }

  /** A write that may be lost without failing its caller: the fault is recorded instead. */
  function bestEffort<T>(run: (store: Omit<Store, "health">) => T, fallback: T): T {
    try {
      return write(run);
    } catch {
      return fallback;
    }
  }

  const conversations: ConversationTurns = {
    save: (...args) => bestEffort((s) => s.conversations.save(...args), undefined),
    get: (...args) => current().conversations.get(...args),
    clear: (...args) => bestEffort((s) => s.conversations.clear(...args), 0),
  };

  // Signing in must fail visibly when its session cannot be written; renewing a session may be lost.
  const accounts: AccountStore = {
    count: (role) => current().accounts.count(role),
    list: () => current().accounts.list(),
    get: (id) => current().accounts.get(id),
    byUsername: (username) => current().accounts.byUsername(username),
    create: (input) => write((s) => s.accounts.create(input)),
    update: (id, change) => write((s) => s.accounts.update(id, change)),
    createSession: (...args) => write((s) => s.accounts.createSession(...args)),
    session: (tokenHash) => current().accounts.session(tokenHash),
    touchSession: (...args) => bestEffort((s) => s.accounts.touchSession(...args), undefined),
    removeSession: (tokenHash) => write((s) => s.accounts.removeSession(tokenHash)),
    removeSessionsOf: (userId) => write((s) => s.accounts.removeSessionsOf(userId)),
  };

  return {
    logQuery: (entry) => write((s) => s.logQuery(entry)),
    setFeedback: (queryId, helpful, details) => bestEffort((s) => s.setFeedback(queryId, helpful, details), false),
    queries: (filter) => current().queries(filter),
    countQueries: (filter) => current().countQueries(filter),
    stats: () => current().stats(),
    dashboard: (range) => current().dashboard(range),
    listCurated: () => current().listCurated(),
    listProposals: () => current().listProposals(),
    getCurated: (id) => current().getCurated(id),
    createCurated: (input, status) => write((s) => s.createCurated(input, status)),
    updateCurated: (id, input, status) => write((s) => s.updateCurated(id, input, status)),
    removeCurated: (id) => write((s) => s.removeCurated(id)),
    audit: (actor, action, detail) => bestEffort((s) => s.audit(actor, action, detail), undefined),
    auditLog: (filter) => current().auditLog(filter),
    recordPublication: (publication) => bestEffort((s) => s.recordPublication(publication), undefined),
    publications: () => current().publications(),
    accounts,
    conversations,
    health: (): StoreHealth => (fault ? { ok: false, ...fault } : { ok: true }),
    close: () => connection.close(),
  };
}
