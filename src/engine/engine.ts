import type { DocumentMeta, OutlineNode, PolicyDocument, PolicyRecord, UnitEntry } from "../corpus/types.js";
import type { LoadedIndex } from "../index/load.js";
import type { Answer, AnswerContext, Citation, QuestionKind } from "./answer-schema.js";
import { documentAskedAbout, documentWhosePurposeIsAsked, openingOf } from "./document-facts.js";
import {
  citationFor,
  composeAnswer,
  composeDocumentFacts,
  composeClarify,
  composeMulti,
  composeOutOfScope,
  composeSmallTalk,
  composeUnitDuties,
  composeWhichPolicy,
  joinQuote,
  relevantSentences,
  type DocumentLookup,
} from "./compose.js";
import { analyzeQuestion, lexiconWords, normalizeLexicon, scopeAnchors, topicCueWords, type QuestionAnalysis, type QuestionVocabulary } from "./question.js";
import { KNOWN_SHARE, scopeOf } from "./scope.js";
import { questionSimilarity } from "./similarity.js";
import { retrieve, type RankedRecord, type RetrievalMode } from "./retrieve.js";
import { UnitDirectory } from "./unit-directory.js";
import { checkQuestion, normalizeQuestion } from "./question-check.js";
import { distinctiveTitleWords, documentsNamed, documentsTitled, genreWeight } from "./genre.js";
import { type HomeJurisdiction, isHome, levelAsked, levelsAbove, levelWeight } from "./jurisdiction.js";
import { examplesFrom } from "./examples.js";
import { bestWithinDocument, documentTermsOf, type DocumentTerms } from "./within-document.js";
import { homeFirst, planFirst } from "./precedence.js";
import { atPlaceBefore, coveredByEllipsis, organisingRecordFor, pointsAwayFrom, refersToSituation } from "./follow-up.js";
import { PairQuestions } from "./pairs.js";
import { detailsGiven, detailsReallyAsked, headingNamesDetailAsked, rankedSpecifics, specificsWeight } from "./specifics.js";
import { type PreparedMessage, prepareMessage } from "./understand/prepare.js";
import { abbreviationsOf } from "./understand/abbreviations.js";
import { smallTalkReply } from "./understand/small-talk.js";
import { isStory, type QuestionPart, splitQuestions, topicFinder } from "./understand/split.js";
import type { Vocabulary } from "./understand/typos.js";
import { wordKey } from "../index/lexical.js";
import { Tokenizer } from "../index/tokenizer.js";

export interface EngineOptions {
  maxQuestionChars: number;
  /** The deployment's city and province (default 泰安市, 山东省). */
  home?: HomeJurisdiction;
  /** Example questions offered with a refusal and on /start. */
  examples?: readonly string[];
}

/** An answer with what it rests on, for the LLM composer and for evaluation. */
export interface Explained {
  answer: Answer;
  /** Records retrieved for the question, most relevant first (empty when refused). */
  candidates: PolicyRecord[];
  analysis?: QuestionAnalysis;
}

/**
 * A part that names no topic of its own ("纲要里让它干啥") asks more about the part before it: they are one
 * question; unless it points back at a situation of its own (…听说版权也能质押融资，这个怎么弄？).
 */
function mergeTopicless(parts: QuestionPart[], topicsOf: (text: string) => string[]): QuestionPart[] {
  const merged: QuestionPart[] = [];
  for (const part of parts) {
    const previous = merged.at(-1);
    if (previous && topicsOf(part.question).length === 0 && part.ask === part.question) {
      const question = `${previous.question}，${part.question}`;
      merged[merged.length - 1] = { question, context: previous.context, ask: previous.ask === previous.question ? question : `${previous.ask}，${part.question}` };
    } else merged.push(part);
  }
  return merged;
}

/** At most this many questions of one message are answered; a longer list is answered on its first ones. */
const MAX_PARTS = 4;
const DEFAULT_HOME: HomeJurisdiction = { city: "泰安市", province: "山东省" };
/** A higher-level measure is shown as 上级政策 when it scores at least this share of the home measure answering. */
const HIGHER_SHARE = 0.7;

