import type { Lexicon, SynonymGroup } from "../corpus/lexicon.js";
import { bigramKey, wordKey, type WeightedTerm } from "../index/lexical.js";
import { Tokenizer } from "../index/tokenizer.js";
import { askedSpecifics, asksOnlyForDetail, type Specific } from "./specifics.js";
import type { UnitDirectory } from "./unit-directory.js";

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
  /** Words that put it in the corpus's scope on their own: domain terms, record titles, whole words, unit names. */
  anchors: string[];
  /** Colloquial words the lexicon maps onto the outline's wording (贷款, 打官司, 人才): a topic, not proof of scope alone. */
  cues: string[];
  /** Cues that name a topic, not just the kind of detail asked for (在哪, 多少钱 are not topics). */
  topicCues: string[];
  /** How many of the lexicon's synonym groups the topic cues come from (贷款 and 银行 are one group, 牌子 and 抢注 two). */
  topicCueGroups: number;
  /** The lexicon's situation phrases the question holds (照抄, 琢磨出): an IP situation told in the enterprise's words. */
  situations: string[];
  /** Topics named that are not IP policy (天气, 个税, 门票 …). */
  offTopic: string[];
  /** Share of the question's content words that the corpus or the lexicon knows (0 when it has none). */
  coverage: number;
  /** The same share over the words that are not part of a unit's name (1 when nothing else is said). */
  coverageBesidesUnits: number;
  units: string[];
  asksWho: boolean;
  asksDuties: boolean;
  asksTarget: boolean;
  asksGeneral: boolean;
  /** Asks what a document itself is for or says (这个纲要是干什么的): answered from its opening. */
  asksPurpose: boolean;
  specifics: Specific[];
  /** Starts like a follow-up ("那…", "具体…"). */
  followUpCue: boolean;
}

const WHO =
  /(找谁|谁(来|去|在)?(负责|管|监管|查|处理|办|牵头|推动|抓|组织)|由谁|找哪|哪个部门|哪些部门|什么部门|哪个单位|哪些单位|什么单位|谁负责|谁来|谁管|归谁|向谁|哪家|哪个机构|主管部门|责任单位|牵头)/;
const DUTIES = /((负责|管|承担|涉及|牵头|参与)(了|些|着)?(哪些|什么|啥)|都管|职责|分工|做什么|干什么|干啥|(哪些|什么|啥)(工作|任务|事|措施|职能)|负责的|承担)/;
/** A question about targets: a goal, a year to reach, a share, or how many of something are to be built or reached (建几个站点, 新增几件). */
const TARGET =
  /(目标|指标|达到多少|要达到|到20\d\d|20\d\d年|多少件|多少项|占比|比重|愿景|前景|蓝图|什么样|啥样|(?:建|建设|建成|设|设立|新增|培育|打造|达到|认定)(?:了)?(?:几|多少)(?:个|家|件|所|批|处))/;
const GENERAL = /(原则|指导思想|总体要求|保障|考核|评估|组织领导|编制背景|为什么制定|为啥|纲要是什么|主要内容|有哪些措施|总体|哪几条)/;
/** A question about the document itself: what it is for, what it says, what it has to do with the asker (这个纲要是干什么的, 跟我们有什么关系). */
const DOCUMENT_PURPOSE =
  /(?:纲要|这个文件|这份文件|这个政策|这个规划|这个方案)[^，,。？?！!]{0,4}(?:是)?(?:干|做|弄|搞)(?:什么|啥)(?:的|用)|(?:纲要|这个文件|这份文件)[^。？?！!]{0,12}(?:什么|啥)(?:用|目的|意义|关系)|(?:纲要|这个文件|这份文件)(?:的)?(?:目的|意义|作用)|(?:纲要|这个文件|这份文件)[^。？?！!]{0,6}(?:根据|依据)(?:什么|啥|哪些)|(?:纲要|这个文件|这份文件)(?:主要)?(?:讲|说)(?:了|的)?(?:什么|啥)/;
const FOLLOW_UP = /^(那|那么|那这个|这个|这|它|该|其|具体|还有|另外|上面|刚才|前面|这项|那项|此)/;

export interface QuestionVocabulary {
  tokenizer: Tokenizer;
  units: UnitDirectory;
  /** The lexicon with every word normalised (`normalizeLexicon`), so that questions are matched without redoing it. */
  lexicon: Lexicon;
  /** Record titles and domain words that put a question in scope. */
  anchors: readonly string[];
  /** Short forms derived from the domain's terms (质融 → 质押融资, `abbreviationsOf`), read only where they stand apart. */
  abbreviations: readonly SynonymGroup[];
  /** Whether the corpus or the lexicon knows a word. */
  knows: (word: string) => boolean;
  /** Whether the corpus's text contains a word (the lexicon aside). */
  inCorpus: (word: string) => boolean;
}

