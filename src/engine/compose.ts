import { documentFacts } from "./document-facts.js";
import type { DocumentMeta, PolicyDocument, PolicyRecord } from "../corpus/types.js";
import { splitSentences } from "../index/chunks.js";
import { Tokenizer } from "../index/tokenizer.js";
import type { Answer, AnswerParts, AnswerUnit, Citation, QuestionKind, RecordRef } from "./answer-schema.js";
import { renderAnswerText } from "./render-text.js";
import type { QuestionAnalysis } from "./question.js";
import { givesSpecific, SPECIFIC_NAMES, type Specific } from "./specifics.js";

/** Verbs that only name a direction of work, not a rule an enterprise can apply under. */
const DIRECTION_ONLY =
  /^(不断|进一步|积极|加快|持续|大力|深入|着力|稳步|逐步)?(完善|健全|建立|推进|推动|加大|加强|探索|鼓励|支持|引导|优化|提高|提升|强化|深化|培育|组织|实施|构建|拓展|整合|激励|突出|落实|开展|围绕|聚焦)/;

/** What composition needs to know of the documents a record comes from. */
export interface DocumentLookup {
  meta(documentId: string): DocumentMeta;
}

/** Picks the sentences of a record that answer the question, in the record's order. */
export function relevantSentences(record: PolicyRecord, question: QuestionAnalysis, max = 2): string[] {
  // A table row is one statement, header and all ("项目：发明专利授权；资助标准：每件…"): never cut at its ；.
  // A heading on its own line at the head of the text (第八条　高价值专利组合培育项目申报条件) is cited already, not quoted again.
  const all = record.table ? record.text.split("\n") : splitSentences(record.text);
  const sentences = all.length > 1 && all[0] === record.title ? all.slice(1) : all;
  if (sentences.length <= max) return spaced(record, sentences);
  const words = [...new Set([...question.words, ...question.expansions])].filter((w) => w.length >= 2);
  // The words of the record's own title (高价值专利组合培育项目申报条件) name the whole record, not one of its sentences:
  // the sentence with the rest of the question (研发投入) is the one that answers.
  const title = Tokenizer.normalize(record.title);
  const scored = sentences.map((sentence, i) => {
    const s = Tokenizer.normalize(sentence);
    let score = 0;
    for (const w of words) if (s.includes(w)) score += (question.words.includes(w) ? 1 + w.length / 4 : 0.5) * (title.includes(w) ? TITLE_WORD_SHARE : 1);
    if (question.asksTarget && /\d/.test(sentence)) score += 1.5;
    // The sentence that gives the detail asked for (the amount, the deadline) is the one to quote.
    for (const specific of question.specifics) if (givesSpecific(sentence, specific)) score += 2;
    return { i, score };
  });
  const best = scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, max);
  const chosen = new Set(best.length > 0 ? best.map((s) => s.i) : [0]);
  for (const i of [...chosen]) {
    // 「应当同时具备下列条件：」 is quoted with what follows it, never ending on its colon…
    if (/[：:]$/.test(sentences[i]!) && i + 1 < sentences.length) chosen.add(i + 1);
    // …and 「电话：0538-…」 with the line above naming whose number it is.
    for (let at = i; at > 0 && LABELLED_LINE.test(sentences[at]!); at--) chosen.add(at - 1);
  }
  return spaced(
    record,
    [...chosen].sort((a, b) => a - b).map((i) => sentences[i]!),
  );
}

/** A line that ends with no punctuation (泰安市市场监督管理局知识产权运用促进科) is kept apart from the next by a space. */
function spaced(record: PolicyRecord, sentences: string[]): string[] {
  return record.table ? sentences : sentences.map((s, i) => (i + 1 < sentences.length && !ENDS_CLAUSE.test(s) ? `${s} ` : s));
}

const ENDS_CLAUSE = /[。！？!?；;：:，,、）)]$/;

/** How much a question word counts in choosing a sentence when the record's title holds it too. */
const TITLE_WORD_SHARE = 0.3;
/** A line that gives one item of a contact block (地址：…, 电话：…) under the line naming the body. */
const LABELLED_LINE = /^(?:联系)?(?:电话|地址|传真|邮箱|联系人|邮编)[：:]/;

/** Sentences run on as in the text; table rows stay one to a line. */
export function joinQuote(record: PolicyRecord, sentences: readonly string[]): string {
  return sentences.join(record.table ? "\n" : "");
}

