import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { LEXICON_FILE, UNIT_ALIASES_FILE } from "../corpus/lexicon.js";

/** A word of the lexicon: trimmed, not empty, short enough to be a word or a phrase. */
const Word = z.string().trim().min(1, "不能为空").max(40, "不能超过 40 个字");

function noDuplicates(words: string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w)) ctx.addIssue({ code: "custom", message: `“${w}”重复了` });
    seen.add(w);
  }
}

const Words = z.array(Word).min(1, "至少要有一个词").max(50, "一行最多 50 个词").superRefine(noDuplicates);

/** One synonym line: a question containing any word of `when` is also searched for `add`. */
export const SynonymGroupSchema = z.object({ when: Words, add: Words });
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;

export const SynonymsSchema = z
  .array(SynonymGroupSchema)
  .max(2000)
  .superRefine((groups, ctx) => {
    const seen = new Map<string, number>();
    groups.forEach((g, i) => {
      const key = JSON.stringify([[...g.when].sort(), [...g.add].sort()]);
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i], message: `与第 ${seen.get(key)! + 1} 行重复` });
      else seen.set(key, i);
    });
  });

/** Unit name as the documents write it → the names people use for it. */
export const AliasesSchema = z
  .record(z.string().trim().min(2, "单位名称至少 2 个字").max(40, "单位名称不能超过 40 个字"), z.array(Word).max(50).superRefine(noDuplicates))
  .superRefine((aliases, ctx) => {
    const owner = new Map<string, string>();
    for (const [unit, names] of Object.entries(aliases)) {
      for (const name of names) {
        const other = owner.get(name);
        if (other && other !== unit) ctx.addIssue({ code: "custom", path: [unit], message: `别名“${name}”同时属于“${other}”和“${unit}”` });
        else if (name !== unit && Object.hasOwn(aliases, name)) ctx.addIssue({ code: "custom", path: [unit], message: `别名“${name}”是另一个单位的名称` });
        owner.set(name, unit);
      }
    }
  });
export type Aliases = z.infer<typeof AliasesSchema>;

/** What the admin page edits: the lexicon's synonyms and the unit aliases. */
export interface EditableLexicon {
  synonyms: SynonymGroup[];
  aliases: Aliases;
}

async function readObject(file: string): Promise<Record<string, unknown>> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

/** Writes beside the target then renames over it, so a reader sees the old file or the new one, never half. */
async function writeAtomically(file: string, data: unknown): Promise<void> {
  const staged = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(staged, `${JSON.stringify(data, null, 2)}\n`, "utf8");
    await rename(staged, file);
  } finally {
    await rm(staged, { force: true });
  }
}

export async function readEditableLexicon(corpusDir: string): Promise<EditableLexicon> {
  const [lexicon, aliases] = await Promise.all([readObject(path.join(corpusDir, LEXICON_FILE)), readObject(path.join(corpusDir, UNIT_ALIASES_FILE))]);
  return {
    synonyms: (lexicon.synonyms as SynonymGroup[] | undefined) ?? [],
    aliases: (aliases.aliases as Aliases | undefined) ?? {},
  };
}

/** Replaces the synonyms of `lexicon.json`, keeping every other key (whole words, domain terms, notes) as it was. */
export async function writeSynonyms(corpusDir: string, synonyms: SynonymGroup[]): Promise<void> {
  const file = path.join(corpusDir, LEXICON_FILE);
  await writeAtomically(file, { ...(await readObject(file)), synonyms });
}

/** Replaces the aliases of `unit-aliases.json`, keeping its note. */
export async function writeAliases(corpusDir: string, aliases: Aliases): Promise<void> {
  const file = path.join(corpusDir, UNIT_ALIASES_FILE);
  await writeAtomically(file, { ...(await readObject(file)), aliases });
}

/** A short Chinese account of what changed, for the audit log. */
export function describeSynonymChange(before: readonly SynonymGroup[], after: readonly SynonymGroup[]): string {
  const line = (g: SynonymGroup) => `${g.when.join("、")} → ${g.add.join("、")}`;
  const old = new Set(before.map(line));
  const now = new Set(after.map(line));
  const added = [...now].filter((l) => !old.has(l));
  const removed = [...old].filter((l) => !now.has(l));
  const parts = [...added.map((l) => `新增 ${l}`), ...removed.map((l) => `删除 ${l}`)];
  return parts.length ? parts.slice(0, 10).join("；") + (parts.length > 10 ? ` 等 ${parts.length} 处` : "") : "无变化";
}

export function describeAliasChange(before: Aliases, after: Aliases): string {
  const parts: string[] = [];
  for (const unit of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = new Set(before[unit] ?? []);
    const now = new Set(after[unit] ?? []);
    const added = [...now].filter((n) => !old.has(n));
    const removed = [...old].filter((n) => !now.has(n));
    if (added.length) parts.push(`${unit} 新增 ${added.join("、")}`);
    if (removed.length) parts.push(`${unit} 删除 ${removed.join("、")}`);
  }
  return parts.length ? parts.slice(0, 10).join("；") + (parts.length > 10 ? ` 等 ${parts.length} 处` : "") : "无变化";
}
