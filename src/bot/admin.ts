import type { Config } from "../config/index.js";

/** True when the Telegram user may run admin commands (/reload, /stats, document upload): listed in `ADMIN_USER_IDS`. */
export function isAdmin(userId: number | undefined, config: Pick<Config, "ADMIN_USER_IDS">): boolean {
  return userId !== undefined && config.ADMIN_USER_IDS.includes(userId);
}