/** How a record is named in a sentence: 《泰安市专利资助办法》第八条, or 《纲要》「建立知识产权运营机制」. */
export function citeAs(record: PolicyRecord, meta: DocumentMeta): string {
  const article = record.number && /^第.+条$/.test(record.number) ? record.number : undefined;
  if (article) return `《${meta.short}》${article}`;
  // A table row is cited as its row under the table's caption.
  const caption = record.kind === "table" && record.path.at(-1) !== record.title ? `「${record.path.at(-1)}」` : "";
  return `《${meta.short}》${caption}「${record.title}」`;
}

export function citationFor(record: PolicyRecord, quote: string, documents: DocumentLookup): Citation {
  const meta = documents.meta(record.documentId);
  return {
    id: record.id,
    document: record.document,
    path: record.path,
    title: record.title,
    units: record.units,
    quote,
    documentShort: meta.short,
    level: meta.level,
    status: meta.status,
    leadUnits: record.unitRoles?.lead ?? [],
    supportUnits: record.unitRoles?.support ?? [],
    unitsComplete: !record.unitsOpenEnded,
    citeAs: citeAs(record, meta),
  };
}

/** The units with their roles: 牵头 and 配合 where the text tells them apart, otherwise all alike. */
export function unitsWithRoles(record: PolicyRecord): AnswerUnit[] {
  const roles = record.unitRoles;
  if (!roles) return record.units.map((name) => ({ name, role: "responsible" }));
  return record.units.map((name) => ({ name, role: roles.lead.includes(name) ? "lead" : roles.support.includes(name) ? "support" : "responsible" }));
}

function placeOf(record: PolicyRecord): string {
  return `《${record.document}》${record.path.length > 1 || record.path[0] !== record.document ? " " + record.path.join(" › ") : ""}`;
}

/** The note for records of drafts for comment, and only for them. */
function draftNote(records: readonly PolicyRecord[], documents: DocumentLookup): string | undefined {
  const drafts = [...new Set(records.filter((r) => documents.meta(r.documentId).status === "draft").map((r) => r.document))];
  if (drafts.length === 0) return undefined;
  return `注：${drafts.map((d) => `《${d}》`).join("、")}是征求意见稿，内容以正式印发的文件为准。`;
}

/** What no quoted text gives, said plainly, with whom to ask; undefined when everything asked is given. */
function notSpecifiedNote(record: PolicyRecord, missing: readonly Specific[], quoted: string, documents: DocumentLookup): string | undefined {
  if (missing.length === 0) return undefined;
  const what = missing.map((s) => SPECIFIC_NAMES[s]).join("、");
  // "Only a direction" is said of money and procedures: an outline names policies to make, not their terms.
  const asksTerms = missing.some((s) => s === "amount" || s === "procedure");
  const directionOnly = asksTerms && splitSentences(quoted).every((s) => DIRECTION_ONLY.test(s));
  // The units stand in the answer's own line: the note points at them rather than naming them again.
  const who = record.units.length > 0 ? "请向上述责任单位咨询" : "请向相关主管部门咨询";
  const source = `《${documents.meta(record.documentId).short}》`;
  return directionOnly ? `收录的文件中没有找到${what}：${source}在这方面只提出了工作方向；${who}，以其发布的具体政策为准。` : `收录的文件中没有找到${what}；${who}。`;
}

/** How many sentences to quote: a general question about a section ("工作原则有哪几条") gets the section whole, if short. */
function sentencesFor(record: PolicyRecord, question: QuestionAnalysis): number {
  if (question.asksGeneral && record.kind === "section" && record.text.length <= 400) return 8;
  // "要交哪些材料": a short list is quoted whole, never cut after its second item.
  if (question.specifics.includes("procedure") && record.text.length <= 400 && /\n/.test(record.text)) return 12;
  return question.asksTarget ? 3 : 2;
}

function refOf(record: PolicyRecord, why: RecordRef["why"], documents: DocumentLookup, quote?: string): RecordRef {
  const meta = documents.meta(record.documentId);
  return { id: record.id, title: record.title, citeAs: citeAs(record, meta), units: record.units, level: meta.level, why, ...(quote ? { quote } : {}) };
}

