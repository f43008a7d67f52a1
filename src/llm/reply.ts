/**
 * Reading what the model wrote: the final JSON reply, and while it streams,
 * the part of the `answer` string that has arrived. We parse the text
 * ourselves instead of relying on tool calling, which many OpenAI-compatible
 * servers lack.
 */
import { z } from "zod";

/** The reply the prompt asks for (see prompts/system.md). */
export const ModelReplySchema = z.object({
  answer: z.string(),
  cited_ids: z.array(z.string()),
});
export type ModelReply = z.infer<typeof ModelReplySchema>;

export type ParsedReply = { ok: true; reply: ModelReply } | { ok: false; reason: string };

/** Drops reasoning blocks some models (Qwen3, DeepSeek-R1 via Ollama) put in the content. */
export function stripThinking(text: string): string {
  const closed = text.replace(/<think>[\s\S]*?<\/think>/g, "");
  const open = closed.indexOf("<think>");
  return open === -1 ? closed : closed.slice(0, open);
}

/** The JSON object inside a reply, tolerating ```json fences and text around it. */
function jsonObjectText(text: string): string | undefined {
  const body = stripThinking(text).replace(/```(?:json|JSON)?/g, "");
  const start = body.indexOf("{");
  const end = body.lastIndexOf("}");
  return start === -1 || end <= start ? undefined : body.slice(start, end + 1);
}

/** Parses the model's final text into `{ answer, cited_ids }`, or says why it cannot. */
export function parseModelReply(text: string): ParsedReply {
  const json = jsonObjectText(text);
  if (json === undefined) return { ok: false, reason: "no JSON object in the reply" };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: "the reply's JSON does not parse" };
  }
  const parsed = ModelReplySchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, reason: "the reply does not match {answer, cited_ids}: " + parsed.error.issues.map((i) => i.path.join(".") + " " + i.message).join("; ") };
  }
  return { ok: true, reply: parsed.data };
}

/** A JSON string literal's contents up to where the text stops, or up to its closing quote. */
function readPartialString(text: string, from: number): { value: string; complete: boolean } {
  let value = "";
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return { value, complete: true };
    if (c !== "\\") {
      value += c;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break; // an escape cut in half: wait for the rest
    if (next === "u") {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) break;
      value += String.fromCharCode(parseInt(hex, 16));
      i += 5;
      continue;
    }
    const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "\\": "\\", "/": "/" };
    value += escapes[next] ?? next;
    i += 1;
  }
  return { value, complete: false };
}

/**
 * What can be read from a reply that is still arriving: the `answer` text so
 * far, and `cited_ids` once its array is complete (the prompt asks for
 * `cited_ids` first, so the answer can be checked against them as it streams).
 */
export function readPartialReply(textSoFar: string): { answer?: string; citedIds?: string[] } {
  const text = stripThinking(textSoFar);
  const result: { answer?: string; citedIds?: string[] } = {};
  const answerKey = /"answer"\s*:\s*"/.exec(text);
  if (answerKey) result.answer = readPartialString(text, answerKey.index + answerKey[0].length).value;
  const ids = /"cited_ids"\s*:\s*(\[[^\]]*\])/.exec(text);
  if (ids) {
    try {
      const parsed = z.array(z.string()).safeParse(JSON.parse(ids[1]!));
      if (parsed.success) result.citedIds = parsed.data;
    } catch {
      // Not complete JSON yet; read again with the next chunk.
    }
  }
  return result;
}
