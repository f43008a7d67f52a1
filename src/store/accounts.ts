import type Database from "better-sqlite3";
import type { Account, AccountStore, Role } from "./types.js";

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

interface SessionRow {
  user_id: number;
  kind: "cookie" | "bearer";
  created_at: number;
  last_seen_at: number;
}

function toAccount(row: UserRow): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Accounts and sessions in the product's database (see {@link AccountStore}). */
export function accountStore(db: Database.Database): AccountStore {
  const now = () => new Date().toISOString();
  const countAll = db.prepare(`SELECT COUNT(*) AS n FROM users WHERE disabled = 0`);
  const countRole = db.prepare(`SELECT COUNT(*) AS n FROM users WHERE disabled = 0 AND role = ?`);
  const list = db.prepare(`SELECT * FROM users ORDER BY id`);
  const get = db.prepare(`SELECT * FROM users WHERE id = ?`);
  const byName = db.prepare(`SELECT * FROM users WHERE username = ?`);
  const insert = db.prepare(`INSERT INTO users (username, display_name, role, password_hash, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)`);
  const insertSession = db.prepare(`INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`);
  const getSession = db.prepare(`SELECT user_id, kind, created_at, last_seen_at FROM sessions WHERE token_hash = ?`);
  const touch = db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`);
  const removeOne = db.prepare(`DELETE FROM sessions WHERE token_hash = ?`);
  const removeOfUser = db.prepare(`DELETE FROM sessions WHERE user_id = ?`);

  return {
    count(role) {
      return (role ? (countRole.get(role) as { n: number }) : (countAll.get() as { n: number })).n;
    },
    list: () => (list.all() as UserRow[]).map(toAccount),
    get(id) {
      const row = get.get(id) as UserRow | undefined;
      return row ? toAccount(row) : undefined;
    },
    byUsername(username) {
      const row = byName.get(username) as UserRow | undefined;
      return row ? { ...toAccount(row), passwordHash: row.password_hash } : undefined;
    },
    create({ username, displayName, role, passwordHash }) {
      const at = now();
      const info = insert.run(username, displayName, role, passwordHash, at, at);
      return toAccount(get.get(Number(info.lastInsertRowid)) as UserRow);
    },
    update(id, change) {
      const sets: string[] = [];
      const params: (string | number)[] = [];
      if (change.displayName !== undefined) sets.push("display_name = ?"), params.push(change.displayName);
      if (change.role !== undefined) sets.push("role = ?"), params.push(change.role);
      if (change.disabled !== undefined) sets.push("disabled = ?"), params.push(change.disabled ? 1 : 0);
      if (change.passwordHash !== undefined) sets.push("password_hash = ?"), params.push(change.passwordHash);
      sets.push("updated_at = ?");
      params.push(now());
      const changed = db.prepare(`UPDATE users SET ${sets.join(", ")} WHERE id = ?`).run(...params, id).changes;
      return changed ? toAccount(get.get(id) as UserRow) : undefined;
    },
    createSession(tokenHash, userId, kind, at) {
      insertSession.run(tokenHash, userId, kind, at, at);
    },
    session(tokenHash) {
      const row = getSession.get(tokenHash) as SessionRow | undefined;
      return row ? { userId: row.user_id, kind: row.kind, createdAt: row.created_at, lastSeenAt: row.last_seen_at } : undefined;
    },
    touchSession(tokenHash, at) {
      touch.run(at, tokenHash);
    },
    removeSession(tokenHash) {
      removeOne.run(tokenHash);
    },
    removeSessionsOf(userId) {
      removeOfUser.run(userId);
    },
  };
}