export interface Composition {
  question: string;
  kind: QuestionKind;
  analysis: QuestionAnalysis;
  primary: PolicyRecord;
  related: PolicyRecord[];
  /** Higher-level measures on the same topic, shown as 上级政策 after the home jurisdiction's. */
  higher?: PolicyRecord[];
  /** Other retrieved records, most relevant first, that may give a detail the primary does not. */
  candidates?: PolicyRecord[];
  confidence: number;
  understoodAs?: string;
}

/**
 * For each detail asked and not given by the primary record, the candidate
 * of another place that gives it ("完善资助奖励政策" in the outline, the
 * amount in the 资助办法): at most one record a detail.
 */
function detailRecords(primary: PolicyRecord, analysis: QuestionAnalysis, candidates: readonly PolicyRecord[]): { missing: Specific[]; details: PolicyRecord[] } {
  const missing: Specific[] = [];
  const details: PolicyRecord[] = [];
  for (const specific of analysis.specifics) {
    if (givesSpecific(primary.text, specific)) continue;
    // A record of the primary's own document shares its topic (有疑问可以找哪个部门咨询？ in a 政策解读 of the 若干措施 asked about).
    const giver = candidates.find((r) => r.id !== primary.id && givesSpecific(r.text, specific) && (r.documentId === primary.documentId || sharesTopic(r, analysis)));
    if (giver) {
      if (!details.includes(giver)) details.push(giver);
    } else missing.push(specific);
  }
  return { missing, details };
}

/** A record shares the question's topic when a content word of the question (not a detail word) is in its title or text. */
function sharesTopic(record: PolicyRecord, analysis: QuestionAnalysis): boolean {
  const text = Tokenizer.normalize(`${record.title}${record.text}`);
  const topical = [...analysis.words, ...analysis.expansions].filter(
    (w) => w.length >= 2 && !/^(多少|怎么|什么|哪里|时候|申请|办理|需要|材料|流程|截止|电话|地址|资助|奖励|补贴)$/.test(w),
  );
  return topical.some((w) => text.includes(w));
}

/**
 * The extractive answer: the record's place and title, the sentences that
 * answer, its responsible units, where another document gives what it does
 * not, what no document says, related and higher-level measures, and the
 * draft note for drafts. Deterministic; never adds a fact.
 */
export function composeAnswer(c: Composition, documents: DocumentLookup): Answer {
  const { primary, analysis } = c;
  const quotes = relevantSentences(primary, analysis, sentencesFor(primary, analysis));
  const quote = joinQuote(primary, quotes);
  const meta = documents.meta(primary.documentId);
  const cite = citeAs(primary, meta);
  const units = unitsWithRoles(primary);
  const { missing, details } = detailRecords(primary, analysis, c.candidates ?? []);
  const detailRefs = details.map((r) => refOf(r, "detail", documents, joinQuote(r, relevantSentences(r, analysis, 2))));
  const shown = new Set([primary.id, ...details.map((r) => r.id)]);
  const higher = (c.higher ?? []).filter((r) => !shown.has(r.id));
  higher.forEach((r) => shown.add(r.id));
  const related = c.related.filter((r) => !shown.has(r.id));

  const who = c.kind === "who_handles" && units.length > 0;
  const named = primary.path.at(-1)?.endsWith(primary.title) ? "" : `「${primary.title}」`;
  const unitNames = primary.units.join("、") + (primary.unitsOpenEnded ? "等" : "");
  const parts: AnswerParts = {
    lead: who ? `负责「${primary.title}」的是：` : `${placeOf(primary)}${named}：`,
    place: placeOf(primary),
    spoken: [units.length > 0 ? `请联系${unitNames}（依据${cite}）。` : `详见${cite}。`, ...detailRefs.map((r) => `具体规定见${r.citeAs}。`)].join(""),
    quotes,
    units,
    unitsComplete: !primary.unitsOpenEnded,
    refs: [...detailRefs, ...higher.map((r) => refOf(r, "higher", documents)), ...related.map((r) => refOf(r, "related", documents))],
    ...optional("notSpecified", notSpecifiedNote(primary, missing, quote, documents)),
    ...optional("draftNote", draftNote([primary, ...details], documents)),
    ...optional("understoodAs", c.understoodAs),
  };
  const cited = [primary, ...details, ...higher, ...related];
  return {
    question: c.question,
    status: "answered",
    answer: renderAnswerText(parts, c.kind),
    citations: cited.map((r, i) => citationFor(r, i === 0 ? quote : joinQuote(r, relevantSentences(r, analysis, details.includes(r) ? 2 : 1)), documents)),
    kind: c.kind,
    confidence: c.confidence,
    source: "engine",
    parts,
  };
}

