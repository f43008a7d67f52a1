import { z } from "zod";

/** One line of a question set in the format of shared/eval/dev.jsonl. */
export const EvalItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  category: z.string().optional(),
  expect: z.object({
    titles: z.array(z.string()).optional(),
    units: z.array(z.string()).optional(),
    all_titles: z.array(z.string()).optional(),
    answer_contains: z.array(z.string()).optional(),
    out_of_scope: z.boolean().optional(),
    /** The first citation's document (its title or short name). */
    document: z.string().optional(),
    /** A message with several questions: each title among the first three citations. */
    titles_all_top3: z.array(z.string()).optional(),
    /** No number, phone number, address or date the corpus does not contain. */
    no_invent: z.boolean().optional(),
    /** Small talk: a short friendly reply, neither a refusal nor a cited measure. */
    greeting: z.boolean().optional(),
    /** A request for a person (人工客服): recognised as such, no measure cited. */
    human: z.boolean().optional(),
  }),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

export function parseDataset(text: string): EvalItem[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = EvalItemSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${n}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return parsed.data;
    });
}

/** One conversation of shared/eval/dialogues.jsonl: turns asked in order, each a follow-up of the ones before. */
export const DialogueSchema = z.object({
  id: z.string(),
  turns: z.array(z.object({ q: z.string(), titles: z.array(z.string()), units: z.array(z.string()).optional() })).min(1),
});
export type Dialogue = z.infer<typeof DialogueSchema>;

/** A question set or a conversation set, told apart by its first line. */
export function parseEvalFile(text: string): { kind: "questions"; items: EvalItem[] } | { kind: "dialogues"; dialogues: Dialogue[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length > 0 && "turns" in (JSON.parse(lines[0]!) as object)) {
    return {
      kind: "dialogues",
      dialogues: lines.map((l, i) => {
        const parsed = DialogueSchema.safeParse(JSON.parse(l));
        if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
        return parsed.data;
      }),
    };
  }
  return { kind: "questions", items: parseDataset(text) };
}

/** A conversation's turns as question items, ids `<dialogue>#<turn>`, for judging one at a time. */
export function turnItems(dialogue: Dialogue): EvalItem[] {
  return dialogue.turns.map((t, i) => ({ id: `${dialogue.id}#${i + 1}`, question: t.q, expect: { titles: t.titles, ...(t.units ? { units: t.units } : {}) } }));
}
