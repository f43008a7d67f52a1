/** One question of a message, with the situation the message told around it. */
export interface QuestionPart {
  /** The question as asked (joiners such as 顺便问下 dropped), or the whole message when it holds one question. */
  question: string;
  /** The message's statements before this question (and any after the last one): what the enterprise told of its situation; empty for a plain question. */
  context: string;
  /**
   * What to ask the engine for this part: the question alone, or the
   * situation and the question together when the question points back at
   * it (这种情况能找市场监管局处理吗？ means the counterfeits the story told of).
   * A question alone that the engine refuses may be asked again with its
   * context.
   */
  ask: string;
}

export interface SplitOptions {
  /**
   * The topics a piece of a message names (专利导航, 质押, 版权登记 …), for
   * telling a new question from a detail of the one before (需要什么材料,
   * 找谁, 评上了有啥好处). The engine passes {@link topicFinder} over its
   * scope words (domain terms, whole words, measure titles, unit names, not
   * stopwords such as 纲要). Without it, only joiners (and, in a story, its
   * own sentences) start another question.
   */
  topicsOf?: (text: string) => string[];
}

/**
 * Topics as the words of a list that a text contains, longest first and
 * none inside another found one (质押融资, not also 融资): for
 * {@link SplitOptions.topicsOf}.
 */
export function topicFinder(words: Iterable<string>): (text: string) => string[] {
  const sorted = [...new Set([...words].map((w) => w.trim()).filter((w) => w.length >= 2))].sort((a, b) => b.length - a.length);
  return (text) => {
    const found: string[] = [];
    for (const word of sorted) if (text.includes(word) && !found.some((f) => f.includes(word))) found.push(word);
    return found;
  };
}

/** From this many characters a message is a story: its questions are told apart from its situation even when it asks only one. */
export const LONG_STORY_CHARS = 100;

/** Whether a message is long enough to be a story (see {@link LONG_STORY_CHARS}). */
export function isStory(message: string): boolean {
  return [...message.trim()].length >= LONG_STORY_CHARS;
}

/** Joiners that start another question wherever they stand (质押贷款找谁顺便问下专利导航谁做). */
const JOINERS_ANYWHERE =
  /((?:顺便|顺带|捎带)(?:再)?(?:问|请问|咨询)(?:一下|下|问|个|一句|一声)?|再(?:问|请问|咨询)(?:一下|下|个|一个|一句)?|还想(?:问|了解|咨询)(?:一下|下|个)?|另一个是|另外一个是|另外|此外|再就是|还有就是)/g;
/** Joiners that start another question only at the start of a clause (…，一个是版权登记…，一个是侵权调解…). */
const JOINERS_AT_START = /^(?:还有(?!没|什么|哪|多少|其他|别的|其它)|一个是|第[一二三四五]个?是?|[一二三四五]是|其[一二三次]|首先|其次)[，,、：:]?/;
/** Openings that only introduce the question (想问一下：…, 请问): dropped from the part. */
const ASKING_OPENING = /^(?:(?:我|我们)?(?:想|要)?(?:问|咨询|请教|了解)(?:一下|下)?|请问)[：:，,]?/;
/** A condition (如果打官司，…) belongs to the question after it. */
const CONDITION = /^(?:如果|要是|假如|假设|万一|若是|一旦|(?:and |but )?(?:if|when|in case) )/i;
/** An opening that only announces questions (想问两件事), neither a question nor a situation. */
const ANNOUNCEMENT = /^(?:我|我们)?(?:想|要)?(?:问|咨询|请教|了解)(?:一下|下)?(?:两|二|三|几|2|3)(?:件事|个问题|个事|点)(?:情)?[：:]?$/;
/** Where a clause ends: sentence ends (strong) and commas (weak). */
const CLAUSE_END = /([。！!？?；;\n]+|[，,：:]+)/;
const STRONG_END = /[。！!？?；;\n]/;
/** A clause that asks something (ends in ？/吗/呢, or holds a question word), not one that only tells. */
const ASKS =
  /[？?]$|(?:吗|呢|么|没有|没|不)$|([\u3400-\u9fff])不\1|怎么|咋|如何|怎样|(?<!没)什么(?![都也])|啥|哪|谁(?![都也])|多少|能不能|能否|可不可以|可以吗|行不行|有没有|是不是|是否|要不要|会不会|为什么|为啥/;
