import { createHash } from "node:crypto";

/** Telegram's limit for an inline button's callback data, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/**
 * What an inline button asks for. Encoded compactly into callback data
 * (≤ 64 bytes): records by id when it fits, else by a short hash of the id
 * that `resolveRecordRef` finds again; feedback by the query-log id.
 */
export type ButtonAction =
  | { kind: "source"; ref: string }
  | { kind: "related"; ref: string }
  | { kind: "feedback"; queryId: number; helpful: boolean }
  | { kind: "example"; index: number }
  /** A question carried in the button itself (a refusal's example that is not one of the service's). */
  | { kind: "ask"; question: string }
  /** A suggested follow-up (FOLLOW_UPS) of the answer the button is under. */
  | { kind: "followup"; index: number }
  /** One of the measures a question back offers, by its place among them; the question itself is in the conversation store. */
  | { kind: "choice"; index: number }
  | { kind: "outline"; document?: number; node: number[] };

export function encodeAction(action: ButtonAction): string {
  let data: string;
  switch (action.kind) {
    case "source":
      data = `s|${action.ref}`;
      break;
    case "related":
      data = `r|${action.ref}`;
      break;
    case "feedback":
      data = `f|${action.queryId}|${action.helpful ? 1 : 0}`;
      break;
    case "example":
      data = `q|${action.index}`;
      break;
    case "followup":
      data = `u|${action.index}`;
      break;
    case "choice":
      data = `c|${action.index}`;
      break;
    case "ask":
      data = `a|${action.question}`;
      break;
    case "outline":
      data = action.document === undefined ? "o|" : `o|${action.document}|${action.node.join(".")}`;
      break;
  }
  if (Buffer.byteLength(data, "utf8") > CALLBACK_DATA_MAX_BYTES) {
    throw new Error(`callback data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${data}`);
  }
  return data;
}

/** Parses callback data back into an action; undefined for data this bot did not write. */
export function decodeAction(data: string): ButtonAction | undefined {
  const [kind, a = "", b = ""] = splitOnce(data);
  switch (kind) {
    case "s":
      return a ? { kind: "source", ref: a } : undefined;
    case "r":
      return a ? { kind: "related", ref: a } : undefined;
    case "f": {
      const queryId = Number(a);
      return Number.isSafeInteger(queryId) && (b === "0" || b === "1") ? { kind: "feedback", queryId, helpful: b === "1" } : undefined;
    }
    case "q": {
      const index = Number(a);
      return Number.isSafeInteger(index) && index >= 0 ? { kind: "example", index } : undefined;
    }
    case "a": {
      const question = data.slice(2).trim();
      return question ? { kind: "ask", question } : undefined;
    }
    case "u":
    case "c": {
      const index = Number(a);
      if (!a || !Number.isSafeInteger(index) || index < 0) return undefined;
      return kind === "u" ? { kind: "followup", index } : { kind: "choice", index };
    }
    case "o": {
      if (!a) return { kind: "outline", node: [] };
      const document = Number(a);
      const node = b ? b.split(".").map(Number) : [];
      if (!Number.isSafeInteger(document) || node.some((n) => !Number.isSafeInteger(n) || n < 0)) return undefined;
      return { kind: "outline", document, node };
    }
    default:
      return undefined;
  }
}

/** Record ids are used as-is when short enough, else replaced by `~` and a hash. */
const MAX_DIRECT_REF_BYTES = CALLBACK_DATA_MAX_BYTES - 2;

/** A compact reference to a record for callback data. */
export function recordRef(recordId: string): string {
  if (Buffer.byteLength(recordId, "utf8") <= MAX_DIRECT_REF_BYTES && !recordId.startsWith("~") && !recordId.includes("|")) {
    return recordId;
  }
  return `~${hashOf(recordId)}`;
}

/** Finds the record id behind a reference among the ids the corpus has now. */
export function resolveRecordRef(ref: string, allRecordIds: () => Iterable<string>): string | undefined {
  if (!ref.startsWith("~")) return ref;
  const hash = ref.slice(1);
  for (const id of allRecordIds()) if (hashOf(id) === hash) return id;
  return undefined;
}

/** A short hash of a record id, for references that must stay within Telegram's limits. */
export function hashOf(id: string): string {
  return createHash("sha256").update(id).digest("base64url").slice(0, 16);
}

function splitOnce(data: string): string[] {
  const first = data.indexOf("|");
  if (first < 0) return [data];
  const rest = data.slice(first + 1);
  const second = rest.indexOf("|");
  return second < 0 ? [data.slice(0, first), rest] : [data.slice(0, first), rest.slice(0, second), rest.slice(second + 1)];
}