/** Related measures are shown when they score at least this share of the best one. */
const RELATED_SHARE = 0.8;
/** …and at least this share of its word-match score, so a related measure shares the question's words, not just its style. */
const RELATED_LEXICAL_SHARE = 0.6;
const MAX_RELATED = 2;
/** A question back instead of an answer when the next measure scores at least this share of the best one… */
const CLARIFY_SHARE = 0.93;
/** …and the best one covers the question this poorly (see `confidenceOf`). */
const CLARIFY_CONFIDENCE = 0.6;
const MAX_CHOICES = 3;
/** A reply that picks one of the measures listed before: 1, 第二个, 选3. */
const PICK = /^(?:选|就|要)?第?([1-3一二三])(?:个|项|条|号)?(?:吧|的|那个)?$/;

/** A message asking a detail (需要什么材料, 找哪个部门办) with no topic is a bare follow-up up to this length. */
const BARE_DETAIL_CHARS = 12;
/** A word in at most this many passages (or this share of them) is rare enough to point to a measure of its own. */
const RARE_PASSAGES = 3;
const RARE_SHARE = 0.02;
/** A follow-up up to this length whose topic is only a colloquial cue is searched with the question before it. */
const SHORT_FOLLOW_UP_CHARS = 12;
/** Weight of the previous question's words when a follow-up brings its own topic. */
const PREVIOUS_TURN_BOOST = 0.03;

/**
 * The answering engine: question in, cited answer out. Knows nothing of
 * Telegram or HTTP; every adapter calls `answer`.
 */
export class PolicyEngine {
  readonly units: UnitDirectory;
  private readonly records: Map<string, PolicyRecord>;
  private readonly vocabulary: QuestionVocabulary;
  private readonly examples: readonly string[];
  private readonly metas: Map<string, DocumentMeta>;
  private readonly home: HomeJurisdiction;
  private readonly topicsOf: (text: string) => string[];
  /** The lexicon's stopwords (纲要, 政策, 企业): question words that name no topic. */
  private readonly stopwords: ReadonlySet<string>;
  /** Topics with the lexicon's colloquial words for them (抵押, 实用新型 … 贷点款): whether a part asks anything of its own. */
  private readonly topicsOrCuesOf: (text: string) => string[];
  private readonly typoVocabulary: Vocabulary;
  private readonly regions: { region: string; level: DocumentMeta["level"] }[];
  private readonly titleWords: Map<string, string[]>;
  private readonly documentTerms: DocumentTerms;
  private readonly pairQuestions: PairQuestions;
  /** Document metadata by id, for citations. */
  readonly lookup: DocumentLookup;

  constructor(
    readonly index: LoadedIndex,
    private readonly options: EngineOptions,
  ) {
    this.records = new Map(index.records.map((r) => [r.id, r]));
    this.metas = new Map(index.documents.map((d) => [d.id, d.meta]));
    this.lookup = { meta: (id) => this.metas.get(id) ?? UNKNOWN_META };
    this.units = new UnitDirectory(index.records, index.aliases);
    const lexicon = normalizeLexicon(index.lexicon);
    const titleWords = distinctiveTitleWords(index.documents, (text) => index.tokenizer.words(Tokenizer.normalize(text)));
    const lexiconVocabulary = lexiconWords(lexicon);
    const abbreviations = abbreviationsOf(
      [...lexicon.keepWhole, ...lexicon.domainTerms],
      index.tokenizer,
      (w) => lexiconVocabulary.has(w) || index.records.some((r) => r.text.includes(w)),
    );
    const abbreviationWords = new Set(abbreviations.flatMap((g) => g.when));
    this.vocabulary = {
      tokenizer: index.tokenizer,
      lexicon,
      abbreviations,
      units: this.units,
      // What sets each document's title apart (资助, 人民调解, 风险补偿) is in scope as much as its records' titles.
      anchors: scopeAnchors(lexicon, [...index.records.map((r) => r.title), ...topicWordsOfTitles(titleWords, index.documents)]),
      knows: (word) => lexiconVocabulary.has(word) || abbreviationWords.has(word) || index.lexical.documentFrequency(wordKey(word)) > 0,
      inCorpus: (word) => index.lexical.documentFrequency(wordKey(word)) > 0,
    };
    // Stopwords (纲要, 政策) name no topic: a part holding only them asks more about the part before.
    const stop = new Set(lexicon.stopwords);
    this.stopwords = stop;
    const topicWords = [...this.vocabulary.anchors, ...this.units.allSpellings()].filter((w) => !stop.has(w));
    this.topicsOf = topicFinder(topicWords);
    this.topicsOrCuesOf = topicFinder([...topicWords, ...topicCueWords(lexicon)].filter((w) => !stop.has(w)));
    const corpusWords = index.lexical.words().filter((w) => w.word.length >= 2);
    const frequency = new Map(corpusWords.map((w) => [w.word, w.entries]));
    this.typoVocabulary = {
      knows: this.vocabulary.knows,
      words: [...new Set([...frequency.keys(), ...lexiconVocabulary])],
      frequency: (word) => frequency.get(word) ?? 1,
    };
    this.home = options.home ?? DEFAULT_HOME;
    this.titleWords = titleWords;
    this.regions = index.documents.flatMap((d) => (d.meta.region ? [{ region: d.meta.region, level: d.meta.level }] : []));
    this.documentTerms = documentTermsOf(index, this.titleWords);
    this.pairQuestions = new PairQuestions(
      index.records,
      (text) => analyzeQuestion(text, this.vocabulary),
      (term) => this.idf(term),
    );
    this.examples = options.examples ?? examplesFrom(index.lexicon.examples ?? [], index.records, this.lookup);
  }

