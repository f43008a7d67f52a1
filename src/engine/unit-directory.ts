import type { UnitAliases } from "../corpus/lexicon.js";
import type { PolicyRecord, UnitEntry } from "../corpus/types.js";
import { Tokenizer } from "../index/tokenizer.js";

/**
 * The distinct responsible units of the corpus, each with the records it is
 * named in, and the aliases people use for them (中院, 市监局 …).
 */
export class UnitDirectory {
  private readonly entries = new Map<string, UnitEntry>();
  /** Every name or alias, longest first, for finding mentions in a question. */
  private readonly spellings: { spelling: string; unit: string }[] = [];

  constructor(records: readonly PolicyRecord[], aliases: UnitAliases) {
    for (const record of records) {
      for (const unit of record.units) {
        const entry = this.entries.get(unit) ?? { name: unit, recordIds: [] };
        if (!entry.recordIds.includes(record.id)) entry.recordIds.push(record.id);
        this.entries.set(unit, entry);
      }
    }
    const seen = new Set<string>();
    const add = (spelling: string, unit: string) => {
      const key = Tokenizer.normalize(spelling);
      if (!seen.has(key) && this.entries.has(unit)) {
        seen.add(key);
        this.spellings.push({ spelling: key, unit });
      }
    };
    for (const name of this.entries.keys()) add(name, name);
    for (const [unit, list] of Object.entries(aliases.aliases)) for (const alias of list) add(alias, unit);
    this.spellings.sort((a, b) => b.spelling.length - a.spelling.length);
  }

  list(): UnitEntry[] {
    return [...this.entries.values()];
  }

  /** The unit a name or alias stands for, ignoring width and surrounding spaces. */
  resolve(nameOrAlias: string): UnitEntry | undefined {
    const key = Tokenizer.normalize(nameOrAlias.trim());
    const exact = this.spellings.find((s) => s.spelling === key);
    if (exact) return this.entries.get(exact.unit);
    // "公安局的" or "中院呢": a single mention inside a short phrase.
    const mentions = this.mentionedIn(key);
    return mentions.length === 1 ? this.entries.get(mentions[0]!) : undefined;
  }

  /** Units named in a text, longest spelling first, without counting a name inside a longer one twice. */
  mentionedIn(text: string): string[] {
    let rest = Tokenizer.normalize(text);
    const found: string[] = [];
    for (const { spelling, unit } of this.spellings) {
      if (!rest.includes(spelling)) continue;
      rest = rest.split(spelling).join("\u0000");
      if (!found.includes(unit)) found.push(unit);
    }
    return found;
  }

  /** The names and aliases a text mentions, as spelled there (longest first). */
  spellingsIn(text: string): string[] {
    const key = Tokenizer.normalize(text);
    return this.spellings.filter((s) => key.includes(s.spelling)).map((s) => s.spelling);
  }

  /** Every spelling, for keeping names whole and for scope checks. */
  allSpellings(): string[] {
    return this.spellings.map((s) => s.spelling);
  }
}
