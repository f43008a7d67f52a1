/**
 * The prompt files admins edit (prompts/system.md, answer.md, rewrite.md):
 * loading, checking and filling them. Substitution is one pass over the
 * template with `{{name}}` placeholders, so text inside a value (a question
 * that contains `{{records}}`) is never expanded.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

export interface Prompts {
  /** The rules, sent as the system message exactly as written. */
  system: string;
  /** The user message for answering: `{{records}}`, `{{question}}`. */
  answer: string;
  /** The message that turns a follow-up into a standalone question: `{{previous_question}}`, `{{previous_records}}`, `{{question}}`. */
  rewrite: string;
}

/** Which variables each file must use and may use. */
const TEMPLATES: Record<keyof Prompts, { file: string; required: string[] }> = {
  system: { file: "system.md", required: [] },
  answer: { file: "answer.md", required: ["records", "question"] },
  rewrite: { file: "rewrite.md", required: ["previous_question", "previous_records", "question"] },
};

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

/** A prompt file that is missing or malformed: which file and why, for the start-up or /reload message. */
export class PromptError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = "PromptError";
  }
}

/** Admins' notes in `<!-- … -->` stay in the file and never reach the model. */
export function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, "").trim();
}

/** Reads and checks all prompt files; throws `PromptError` naming the first bad one. */
export async function loadPrompts(dir: string): Promise<Prompts> {
  const out: Partial<Prompts> = {};
  for (const [key, { file, required }] of Object.entries(TEMPLATES) as [keyof Prompts, (typeof TEMPLATES)[keyof Prompts]][]) {
    let text: string;
    try {
      text = stripComments(await readFile(path.join(dir, file), "utf8"));
    } catch (cause) {
      throw new PromptError(file, `cannot be read from ${dir}`, { cause });
    }
    if (!text) throw new PromptError(file, "is empty");
    const used = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
    const missing = required.filter((name) => !used.has(name));
    if (missing.length) throw new PromptError(file, `must contain ${missing.map((n) => `{{${n}}}`).join(", ")}`);
    const unknown = [...used].filter((name) => !required.includes(name));
    if (unknown.length)
      throw new PromptError(file, `uses unknown variables ${unknown.map((n) => `{{${n}}}`).join(", ")}; allowed: ${required.map((n) => `{{${n}}}`).join(", ") || "none"}`);
    out[key] = text;
  }
  return out as Prompts;
}

/** Fills `{{name}}` placeholders in one pass. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/**
 * A user's question made safe to place between the template's `<question>`
 * tags: angle brackets become full-width so it cannot close the tag.
 */
export function questionSlot(question: string): string {
  return question.replace(/</g, "＜").replace(/>/g, "＞").trim();
}