  async answer(question: string, context?: AnswerContext, mode: RetrievalMode = "hybrid"): Promise<Answer> {
    return (await this.explain(question, context, mode)).answer;
  }

  async explain(rawQuestion: string, context?: AnswerContext, mode: RetrievalMode = "hybrid"): Promise<Explained> {
    const question = normalizeQuestion(rawQuestion);
    const invalid = this.rejectInvalid(rawQuestion, question);
    if (invalid) return { answer: invalid, candidates: [] };
    const picked = this.picked(question, context);
    if (picked) return this.answerPicked(picked.question, picked.record, mode);

    // 「有没有真人工作人员？想跟人好好聊聊」 asks for a person as a whole, however many sentences it takes.
    const whole = this.prepare(question);
    // Several questions in one message: each answered on its own, with its own measure and units, in order.
    const split = whole.smallTalk ? [] : mergeTopicless(splitQuestions(question, { topicsOf: this.topicsOf }), this.topicsOrCuesOf);
    if (split.length > 1) {
      const explained: Explained[] = [];
      for (const part of split.slice(0, MAX_PARTS)) {
        let one = await this.understand(part.ask, undefined, mode);
        // A question that points back at the story ("这种情况找谁") is asked again with the story told around it.
        if (one.answer.status !== "answered" && part.context && part.ask !== `${part.context}${part.question}`) {
          one = await this.understand(`${part.context}${part.question}`, undefined, mode);
        }
        explained.push({ ...one, answer: { ...one.answer, question: part.question } });
      }
      return {
        answer: composeMulti(
          question,
          explained.map((e) => e.answer),
        ),
        candidates: explained.flatMap((e) => e.candidates),
        analysis: explained[0]?.analysis,
      };
    }
    // A story that asks one question is answered on that question (with the story only where the question points back
    // at it or names no topic of its own): the story's other words (专利, 技术) would draw it to another measure.
    const only = split[0];
    if (
      only &&
      isStory(question) &&
      split.length === 1 &&
      only.ask !== question &&
      !context?.previousQuestion &&
      !refersToSituation(only.ask) &&
      this.topicsOrCuesOf(only.ask).length > 0
    ) {
      const one = await this.understand(only.ask, context, mode, true);
      if (one.answer.status === "answered") return { ...one, answer: { ...one.answer, question } };
    }
    return this.understand(question, context, mode, true, whole);
  }

  /**
   * The measure a reply picks after a question back: `context.chosenRecordId` (a button or link), or a
   * bare 「2」 / 「第二个」 naming one of the previous turn's measures; answered on the previous question.
   */
  private picked(question: string, context: AnswerContext | undefined): { question: string; record: PolicyRecord } | undefined {
    if (!context) return undefined;
    const chosen = context.chosenRecordId ? this.records.get(context.chosenRecordId) : undefined;
    if (chosen) return { question, record: chosen };
    const pick = PICK.exec(question.replace(/[\s。.！!？?]/g, ""));
    const ids = context.previousCitationIds ?? [];
    if (!pick || !context.previousQuestion || ids.length < 2) return undefined;
    const record = this.records.get(ids["1一".includes(pick[1]!) ? 0 : "2二".includes(pick[1]!) ? 1 : 2] ?? "");
    return record ? { question: context.previousQuestion, record } : undefined;
  }