const ORIGINAL_WORD = 1;
const EXPANDED_WORD = 0.6;
/** A colloquial word the corpus never uses (山寨, 多赔) is carried entirely by its translation, so that counts nearly in full. */
const TRANSLATED_WORD = 0.9;
const ORIGINAL_BIGRAM = 0.35;

/**
 * Whether a question holds a lexicon word: anywhere for Chinese, at the start of an English word
 * for Latin ones (patent meets patents; ai is not in tai'an, ip not in ship).
 */
function triggeredBy(text: string, word: string): boolean {
  // 「官司+拖」: every part somewhere in the message (官司拖了快两年, 这官司一拖再拖).
  if (word.includes("+")) return word.split("+").every((part) => part.length > 0 && triggeredBy(text, part));
  if (!/^[a-z0-9]/.test(word)) return text.includes(word);
  let at = text.indexOf(word);
  while (at >= 0) {
    if (at === 0 || !/[a-z0-9]/.test(text[at - 1]!)) return true;
    at = text.indexOf(word, at + 1);
  }
  return false;
}

/**
 * The lexicon's frame a message fills: something the enterprise made or owns (花纹, 配方) and what happened to it
 * or what it wants (被扒了, 想登记), both named. Each group triggered then counts as a synonym group of the
 * message, and the pair is a situation ("花纹+照搬"); a thing or a happening alone is neither.
 */
function frameIn(text: string, lexicon: Lexicon): { things: SynonymGroup[]; happenings: SynonymGroup[]; situations: string[] } {
  const triggered = (groups: readonly SynonymGroup[]) => groups.map((g) => ({ ...g, when: g.when.filter((w) => triggeredBy(text, w)) })).filter((g) => g.when.length > 0);
  const things = triggered(lexicon.frames.things);
  const happenings = triggered(lexicon.frames.happenings);
  if (things.length === 0 || happenings.length === 0) return { things: [], happenings: [], situations: [] };
  return { things, happenings, situations: [`${things[0]!.when[0]}+${happenings[0]!.when[0]}`] };
}