/** Every record a unit is responsible for (or, asked "牵头哪些", leads), in the documents' order. */
export function composeUnitDuties(question: string, unit: string, records: readonly PolicyRecord[], documents: DocumentLookup, leadOnly = false, leadsNone = false): Answer {
  const role = (r: PolicyRecord): AnswerUnit["role"] => unitsWithRoles(r).find((u) => u.name === unit)?.role ?? "responsible";
  const listing = records.map((r) => ({ id: r.id, title: r.title, citeAs: citeAs(r, documents.meta(r.documentId)), role: role(r) }));
  const parts: AnswerParts = {
    lead: leadOnly
      ? `${unit}牵头以下 ${records.length} 项措施：`
      : leadsNone
        ? `收录的文件没有写明由${unit}牵头的措施；它在以下 ${records.length} 项措施中是责任单位：`
        : `${unit}在以下 ${records.length} 项措施中是责任单位：`,
    spoken: `${unit}${leadOnly ? "牵头" : "负责"} ${records.length} 项工作。`,
    quotes: [],
    units: [{ name: unit, role: "responsible" }],
    unitsComplete: true,
    refs: [],
    listing,
    ...optional("draftNote", draftNote(records, documents)),
  };
  return {
    question,
    status: "answered",
    answer: renderAnswerText(parts, "unit_duties"),
    citations: records.map((r) => citationFor(r, splitSentences(r.text)[0] ?? "", documents)),
    kind: "unit_duties",
    confidence: 1,
    source: "engine",
    parts,
  };
}

/** The parts of an answer that quotes no record and names no units: a refusal, a question back, a listing of answers. */
function bareParts(lead: string, spoken: string, rest: Partial<AnswerParts> = {}): AnswerParts {
  return { lead, spoken, quotes: [], units: [], unitsComplete: true, refs: [], ...rest };
}

/** A polite refusal with what can be asked instead. */
export function composeOutOfScope(question: string, kind: QuestionKind, reason: string, examples: readonly string[], scope: string): Answer {
  const parts = bareParts(reason, reason, {
    refusal: { reason: `本助手只回答知识产权政策方面的问题，${scope}。`, examples: [...examples] },
  });
  return { question, status: "out_of_scope", answer: renderAnswerText(parts, kind), citations: [], kind, confidence: 0, source: "engine", parts };
}

/**
 * A follow-up with nothing to follow ("那找哪个部门？" as a first message): not a
 * refusal of the topic, but a question back asking which policy is meant, with
 * questions that can be asked instead.
 */
export function composeWhichPolicy(question: string, examples: readonly string[]): Answer {
  const lead = "您指的是哪项政策？";
  const parts = bareParts(lead, lead, {
    refusal: { reason: "我没有找到您之前问的问题，请说明是哪项政策或哪件事。", examples: [...examples] },
  });
  return { question, status: "out_of_scope", answer: renderAnswerText(parts, "follow_up"), citations: [], kind: "follow_up", confidence: 0, source: "engine", parts };
}