  /** The question answered from the measure the user picked, as if it had ranked first. */
  private async answerPicked(question: string, record: PolicyRecord, mode: RetrievalMode): Promise<Explained> {
    const prepared = this.prepare(question);
    const analysis = analyzeQuestion(prepared.text, this.vocabulary);
    const ranked = await retrieve(this.index, this.records, analysis, mode);
    const candidates = ranked.filter((r) => r.record.id !== record.id).map((r) => r.record);
    const answer = composeAnswer(
      { question, kind: this.kindOf(analysis, false), analysis, primary: record, related: [], candidates: candidates.slice(0, 7), confidence: 0.8 },
      this.lookup,
    );
    return { answer, candidates: [record, ...candidates.slice(0, 4)], analysis };
  }

  /**
   * One question: small talk and near-topic traps recognised, traditional
   * script and typos put right, then answered; when a correction shaped the
   * answer, it says how the question was understood.
   */
  private async understand(
    question: string,
    context: AnswerContext | undefined,
    mode: RetrievalMode,
    mayAskBack = false,
    prepared: PreparedMessage = this.prepare(question),
  ): Promise<Explained> {
    if (prepared.smallTalk) {
      const reply = smallTalkReply(prepared.smallTalk, this.index.lexicon) ?? "您好！请直接说您想了解的知识产权政策问题。";
      return { answer: composeSmallTalk(question, reply), candidates: [] };
    }
    if (prepared.trap) {
      const reason = `抱歉，这个问题不属于知识产权政策咨询。${prepared.trap.whereToAsk}`;
      return { answer: composeOutOfScope(question, "out_of_scope", reason, this.examples, this.scopeText()), candidates: [] };
    }
    const explained = await this.answerOne(prepared.text, context, mode, mayAskBack);
    const note = prepared.english ? this.index.lexicon.englishNote : prepared.corrections.length > 0 ? `按「${prepared.text}」理解。` : undefined;
    const answer = explained.answer;
    if (!note || answer.status !== "answered") return { ...explained, answer: { ...answer, question } };
    const parts = { ...answer.parts, understoodAs: note };
    return { ...explained, answer: { ...answer, question, parts, answer: `${note}\n${answer.answer}` } };
  }

  /** A message in simplified script with its typos corrected, small talk and near-topic traps recognised (see `prepareMessage`). */
  private prepare(message: string): PreparedMessage {
    return prepareMessage(
      message,
      this.index.lexicon,
      this.typoVocabulary,
      (text) => this.topicsOf(text).length > 0,
      (text, word) => this.index.tokenizer.holdsWord(text, word),
    );
  }