export function analyzeQuestion(question: string, vocabulary: QuestionVocabulary): QuestionAnalysis {
  const text = Tokenizer.normalize(question);
  const { tokenizer, lexicon, units } = vocabulary;
  const words = tokenizer.words(text);
  const expansions = new Map<string, number>();
  const cues = new Set<string>();
  let topicGroups = 0;
  const topicTriggers = new Set<string>();
  const synonyms = [...lexicon.synonyms, ...vocabulary.abbreviations.filter((g) => g.when.some((w) => text.includes(w) && tokenizer.standsApart(text, w)))];
  const frame = frameIn(text, lexicon);
  const searchGroup = (group: SynonymGroup) => {
    const triggers = group.when.filter((w) => triggeredBy(text, w));
    if (triggers.length === 0) return;
    const topical = triggers.filter((c) => !WHO.test(c) && !asksOnlyForDetail(c));
    if (topical.length > 0) topicGroups++;
    topical.forEach((c) => topicTriggers.add(c));
    triggers.forEach((w) => cues.add(w));
    const weight = triggers.every((w) => !vocabulary.inCorpus(w)) ? TRANSLATED_WORD : EXPANDED_WORD;
    for (const w of group.add) expansions.set(w, Math.max(expansions.get(w) ?? 0, weight));
  };
  synonyms.forEach(searchGroup);
  // The synonyms' phrases are the more exact telling: a frame's groups are searched only when none names a topic…
  // …but where the synonyms only name the thing (种子 → 植物新品种: which right), what happened to it (拿去卖) still
  // says which measure.
  const thingWords = new Set(frame.things.flatMap((g) => g.when));
  if (topicGroups === 0) [...frame.things, ...frame.happenings].forEach(searchGroup);
  else if ([...topicTriggers].some((t) => thingWords.has(t))) frame.happenings.forEach(searchGroup);
  const expandedWeights = new Map<string, number>();
  for (const [phrase, weight] of expansions) {
    for (const w of tokenizer.words(phrase)) if (!words.includes(w)) expandedWeights.set(w, Math.max(expandedWeights.get(w) ?? 0, weight));
  }
  const expandedWords = [...expandedWeights.keys()];

  const weights = new Map<string, number>();
  const add = (key: string, weight: number) => weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  for (const w of words) add(wordKey(w), ORIGINAL_WORD);
  for (const [w, weight] of expandedWeights) add(wordKey(w), weight);
  for (const b of tokenizer.bigrams(text)) add(bigramKey(b), ORIGINAL_BIGRAM);

  const mentionedUnits = units.mentionedIn(text);
  const anchors = vocabulary.anchors.filter((a) => text.includes(a));
  // A colloquial cue the segmenter splits apart (仿我们 → 仿/我们) still counts as a known word of the question.
  const unsplitCues = [...cues].filter((c) => !words.includes(c));
  const known = words.filter((w) => vocabulary.knows(w)).length + unsplitCues.length;
  const counted = words.length + unsplitCues.length;
  const unitSpellings = units.spellingsIn(text);
  const besidesUnits = words.filter((w) => !unitSpellings.some((s) => s.includes(w)));
  const asksPurpose = DOCUMENT_PURPOSE.test(text);
  return {
    text,
    words,
    expansions: expandedWords,
    terms: [...weights].map(([term, weight]) => ({ term, weight })),
    vectorText: [text, ...expansions.keys()].join(" "),
    anchors,
    cues: [...cues],
    topicCues: [...cues].filter((c) => !WHO.test(c) && !asksOnlyForDetail(c)),
    topicCueGroups: topicGroups,
    situations: [...lexicon.situations.filter((w) => triggeredBy(text, w)), ...frame.situations],
    offTopic: lexicon.outOfScope.filter((w) => text.includes(w)),
    coverage: counted > 0 ? known / counted : 0,
    coverageBesidesUnits: besidesUnits.length > 0 ? besidesUnits.filter((w) => vocabulary.knows(w)).length / besidesUnits.length : 1,
    units: mentionedUnits,
    asksWho: WHO.test(text),
    // "省农业农村厅牵头哪些工作" asks a unit's duties even though 牵头 also reads as "who".
    asksDuties: mentionedUnits.length > 0 && ((DUTIES.test(text) && !WHO.test(text)) || /(牵头|负责|承担)(了)?(哪些|什么|啥)/.test(text)),
    asksTarget: TARGET.test(text),
    asksGeneral: GENERAL.test(text) || asksPurpose,
    asksPurpose,
    specifics: askedSpecifics(text),
    followUpCue: FOLLOW_UP.test(text.trim()),
  };
}

/** The words that put a question in scope: the lexicon's domain terms and whole words, and the records' titles (unit names count separately). */
export function scopeAnchors(lexicon: Lexicon, titles: readonly string[]): string[] {
  const anchors = new Set<string>();
  for (const w of [...lexicon.domainTerms, ...lexicon.keepWhole, ...titles]) {
    const key = Tokenizer.normalize(w);
    if (key.length >= 2) anchors.add(key);
  }
  return [...anchors];
}

/** The lexicon's colloquial words that name a topic (抵押, 山寨, 卖专利), not only the detail or the unit asked (多少钱, 找谁). */
export function topicCueWords(lexicon: Lexicon): string[] {
  // A compound cue (官司+拖) names its topic only whole, so neither part counts alone.
  return lexicon.synonyms.flatMap((g) => g.when).filter((w) => !w.includes("+") && !WHO.test(w) && !asksOnlyForDetail(w));
}

/** Every word a (normalised) lexicon itself names, for telling known words from unknown ones. */
export function lexiconWords(lexicon: Lexicon): Set<string> {
  // A frame's words (程序, 名字, 申请) are everyday words: only a thing and a happening together say anything.
  return new Set([...lexicon.keepWhole, ...lexicon.domainTerms, ...lexicon.synonyms.flatMap((g) => [...g.when.flatMap((w) => w.split("+")), ...g.add])]);
}

/** The lexicon with width and case normalised as questions are (`Tokenizer.normalize`), done once per index. */
export function normalizeLexicon(lexicon: Lexicon): Lexicon {
  const all = (words: readonly string[]) => words.map(Tokenizer.normalize);
  const normalizeGroup = (g: SynonymGroup): SynonymGroup => ({ when: all(g.when), add: all(g.add) });
  return {
    ...lexicon,
    keepWhole: all(lexicon.keepWhole),
    synonyms: lexicon.synonyms.map(normalizeGroup),
    frames: { things: lexicon.frames.things.map(normalizeGroup), happenings: lexicon.frames.happenings.map(normalizeGroup) },
    domainTerms: all(lexicon.domainTerms),
    situations: all(lexicon.situations),
    stopwords: all(lexicon.stopwords),
    outOfScope: all(lexicon.outOfScope),
  };
}
