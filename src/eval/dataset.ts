import { z } from "zod";

/** One line of a question set in the format of shared/eval/dev.jsonl. */
export const EvalItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  expect: z.object({
    titles: z.array(z.string()).optional(),
    units: z.array(z.string()).optional(),
    all_titles: z.array(z.string()).optional(),
    answer_contains: z.array(z.string()).optional(),
    out_of_scope: z.boolean().optional(),
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