/** A staff-written answer resting on one record: its text is the lead, the record its citation. */
export function composeCurated(question: string, text: string, citation: Citation | undefined, confidence: number): Answer {
  const parts: AnswerParts = {
    lead: text,
    spoken: text,
    quotes: [],
    units: citation
      ? citation.units.map((name) => ({ name, role: citation.leadUnits.includes(name) ? "lead" : citation.supportUnits.includes(name) ? "support" : "responsible" }))
      : [],
    unitsComplete: citation?.unitsComplete ?? true,
    refs: [],
    ...optional("draftNote", citation?.status === "draft" ? `注：《${citation.document}》是征求意见稿，内容以正式印发的文件为准。` : undefined),
  };
  return { question, status: "answered", answer: renderAnswerText(parts, "topic"), citations: citation ? [citation] : [], kind: "topic", confidence, source: "curated", parts };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Small talk: a short friendly reply, neither a refusal nor a cited measure. */
/**
 * A question back when the closest measures are too near to call: "您是想问……" with each
 * measure, its place and units, best first. The citations are the choices, so that the
 * answer still says where each is written and who is responsible.
 */
export function composeClarify(question: string, analysis: QuestionAnalysis, records: readonly PolicyRecord[], documents: DocumentLookup, confidence: number): Answer {
  const choices = records.map((r) => ({ id: r.id, title: r.title, citeAs: citeAs(r, documents.meta(r.documentId)), documentShort: documents.meta(r.documentId).short }));
  const lead = "您的问题和下面几项措施都有关，您是想问哪一项？";
  const parts = bareParts(lead, `您的问题涉及${choices.map((c) => `「${c.title}」`).join("或")}，请说明是哪一项。`, {
    choices,
    ...optional("draftNote", draftNote(records, documents)),
  });
  const citations = records.map((r) => citationFor(r, joinQuote(r, relevantSentences(r, analysis, 1)), documents));
  return { question, status: "answered", answer: renderAnswerText(parts, "clarify"), citations, kind: "clarify", confidence, source: "engine", parts };
}

/**
 * "鲁政字〔2024〕136号是什么文件" / "三年行动方案的文号是多少": the document's facts as
 * the corpus knows them, citing its first record; a fact asked that the text does not
 * give is said to be missing, never guessed.
 */
export function composeDocumentFacts(question: string, document: PolicyDocument, documents: DocumentLookup): Answer {
  const facts = documentFacts(document);
  const { meta } = document;
  const numberAsked = meta.number && question.replace(/\s+/g, "").includes(meta.number.replace(/\s+/g, ""));
  const rest = facts.slice(1).filter((f) => !(numberAsked && f.startsWith("文号")));
  const lead = `${numberAsked ? `${meta.number}是《${document.title}》。` : `《${document.title}》的基本情况：`}${rest.join("；")}。`;
  const missing = [
    [/文号|字号/, meta.number, "文号"],
    [/什么时候|时间|日期|哪年/, meta.date, "发布日期"],
    [/部门|单位|机关|谁/, meta.issuer, "发文单位"],
  ].flatMap(([asked, known, name]) => ((asked as RegExp).test(question) && !known ? [name as string] : []));
  const first = document.records[0];
  const parts = bareParts(lead, lead, {
    ...optional("notSpecified", missing.length > 0 ? `收录的文本没有写明该文件的${missing.join("、")}，请向发文单位核实。` : undefined),
  });
  const citations = first ? [citationFor(first, joinQuote(first, splitSentences(first.text).slice(0, 1)), documents)] : [];
  return { question, status: "answered", answer: renderAnswerText(parts, "general"), citations, kind: "general", confidence: 0.9, source: "engine", parts };
}

export function composeSmallTalk(question: string, reply: string): Answer {
  const parts = bareParts(reply, reply);
  return { question, status: "answered", answer: reply, citations: [], kind: "small_talk", confidence: 1, source: "engine", parts };
}

/**
 * Several questions in one message, each answered with its own measure and
 * units, in order. The first citation of each part comes first, so every
 * part is cited near the top; the parts' own answers are the sections.
 */
export function composeMulti(question: string, answers: readonly Answer[]): Answer {
  const answered = answers.filter((a) => a.status === "answered");
  const firsts = answered.flatMap((a) => a.citations.slice(0, 1));
  const rest = answered.flatMap((a) => a.citations.slice(1));
  const citations = [...new Map([...firsts, ...rest].map((c) => [c.id, c])).values()];
  const sections = answers.map((a) => ({ question: a.question, answer: a.answer, status: a.status, citationIds: a.citations.map((c) => c.id) }));
  const parts = bareParts(`您的消息里有 ${answers.length} 个问题，分别回答如下：`, answers.map((a, i) => `${i + 1}. ${a.parts.spoken}`).join(""), {
    sections,
    ...optional("draftNote", answered.map((a) => a.parts.draftNote).find(Boolean)),
  });
  const text = [
    parts.lead,
    ...answers.map((a, i) => `【问题${i + 1}】${a.question}\n${a.answer.replace(/\n?注：《[^\n]*征求意见稿[^\n]*$/, "")}`),
    ...(parts.draftNote ? [parts.draftNote] : []),
  ].join("\n");
  const confidence = Math.min(...answers.map((a) => a.confidence));
  return { question, status: answered.length > 0 ? "answered" : "out_of_scope", answer: text, citations, kind: "multi", confidence, source: "engine", parts };
}
