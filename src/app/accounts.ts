import { z } from "zod";
import type { Account, AccountStore, Role } from "../store/types.js";
import { decoyHash, hashPassword, verifyPassword } from "./passwords.js";

/** A login name: letters, digits, `.`, `_`, `-`; compared without case. */
export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,32}$/, "2–32 letters, digits, . _ -");
/** Long enough to resist guessing, bounded so hashing stays cheap. */
export const PasswordSchema = z.string().min(10, "at least 10 characters").max(200);
export const DisplayNameSchema = z.string().trim().min(1).max(40);
export const RoleSchema = z.enum(["staff", "admin"]);

export const NewAccountSchema = z.object({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  role: RoleSchema,
  password: PasswordSchema,
});
export type NewAccount = z.infer<typeof NewAccountSchema>;

/** Why an account change was refused; the web edge maps each to Chinese. */
export type AccountProblem = "username_taken" | "not_found" | "last_admin";

export type AccountResult = { ok: true; account: Account } | { ok: false; problem: AccountProblem };

/**
 * Named staff and admin accounts: creating them, checking a login, resetting
 * a password, disabling. Never returns or logs a password or its hash.
 */
export class Accounts {
  constructor(private readonly store: AccountStore) {}

  list(): Account[] {
    return this.store.list();
  }

  get(id: number): Account | undefined {
    return this.store.get(id);
  }

  /** True while no enabled admin exists: the first one may then be created with `ADMIN_TOKEN`. */
  needsFirstAdmin(): boolean {
    return this.store.count("admin") === 0;
  }

  async create(input: NewAccount): Promise<AccountResult> {
    if (this.store.byUsername(input.username)) return { ok: false, problem: "username_taken" };
    const passwordHash = await hashPassword(input.password);
    // A second request for the same name may have won while hashing.
    if (this.store.byUsername(input.username)) return { ok: false, problem: "username_taken" };
    return { ok: true, account: this.store.create({ username: input.username, displayName: input.displayName, role: input.role, passwordHash }) };
  }

  /** The account if the password is right and it is enabled. Unknown names cost as much time as known ones. */
  async authenticate(username: string, password: string): Promise<Account | undefined> {
    const found = this.store.byUsername(username.trim());
    const matches = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !matches || found.disabled) return undefined;
    const { passwordHash: _hash, ...account } = found;
    return account;
  }

  /** Sets a new password and ends the person's sessions. */
  async resetPassword(id: number, password: string): Promise<AccountResult> {
    const passwordHash = await hashPassword(password);
    const account = this.store.update(id, { passwordHash });
    if (!account) return { ok: false, problem: "not_found" };
    this.store.removeSessionsOf(id);
    return { ok: true, account };
  }

  /** Changes the name shown, the role or whether the account may sign in; the last enabled admin stays one. */
  update(id: number, change: { displayName?: string; role?: Role; disabled?: boolean }): AccountResult {
    const current = this.store.get(id);
    if (!current) return { ok: false, problem: "not_found" };
    const losesAdmin = current.role === "admin" && !current.disabled && (change.disabled === true || change.role === "staff");
    if (losesAdmin && this.store.count("admin") <= 1) return { ok: false, problem: "last_admin" };
    const account = this.store.update(id, change);
    if (!account) return { ok: false, problem: "not_found" };
    if (change.disabled || (change.role && change.role !== current.role)) this.store.removeSessionsOf(id);
    return { ok: true, account };
  }
}