  private async answerOne(question: string, context: AnswerContext | undefined, mode: RetrievalMode, mayAskBack: boolean): Promise<Explained> {
    const analysis = analyzeQuestion(question, this.vocabulary);
    // "鲁政字〔2024〕136号是什么文件", "三年行动方案的文号是多少": the document itself, from its facts.
    const titled = documentsTitled(question, this.titleWords);
    const askedOf = titled.size > 0 ? new Set(titled.keys()) : documentsNamed(question, this.index.documents);
    const asked = documentAskedAbout(question, this.index.documents, askedOf);
    if (asked) return { answer: composeDocumentFacts(question, asked, this.lookup), candidates: asked.records.slice(0, 1), analysis };
    // "这个纲要是干什么的": the document's own opening says what it is for.
    const purposeOf = analysis.asksPurpose ? documentWhosePurposeIsAsked(this.index.documents, askedOf, (d) => isHome(d.meta, this.home)) : undefined;
    const [opening, ...besideOpening] = purposeOf ? openingOf(purposeOf) : [];
    if (opening) {
      const answer = composeAnswer({ question, kind: "general", analysis, primary: opening, related: besideOpening, confidence: 0.8 }, this.lookup);
      return { answer, candidates: [opening, ...besideOpening], analysis };
    }
    const previous = (context?.previousCitationIds ?? []).map((id) => this.records.get(id)).filter((r): r is PolicyRecord => Boolean(r));
    // A cue that only names a unit (公安 in 「公安管不管这种事」) is no topic of its own.
    const hasTopic = analysis.anchors.length > 0 || analysis.topicCues.some((cue) => !this.units.resolve(cue));
    const namesUnit = analysis.units.length > 0 && (analysis.asksDuties || analysis.asksWho || analysis.anchors.length > 0);

    const scope = scopeOf(analysis, previous.length > 0);
    // "公安会管这种事吗": a unit named about the topic before; the previous measure that unit is responsible for answers.
    const previousOfUnit = !hasTopic && analysis.units.length > 0 ? previous.find((r) => analysis.units.some((u) => r.units.includes(u))) : undefined;
    if (previousOfUnit) {
      const answer = composeAnswer({ question, kind: "who_handles", analysis, primary: previousOfUnit, related: [], confidence: 0.6 }, this.lookup);
      return { answer, candidates: previous, analysis };
    }
    // "市公安局负责哪些工作" or just "中院": every measure of that unit.
    // …but "完成情况要在哪天前报国家知识产权局" asks a date, of which the unit is only the addressee.
    const asksDetailOfItsOwn = detailsReallyAsked(analysis.specifics, analysis.text).some((s) => s !== "procedure");
    if (analysis.units.length === 1 && scope !== "outside" && !asksDetailOfItsOwn && (analysis.asksDuties || (!hasTopic && !analysis.asksWho))) {
      const unit = analysis.units[0]!;
      // "省农业农村厅牵头哪些工作": only the measures it leads, not those it merely supports.
      const leadOnly = /牵头/.test(question);
      const all = this.recordsOfUnit(unit);
      const led = all.filter((r) => (r.unitRoles?.lead ?? []).includes(unit));
      // A unit that leads nothing is said to, and its other measures are listed with their roles.
      const records = leadOnly && led.length > 0 ? led : all;
      return { answer: composeUnitDuties(question, unit, records, this.lookup, leadOnly && led.length > 0, leadOnly && led.length === 0), candidates: records, analysis };
    }

    // A short message with no topic of its own continues the conversation, unless it is about something else
    // ("今天天气怎么样？") or says nothing the corpus knows ("<b>x</b>").
    // "我们村的小米能搞吗" after an answer on 地理标志: the enterprise's own words for the same topic, in Chinese.
    const ownWordsInChinese = (question.match(/[\u3400-\u9fff]/g) ?? []).length >= 4;
    const saysNothingElse = analysis.words.length === 0 || analysis.coverage >= KNOWN_SHARE || ownWordsInChinese;
    const asksOnlyDetail = !hasTopic && !namesUnit && analysis.specifics.length > 0;
    // 「谁牵头」: who, of nothing named, is who handles what was just answered.
    const asksOnlyWho = !hasTopic && !namesUnit && analysis.asksWho;
    const isFollowUp =
      previous.length > 0 &&
      analysis.offTopic.length === 0 &&
      (analysis.followUpCue || asksOnlyDetail || asksOnlyWho || (!hasTopic && !namesUnit && question.length <= 24 && saysNothingElse));
    const covering = coveredByEllipsis(question, previous, (text) => this.topicsOrCuesOf(text).length > 0) ?? atPlaceBefore(question, previous, this.topicsOf);
    if (covering) {
      const answer = composeAnswer({ question, kind: "follow_up", analysis, primary: covering, related: [], confidence: 0.6 }, this.lookup);
      return { answer, candidates: previous, analysis };
    }
    const pointsElsewhere =
      scope !== "outside" &&
      previous[0] !== undefined &&
      pointsAwayFrom(
        previous[0],
        question,
        analysis,
        (w) => this.stopwords.has(w),
        (w) => this.isRareInCorpus(w),
      );
    if (isFollowUp && !hasTopic && !pointsElsewhere) {
      // "那找哪个部门？" / "具体怎么申请？": the previous turn's measure is the subject; 「谁牵头干」 after 发展目标,
      // a section that names no units, asks who carries out the whole: the document's 加强组织领导.
      const primary = (analysis.asksWho && organisingRecordFor(previous[0]!, this.documentTerms.recordsOf(previous[0]!.documentId))) || previous[0]!;
      const kind: QuestionKind = analysis.asksWho ? "who_handles" : "follow_up";
      const answer = composeAnswer({ question, kind, analysis, primary, related: [], confidence: 0.6 }, this.lookup);
      return { answer, candidates: previous, analysis };
    }
    // The same message with no turn before it (a first message, after /reset or once the turn expired): ask which policy is meant.
    // Only a message that says nothing but the detail (需要什么材料？): 「我们育出个新品种，有没有奖励」 tells its own topic.
    const onlyTheDetail = asksOnlyDetail && [...question].length <= BARE_DETAIL_CHARS;
    if (previous.length === 0 && !hasTopic && !namesUnit && analysis.offTopic.length === 0 && (analysis.followUpCue || onlyTheDetail)) {
      return { answer: composeWhichPolicy(question, this.examples), candidates: [], analysis };
    }

    if (scope === "outside") {
      return {
        answer: composeOutOfScope(question, "out_of_scope", "抱歉，这个问题不在本助手收录的政策范围内。", this.examples, this.scopeText()),
        candidates: [],
        analysis,
      };
    }

    const boosts = new Map<string, number>();
    if (isFollowUp) previous.forEach((r, i) => boosts.set(r.id, PREVIOUS_TURN_BOOST / (i + 1)));
    const focus = levelAsked(question, this.home, this.regions);
    const named = documentsNamed(question, this.index.documents);
    // 「找谁投诉」 after 「找的代理公司收了钱不干活」: a short follow-up whose topic is only a colloquial cue
    // (投诉, 告他) that the previous measure touches (监督) is searched with the question before it, which says
    // what the complaint is about; 「钱从哪来」 after 发展目标, which says nothing of 资金, is a topic of its own.
    const cueTouchingPrevious =
      analysis.anchors.length === 0 && hasTopic && [...question].length <= SHORT_FOLLOW_UP_CHARS && analysis.expansions.some((w) => previous[0]?.text.includes(w));
    // 「要是代理机构帮着干这种事，也有人管吗」: 这种事 is what the previous question told, so its words are searched too.
    const readWithPrevious = previous.length > 0 && context?.previousQuestion !== undefined && !pointsElsewhere && (cueTouchingPrevious || refersToSituation(question));
    const searched = readWithPrevious ? analyzeQuestion(`${context.previousQuestion}，${question}`, this.vocabulary) : analysis;
    const pairWeight = this.pairQuestions.weigher(searched);
    const retrieved = await retrieve(this.index, this.records, searched, mode, boosts, (r) => {
      const meta = this.lookup.meta(r.documentId);
      return (
        levelWeight(meta, focus, this.home) *
        genreWeight(meta, searched, named, r.documentId) *
        specificsWeight(`${r.title}${r.text}`, analysis.specifics, analysis.text) *
        pairWeight(r.id) *
        (titled.get(r.documentId) ?? 1)
      );
    });
    const atHome = homeFirst(retrieved, focus, searched, this.lookup, this.home, (w) => this.isRareInCorpus(w));
    const ranked = planFirst(bestWithinDocument(atHome, searched, this.documentTerms), searched, this.lookup, this.home, (w) => this.isRareInCorpus(w));
    const top = ranked[0];
    if (!top) {
      return {
        answer: composeOutOfScope(question, "out_of_scope", "抱歉，收录的政策文件里没有找到与这个问题相关的内容。", this.examples, this.scopeText()),
        candidates: [],
        analysis,
      };
    }
    const levelOf = (r: PolicyRecord) => (isHome(this.lookup.meta(r.documentId), this.home) ? 0 : 1 + levelsAbove(this.lookup.meta(r.documentId).level));
    // With no level asked, the home city answers and one higher-level measure on the same topic follows as 上级政策.
    const higher = focus
      ? []
      : ranked
          .slice(1, 6)
          .filter((r) => levelOf(r.record) > levelOf(top.record) && r.score >= top.score * HIGHER_SHARE && r.lexical >= top.lexical * RELATED_LEXICAL_SHARE)
          .slice(0, 1)
          .map((r) => r.record);
    const related = ranked
      .slice(1)
      .filter((r) => !higher.includes(r.record) && (focus !== undefined || levelOf(r.record) <= levelOf(top.record)))
      .filter((r) => r.score >= top.score * RELATED_SHARE && r.lexical >= top.lexical * RELATED_LEXICAL_SHARE && r.record.kind !== "section")
      .slice(0, MAX_RELATED)
      .map((r) => r.record);
    const kind = this.kindOf(analysis, isFollowUp);
    const confidence = confidenceOf(top, analysis);
    const details = detailsReallyAsked(analysis.specifics, analysis.text);
    // 「几月份报名」: a record that gives a detail asked (申报时间, 4月1日至4月30日) is not a close call with one that does not give it.
    // A heading that names a detail asked (申报时间) gives any detail but an amount, which nearly every heading of a 办法 names.
    const givenBy = (r: PolicyRecord) => {
      const byText = detailsGiven(r.text, details, analysis.text);
      const byHeading = !r.titleDerived && headingNamesDetailAsked(r.title, analysis.text, false);
      return byHeading ? details.filter((d) => d !== "amount" || byText.includes(d)) : byText;
    };
    // 「在海关备案审核要多长时间」: of two measures too close to call, the one that gives the detail asked (20个工作日) answers.
    // (Not a procedure: 怎么办理 asks it of every measure, and nearly every text reads as giving one.)
    const decisive = rankedSpecifics(analysis.specifics, analysis.text);
    const givesDecisive = (r: PolicyRecord) => givenBy(r).filter((d) => decisive.includes(d));
    const giver = decisive.length > 0 && givesDecisive(top.record).length === 0 ? closeGiverOf(ranked, givesDecisive, decisive.length) : undefined;
    if (giver) {
      const rest = ranked.filter((r) => r !== giver).map((r) => r.record);
      const answer = composeAnswer({ question, kind, analysis, primary: giver.record, related: [top.record], candidates: rest.slice(0, 7), confidence }, this.lookup);
      return { answer, candidates: [giver.record, ...rest.slice(0, 4)], analysis };
    }
    const choices = mayAskBack && !isFollowUp ? closeCalls(ranked, confidence, analysis.asksWho, givenBy) : [];
    if (choices.length > 1) {
      return { answer: composeClarify(question, analysis, choices, this.lookup, confidence), candidates: choices, analysis };
    }
    const answer = composeAnswer({ question, kind, analysis, primary: top.record, related, higher, candidates: ranked.slice(1, 8).map((r) => r.record), confidence }, this.lookup);
    return { answer, candidates: ranked.slice(0, 5).map((r) => r.record), analysis };
  }