/** Question words and generic details that name no topic (需要什么材料, 找哪个部门, 流程是怎样的). */
const NO_TOPIC_WORDS =
  /怎么办理|怎么办|怎么弄|怎么样|怎么|咋弄|咋办|咋|如何|怎样|什么|啥|哪个|哪些|哪里|哪儿|哪|谁|多少|能不能|可不可以|可以|有没有|是不是|是否|需要|准备|材料|资料|条件|流程|手续|程序|时间|多久|期限|费用|部门|单位|负责|办理|提交|联系|电话|地址|具体|我们|我|你们|你|他们|他|她|它|这个|那个|这些|那些|这|那|请问|问下|一下|知道|了解|应该|还|也|都|就|又|要|想|找|去|到|给|让|被|把|得|会|能|该|的|了|吗|呢|吧|啊|呀|么|些|个|是|在|做|有|和|跟|与|及|呗|嘛|啦/g;
const HAN = /[\u3400-\u9fff]/g;
/** 「1.引进服务机构有扶持吗 2.…」, 「(1)…」, 「商业秘密怎么管＋省会经济圈…」: numbered items and a plus sign or & join questions as a joiner does (3.6件 is no item). */
const ENUMERATED = /(?:^|(?<=[\s，,；;。？?！!]))\s*[（(]?[1-9][.．、)）](?!\d)|(?<=[\u3400-\u9fff？?])\s*[＋+&＆]\s*(?=[\u3400-\u9fff])/g;
const SPACE_BETWEEN_HAN = /(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g;
/** A short message's clause that states what the enterprise wants (我们也想做商标品牌): a request, asked like a question. */
const WANTS =
  /^(?:(?:我们?|俺们?|咱们?)(?:厂|公司|企业|单位)?|公司|企业|厂里)?(?:[^，,。？?！!；;]{1,10}?)?(?:自己)?(?:也|还)?(?:想|打算|准备|希望)(?:给[^，,。]{1,4}|(?:跟|和|与)[^，,。]{1,8})?(?:做|搞|申请|办|弄|注册|了解|知道|参加|找|用|合作|建)/;
/** A clause that gives an example (比如先调解, 像商标这种). */
const EXAMPLE = /^(?:比如|例如|譬如|比方说|就像|像是)/;

/** A question that points back at the situation told before it (这种情况, 像我们这样的). */
const REFERS_BACK = /^(?:这|那|此|该|像我们|我们这)/;

interface Clause {
  text: string;
  /** The punctuation that ended it, as written. */
  end: string;
  /** Whether a joiner started it: it begins another question even without a topic check. */
  joined: boolean;
  /** Whether it opened by asking (想了解下…, 请问…): a request for what follows, a question even without a question word. */
  opened?: boolean;
}

/**
 * The separate questions of a message, in order. Two questions joined by
 * 顺便问下, 还有, 另外, 再问一下, 一个是…一个是… or a question mark become
 * two parts; a piece that only adds a detail of the question before it
 * (「专利质押贷款怎么办理，需要什么材料？」) stays with it, so every part keeps
 * a topic. A long story ({@link LONG_STORY_CHARS} characters or more) is
 * reduced to the sentences that ask something, each with the story's
 * statements before it as `context`. A message with one question (or none)
 * comes back whole, as one part with no context.
 *
 * Answer each part on its own (`context` and `question` together, or the
 * question alone when the context would lead retrieval astray) and cite
 * each part's measure, in order.
 */
export function splitQuestions(message: string, options: SplitOptions = {}): QuestionPart[] {
  const topicsOf = options.topicsOf ?? noTopics;
  const story = isStory(message);
  const parts: { question: string; topics: Set<string>; statementsBefore: number; statementsFrom: number }[] = [];
  const statements: string[] = [];
  let lastWasQuestion = false;
  let lastStatementTopics: string[] = [];
  let lastEnd = "";
  let condition = "";
  let conditionJoined = false;
  const clauses = clausesOf(message);
  clauses.forEach((clause, i) => {
    if (ANNOUNCEMENT.test(clause.text)) return;
    // 「想给企业做个专利导航，顺带问下…」: what comes before 顺便问下 was asked too.
    const beforeJoiner = !story && clauses[i + 1]?.joined === true;
    const asks = ASKS.test(clause.text) || /[？?]/.test(clause.end) || clause.opened === true || (!story && (parts.length > 0 || beforeJoiner) && WANTS.test(clause.text));
    // 「二是我们不太想打官司，能不能先调解」: what an enumerated item tells belongs to the question it leads to.
    if (!asks && (CONDITION.test(clause.text) || clause.joined) && !STRONG_END.test(clause.end)) {
      condition += clause.text + clause.end;
      // …and an English one that opens a sentence after a question (…abroad? And if we…, who…) starts another question.
      conditionJoined ||= clause.joined || (/^[a-z]/i.test(clause.text) && condition === clause.text + clause.end && lastWasQuestion && STRONG_END.test(lastEnd));
      return;
    }
    const text = condition + clause.text;
    const joined = clause.joined || conditionJoined;
    condition = "";
    conditionJoined = false;
    // 「有没有比打官司快的办法，比如先调解…」: an example right after a question says what that question means.
    const last = parts[parts.length - 1];
    if (!asks && last && lastWasQuestion && EXAMPLE.test(text)) {
      last.question += text + clause.end;
      for (const t of topicsOf(text)) last.topics.add(t);
      lastEnd = clause.end;
      return;
    }
    if (!asks) {
      statements.push(text + clause.end);
      lastStatementTopics = topicsOf(text);
      lastWasQuestion = false;
      lastEnd = clause.end;
      return;
    }
    const current = parts[parts.length - 1];
    // 「想跟高校搞个产学研联盟，有政策没？」: a question with no topic of its own right after a statement asks about the statement's.
    const own = topicsOf(text);
    const topics = own.length === 0 && !lastWasQuestion ? lastStatementTopics : own;
    if (!current || !lastWasQuestion || startsAnotherQuestion({ ...clause, joined }, topics, current, story && STRONG_END.test(lastEnd))) {
      const statementsFrom = current ? current.statementsBefore : 0;
      parts.push({ question: text + clause.end, topics: new Set(topics), statementsBefore: statements.length, statementsFrom });
    } else {
      current.question += text + clause.end;
      for (const t of topics) current.topics.add(t);
    }
    lastWasQuestion = true;
    lastEnd = clause.end;
  });
  if (parts.length === 0 || (parts.length === 1 && !story)) return [{ question: message.trim(), context: "", ask: message.trim() }];
  return parts.map((part, index) => {
    // Statements after the last question still tell the situation (…怎么办？我们是小企业。); a question that
    // points back (这个怎么弄) means the situation told since the question before it, when there is one.
    const since = statements.slice(part.statementsFrom, part.statementsBefore);
    const told = part.statementsBefore === 0 ? statements : since.length > 0 ? since : statements.slice(0, part.statementsBefore);
    const context = tidy(told.join(""));
    const question = tidy(part.question);
    // …，在口岸能拦住吗: a question with no topic of its own right after a situation told since the one before is about it.
    const aboutWhatWasJustTold = index > 0 && since.length > 0 && topicsOf(question).length === 0;
    const standsAlone = context.length === 0 || !(REFERS_BACK.test(question) || aboutWhatWasJustTold);
    return { question, context, ask: standsAlone ? question : `${context}${/[。！!？?；;]$/.test(context) ? "" : "。"}${question}` };
  });
}

/**
 * Whether a question right after another is a question of its own: a
 * joiner starts it, it names a topic the one before did not while that one
 * had a topic of its own (专利 is no new topic after 专利开放许可), or, in a
 * story, it is a sentence of its own with something to ask about.
 */
function startsAnotherQuestion(clause: Clause, topics: string[], current: { question: string; topics: Set<string> }, ownSentenceInStory: boolean): boolean {
  if (clause.joined) return true;
  const before = current.topics;
  // A question with no topic of its own (落实这个纲要的钱从哪来？) is made precise by the next one (…有没有专项经费？), not followed by another.
  if (before.size > 0 && topics.some((t) => isNewTopic(t, before, current.question))) return true;
  return ownSentenceInStory && roughTopics(clause.text).length > 0;
}

/**
 * Whether a topic is not one asked before: no earlier topic holds it (专利 is no new topic after 专利开放许可), and
 * what it adds to the earlier topics it holds was not asked before either (商标注册 after 「商标能不能注册」; 商标权
 * after 商标). 版权登记 after 「版权能不能质押」 is new: 登记 was not asked.
 */
function isNewTopic(topic: string, before: ReadonlySet<string>, questionBefore: string): boolean {
  if ([...before].some((b) => b.includes(topic))) return false;
  let rest = topic;
  for (const b of [...before].sort((x, y) => y.length - x.length)) rest = rest.replaceAll(b, "");
  return rest === topic || ([...rest].length >= 2 && !questionBefore.includes(rest));
}

/** The message cut into clauses at sentence ends, commas and joiners, joiners dropped. */
function clausesOf(message: string): Clause[] {
  // On a phone a space often ends a clause (版权能拿去质押吗  还有版权被侵了谁来查).
  const marked = betweenAskingClauses(message.trim().replace(ENUMERATED, "\u0000").replace(SPACE_BETWEEN_HAN, "，").replace(JOINERS_ANYWHERE, "\u0000"));
  const pieces = marked.split(CLAUSE_END);
  const clauses: Clause[] = [];
  // 「…地理标志，顺带问一句，新选育的…」: a joiner standing as a clause of its own joins the clause after it.
  let joinNext = false;
  for (let i = 0; i < pieces.length; i += 2) {
    const end = pieces[i + 1] ?? "";
    const segments = (pieces[i] ?? "").split("\u0000");
    segments.forEach((segment, n) => {
      let text = segment.trim();
      let joined = n > 0 || joinNext;
      const start = JOINERS_AT_START.exec(text);
      if (start && start[0].length < text.length) {
        text = text.slice(start[0].length).trim();
        joined = true;
      }
      const last = n === segments.length - 1;
      const opening = ASKING_OPENING.exec(text);
      const opened = Boolean(opening && opening[0].length < text.length && !ANNOUNCEMENT.test(text));
      if (opening && opened) text = text.slice(opening[0].length).trim();
      // 「想问一下：」 ended by its colon only introduces what follows.
      else if (opening && opening[0].length === text.length && last && /^[：:]/.test(end)) return;
      joinNext = text.length === 0 && joined;
      if (text.length > 0) clauses.push({ text, end: last ? end : "", joined, ...(opened ? { opened } : {}) });
      else if (last && clauses.length > 0 && end) (clauses[clauses.length - 1] as Clause).end += end;
    });
  }
  return clauses;
}

/** A clause that asks with a predicate of its own (能不能质押, 有没有奖励, 怎么申请), not only with a question word before a noun (什么专利). */
const ASKS_WITH_PREDICATE = /[？?]$|(?:吗|呢)$|([\u3400-\u9fff])不\1|怎么|咋|如何|怎样|能否|可不可以|有没有|是不是|是否|要不要|会不会/;

/** 「版权能不能质押、版权登记有没有奖励」: a 、 between two clauses that each ask ends a clause, as a comma would. */
function betweenAskingClauses(text: string): string {
  if (!text.includes("、")) return text;
  const pieces = text.split(/(、)/);
  let out = pieces[0] ?? "";
  for (let i = 1; i < pieces.length; i += 2) {
    const after = pieces[i + 1] ?? "";
    const before = out.split(CLAUSE_END).at(-1) ?? "";
    const next = after.split(CLAUSE_END)[0] ?? "";
    out += (ASKS_WITH_PREDICATE.test(before) && ASKS_WITH_PREDICATE.test(next) ? "，" : "、") + after;
  }
  return out;
}

function noTopics(): string[] {
  return [];
}

/** Whether a sentence has something to ask about: what is left once question words and generic details are out, if two characters or more. */
function roughTopics(text: string): string[] {
  const rest = (text.match(HAN) ?? []).join("").replace(NO_TOPIC_WORDS, "");
  return rest.length >= 2 ? [rest] : [];
}

/** Trailing commas off, and no doubled punctuation where clauses were joined. */
function tidy(text: string): string {
  return text.replace(/[，,、\s]+$/, "").trim();
}
