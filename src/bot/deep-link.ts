import { hashOf } from "./callback-data.js";

/** Telegram's limit for a /start payload: 64 characters of A–Z a–z 0–9 _ -. */
const PAYLOAD_MAX = 64;
const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The /start payload that opens a record: `m` and the record id in base64url
 * when that fits, else `h` and a short hash of the id that
 * `recordIdOfPayload` finds again among the corpus's ids.
 */
export function startPayload(recordId: string): string {
  const direct = `m${Buffer.from(recordId, "utf8").toString("base64url")}`;
  return direct.length <= PAYLOAD_MAX ? direct : `h${hashOf(recordId)}`;
}

/** The record id a /start payload names, or undefined for a payload this bot did not write (or of a record gone). */
export function recordIdOfPayload(payload: string, allRecordIds: () => Iterable<string>): string | undefined {
  if (!PAYLOAD.test(payload)) return undefined;
  const body = payload.slice(1);
  if (payload.startsWith("m")) return Buffer.from(body, "base64url").toString("utf8") || undefined;
  if (payload.startsWith("h")) {
    for (const id of allRecordIds()) if (hashOf(id) === body) return id;
  }
  return undefined;
}

/** The link that opens the bot at a record: `https://t.me/<bot>?start=<payload>`. */
export function shareLink(botUsername: string, recordId: string): string {
  return `https://t.me/${botUsername}?start=${startPayload(recordId)}`;
}