  /**
   * The question's analysis and every retrieved record with its scores, as
   * retrieval ranks them for an answer: for the admin page's hit test.
   */
  async rank(rawQuestion: string): Promise<{ analysis: QuestionAnalysis; ranked: RankedRecord[] }> {
    const analysis = analyzeQuestion(rawQuestion.replace(/\s+/g, " ").trim(), this.vocabulary);
    return { analysis, ranked: await retrieve(this.index, this.records, analysis) };
  }

  private kindOf(analysis: QuestionAnalysis, isFollowUp: boolean): QuestionKind {
    if (analysis.asksWho) return "who_handles";
    if (analysis.asksTarget) return "target";
    if (analysis.asksGeneral) return "general";
    if (isFollowUp) return "follow_up";
    return "topic";
  }

  private rejectInvalid(raw: string, question: string): Answer | undefined {
    const checked = checkQuestion(raw, this.options.maxQuestionChars);
    if (checked.ok) return undefined;
    const refuse = (reason: string) => composeOutOfScope(question.slice(0, this.options.maxQuestionChars), "invalid", reason, this.examples, this.scopeText());
    const { problem } = checked;
    if (problem.reason === "empty") return refuse("请输入您的问题。");
    if (problem.reason === "too_long") return refuse(`问题太长了（${problem.length} 字），请用一两句话（${problem.max} 字以内）描述您想了解的政策。`);
    return refuse("没有看懂您的问题，请用文字描述您想了解的政策。");
  }

