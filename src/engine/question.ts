import type { Lexicon } from "../corpus/lexicon.js";
import { bigramKey, wordKey, type WeightedTerm } from "../index/lexical.js";
import { Tokenizer } from "../index/tokenizer.js";
import type { UnitDirectory } from "./unit-directory.js";

/** Details a question asks for that a policy outline rarely gives. */
export type Specific = "amount" | "procedure" | "deadline" | "phone" | "address";

/** What a question is, as far as retrieval and composition need to know. */
export interface QuestionAnalysis {
  text: string;
  /** Content words of the question itself. */
  words: string[];
  /** Words added by the lexicon's synonyms. */
  expansions: string[];
  terms: WeightedTerm[];
  /** Text for the embedding model: the question and its expansions. */
  vectorText: string;
  /** Words that put it in the corpus's scope. */
  anchors: string[];
  units: string[];
  asksWho: boolean;
  asksDuties: boolean;
  asksTarget: boolean;
  asksGeneral: boolean;
  specifics: Specific[];
  /** Starts like a follow-up ("那…", "具体…"). */
  followUpCue: boolean;
}

const WHO = /(找谁|找哪|哪个部门|哪些部门|什么部门|哪个单位|哪些单位|什么单位|谁负责|谁来|谁管|归谁|向谁|哪家|哪个机构|主管部门|责任单位|牵头)/;
const DUTIES = /(负责(哪些|什么|啥)|管(哪些|什么|啥)|职责|分工|做什么|干什么|哪些工作|什么工作|哪些事|什么事|承担|负责的|有哪些任务|哪些措施)/;
const TARGET = /(目标|指标|达到多少|要达到|到20\d\d|20\d\d年|多少件|多少项|占比|比重)/;
const GENERAL = /(原则|指导思想|总体要求|保障|考核|评估|组织领导|编制背景|为什么制定|纲要是什么|主要内容|有哪些措施|总体)/;
const FOLLOW_UP = /^(那|那么|那这个|这个|这|它|该|其|具体|还有|另外|上面|刚才|前面|这项|那项|此)/;

const SPECIFICS: [Specific, RegExp][] = [
  ["amount", /(补贴|补助|资助|奖励|奖补|扶持资金|奖金|多少钱|金额|多少元|补贴多少|奖励多少|资助多少|补助多少|标准是多少|额度|补多少|给多少|奖多少|比例是|利率|费用|收费|多少万)/],
  ["procedure", /(怎么办理|如何办理|怎样办理|怎么申请|如何申请|怎样申请|申请流程|办理流程|流程|手续|材料|条件|具体怎么|怎么弄|怎么做|步骤|如何操作|怎么办)/],
  ["deadline", /(截止|什么时候|何时|期限|多久|几月|哪天)/],
  ["phone", /(电话|联系方式|热线|手机号|邮箱|怎么联系)/],
  ["address", /(地址|在哪|哪里|位置|怎么走|在什么地方)/],
];

export interface QuestionVocabulary {
  tokenizer: Tokenizer;
  lexicon: Lexicon;
  units: UnitDirectory;
  /** Record titles and domain words that put a question in scope. */
  anchors: readonly string[];
}

const ORIGINAL_WORD = 1;
const EXPANDED_WORD = 0.6;
const ORIGINAL_BIGRAM = 0.35;

export function analyzeQuestion(question: string, vocabulary: QuestionVocabulary): QuestionAnalysis {
  const text = Tokenizer.normalize(question);
  const { tokenizer, lexicon, units } = vocabulary;
  const words = tokenizer.words(text);
  const expansions = new Set<string>();
  for (const group of lexicon.synonyms) {
    if (group.when.some((w) => text.includes(Tokenizer.normalize(w)))) group.add.forEach((w) => expansions.add(Tokenizer.normalize(w)));
  }
  const expandedWords = [...expansions].flatMap((w) => tokenizer.words(w)).filter((w) => !words.includes(w));

  const weights = new Map<string, number>();
  const add = (key: string, weight: number) => weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  for (const w of words) add(wordKey(w), ORIGINAL_WORD);
  for (const w of expandedWords) add(wordKey(w), EXPANDED_WORD);
  for (const b of tokenizer.bigrams(text)) add(bigramKey(b), ORIGINAL_BIGRAM);

  const mentionedUnits = units.mentionedIn(text);
  const anchors = vocabulary.anchors.filter((a) => text.includes(a));
  return {
    text,
    words,
    expansions: expandedWords,
    terms: [...weights].map(([term, weight]) => ({ term, weight })),
    vectorText: [text, ...expansions].join(" "),
    anchors,
    units: mentionedUnits,
    asksWho: WHO.test(text),
    asksDuties: mentionedUnits.length > 0 && DUTIES.test(text) && !WHO.test(text),
    asksTarget: TARGET.test(text),
    asksGeneral: GENERAL.test(text),
    specifics: SPECIFICS.filter(([, re]) => re.test(text)).map(([s]) => s),
    followUpCue: FOLLOW_UP.test(text.trim()),
  };
}

/** The words that put a question in scope: the lexicon's domain terms and the records' titles (unit names count separately). */
export function scopeAnchors(lexicon: Lexicon, titles: readonly string[]): string[] {
  const anchors = new Set<string>();
  for (const w of [...lexicon.domainTerms, ...titles]) {
    const key = Tokenizer.normalize(w);
    if (key.length >= 2) anchors.add(key);
  }
  return [...anchors];
}