  /** What the corpus holds, for refusals: every document by its short name. */
  scopeText(): string {
    const names = this.index.documents.map((d) => `《${d.meta.short}》${d.meta.status === "draft" ? "（征求意见稿）" : ""}`);
    if (names.length === 0) return "目前还没有收录政策文件";
    const shown = names.length > 4 ? `${names.slice(0, 4).join("、")}等 ${names.length} 份文件` : names.join("、");
    return `目前收录的是${shown}`;
  }

  /** A citation of a record with the sentences of it that bear on the question (for curated answers). */
  cite(record: PolicyRecord, question: string): Citation {
    return citationFor(record, joinQuote(record, relevantSentences(record, analyzeQuestion(question, this.vocabulary), 2)), this.lookup);
  }

  record(id: string): PolicyRecord | undefined {
    return this.records.get(id);
  }

  /** Records near this one: same parent heading first, then those sharing a unit. */
  related(id: string, limit = 3): PolicyRecord[] {
    const record = this.records.get(id);
    if (!record) return [];
    const parent = record.path.slice(0, -1).join("/");
    const siblings = this.index.records.filter((r) => r.id !== id && r.documentId === record.documentId && r.path.slice(0, -1).join("/") === parent);
    const sharing = this.index.records.filter((r) => r.id !== id && !siblings.includes(r) && r.units.some((u) => record.units.includes(u)));
    return [...siblings, ...sharing].slice(0, limit);
  }

  documents(): PolicyDocument[] {
    return this.index.documents;
  }

  outline(): { documentId: string; file: string; title: string; meta: DocumentMeta; nodes: OutlineNode[] }[] {
    return this.index.documents.map((d) => ({ documentId: d.id, file: d.file, title: d.title, meta: d.meta, nodes: d.outline }));
  }

  unitEntries(): UnitEntry[] {
    return this.units.list();
  }

  /** A unit by name or alias, with its records in the outline's order. */
  unit(nameOrAlias: string): { entry: UnitEntry; records: PolicyRecord[] } | undefined {
    const entry = this.units.resolve(nameOrAlias);
    return entry ? { entry, records: this.recordsOfUnit(entry.name) } : undefined;
  }

  /** How alike two questions are (0–1), for matching curated answers to paraphrases. */
  similarity(a: string, b: string): number {
    return questionSimilarity(analyzeQuestion(a, this.vocabulary), analyzeQuestion(b, this.vocabulary), (term) => this.idf(term));
  }

  /** A word the corpus uses in a few of its passages only (实验室), not everywhere (申请, 企业): it points somewhere. */
  private isRareInCorpus(word: string): boolean {
    const passages = this.index.lexical.documentFrequency(wordKey(word));
    return passages > 0 && passages <= Math.max(RARE_PASSAGES, this.index.chunks.length * RARE_SHARE);
  }

  /** A term's weight for comparing questions: its rarity in the corpus (1 for a term the corpus lacks). */
  private idf(term: string): number {
    return this.index.lexical.documentFrequency(term) > 0 ? this.index.lexical.idf(term) : 1;
  }

  exampleQuestions(): readonly string[] {
    return this.examples;
  }

  private recordsOfUnit(unit: string): PolicyRecord[] {
    return this.index.records.filter((r) => r.units.includes(unit));
  }
}

/**
 * The measures too close to call: when the best one covers the question poorly and the next
 * measures of other titles score nearly as well, the two or three of them, best
 * first; otherwise none (one clearly ahead is answered).
 */
function closeCalls(ranked: readonly RankedRecord[], confidence: number, asksWho: boolean, givenBy: (r: PolicyRecord) => string[]): PolicyRecord[] {
  const top = ranked[0];
  if (!top || confidence >= CLARIFY_CONFIDENCE) return [];
  const topGives = givenBy(top.record);
  const unitsKey = (r: PolicyRecord) => [...r.units].sort().join("、");
  const close: PolicyRecord[] = [top.record];
  for (const r of ranked.slice(1, 6)) {
    if (r.score < top.score * CLARIFY_SHARE || close.length >= MAX_CHOICES) break;
    // "Who handles it" is answered when the close measures name the same units.
    if (r.record.kind === "section" || close.some((c) => c.title === r.record.title || (asksWho && unitsKey(c) === unitsKey(r.record)))) continue;
    const gives = givenBy(r.record);
    if (!topGives.every((d) => gives.includes(d))) continue;
    close.push(r.record);
  }
  return close.length > 1 ? close : [];
}

/** The one measure close behind the best (a close call) that gives every detail asked, when the best gives none. */
function closeGiverOf(ranked: readonly RankedRecord[], givenBy: (r: PolicyRecord) => string[], asked: number): RankedRecord | undefined {
  const top = ranked[0];
  if (!top) return undefined;
  const close = ranked.slice(1, 6).filter((r) => r.score >= top.score * CLARIFY_SHARE && r.record.kind !== "section");
  const givers = close.filter((r) => givenBy(r.record).length === asked);
  return givers.length === 1 ? givers[0] : undefined;
}

/** The distinctive words of the documents' titles that name a topic: not a place (泰山 of 泰山区, 肥城). */
function topicWordsOfTitles(titleWords: ReadonlyMap<string, readonly string[]>, documents: readonly PolicyDocument[]): string[] {
  const places = documents.flatMap((d) => (d.meta.region ? [d.meta.region] : []));
  return [...titleWords.values()].flat().filter((w) => !places.some((p) => p.includes(w) || w.includes(p.replace(/[市区县]$/, ""))));
}

const UNKNOWN_META: DocumentMeta = { level: "unknown", status: "official", short: "" };

/** 0–1: how much of the question the best record covers, tempered by how clearly it won. */
function confidenceOf(top: RankedRecord, analysis: QuestionAnalysis): number {
  const text = `${top.record.title}${top.record.text}${top.record.path.join("")}`;
  const words = analysis.words.filter((w) => w.length >= 2);
  const covered = words.filter((w) => text.includes(w)).length;
  const coverage = words.length ? covered / words.length : 0.5;
  const value = 0.25 + 0.55 * coverage + 0.2 * Math.min(1, top.vector * 2);
  return Math.round(Math.min(1, value) * 100) / 100;
}
