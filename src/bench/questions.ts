import { SeededRandom } from "./random.js";

/** What a benchmark question stands for, so a report can say what the mix held. */
export type QuestionFlavour = "dev" | "topic" | "title" | "unit_duties" | "target" | "follow_up" | "out_of_scope";

/** One question of the benchmark mix. */
export interface BenchQuestion {
  text: string;
  flavour: QuestionFlavour;
  /** Asked with the previous question's answer as context (the question before it in the list). */
  followUp: boolean;
}

/** What the mix is made from: the corpus's own vocabulary, so questions hit real measures. */
export interface QuestionSources {
  /** Real questions (shared/eval/dev.jsonl), asked verbatim. */
  dev: readonly string[];
  /** Topic words: the lexicon's whole words, domain terms and colloquial synonyms. */
  topics: readonly string[];
  /** Record titles (measure lead phrases, section headings). */
  titles: readonly string[];
  /** Responsible units and the names people use for them. */
  units: readonly string[];
}

/** Shares of the mix; the rest of each share's draw falls to topic questions. */
const MIX: [QuestionFlavour, number][] = [
  ["dev", 0.1],
  ["title", 0.1],
  ["unit_duties", 0.1],
  ["target", 0.04],
  ["follow_up", 0.14],
  ["out_of_scope", 0.15],
  ["topic", 0.37],
];

const TOPIC_FRAMES = [
  "{t}找哪个部门？",
  "{t}有补贴吗",
  "{t}有没有奖励政策？",
  "{t}怎么办理？",
  "请问{t}归谁管？",
  "关于{t}，市里有什么政策？",
  "我们公司想了解一下{t}方面的支持措施",
  "{t}由哪些单位负责？",
  "{t}的具体要求是什么",
  "企业做{t}能得到什么帮助？",
  "{t}和{u}有什么规定？",
  "想问下{t}这块谁负责",
  "{t}",
  "{t}？",
  "搞{t}要去哪里办？",
  "纲要里对{t}是怎么说的",
];

const TITLE_FRAMES = ["“{t}”具体包括什么？", "{t}由哪些单位负责？", "{t}是什么意思", "介绍一下{t}", "{t}有哪些措施？"];

const UNIT_FRAMES = ["{u}负责哪些工作", "{u}在知识产权方面负责什么？", "{u}管哪些事？", "{u}有哪些职责", "{u}承担哪些任务？"];

const TARGET_QUESTIONS = [
  "到2025年有效注册商标量的目标是多少？",
  "每万人口高价值发明专利要达到多少件？",
  "到2035年要实现什么目标？",
  "纲要的发展目标是什么",
  "知识产权强市建设的工作原则有哪些？",
  "纲要的指导思想是什么？",
];

const FOLLOW_UPS = ["那找哪个部门？", "具体怎么申请？", "有补贴吗？", "这个由谁负责？", "那需要什么材料", "还有别的相关措施吗？", "具体是哪些单位", "那在哪里办理？"];

const OUT_OF_SCOPE = [
  "今天泰安天气怎么样？",
  "出口退税怎么办理？",
  "帮我写一首关于春天的诗",
  "社保断缴了怎么补？",
  "个税汇算怎么操作？",
  "公积金提取需要什么材料",
  "泰山门票多少钱？",
  "你好",
  "谢谢",
  "营业执照年报在哪里填？",
  "最近有什么好看的电影",
  "新能源汽车购置税减免吗？",
  "怎么注册一家公司？",
  "小孩上学怎么报名",
  "医保异地报销流程",
  "明天几点开门？",
];

/**
 * A deterministic, realistic question mix: real questions, topic words in
 * the colloquial frames people use ("…找哪个部门？", "…有补贴吗"), measure
 * titles, a unit's duties, targets, follow-ups that lean on the previous
 * answer, and questions outside the corpus. Same seed, same list.
 */
export function generateQuestions(sources: QuestionSources, count: number, seed = 7): BenchQuestion[] {
  const random = new SeededRandom(seed);
  const out: BenchQuestion[] = [];
  const push = (text: string, flavour: QuestionFlavour, followUp = false) => out.push({ text, flavour, followUp });
  const topic = () => random.pick(sources.topics);
  const fill = (frame: string, t: string) => frame.replace("{t}", t).replace("{u}", topic());

  while (out.length < count) {
    const flavour = drawFlavour(random.next());
    if (flavour === "dev" && sources.dev.length > 0) push(random.pick(sources.dev), "dev");
    else if (flavour === "title" && sources.titles.length > 0) push(fill(random.pick(TITLE_FRAMES), random.pick(sources.titles)), "title");
    else if (flavour === "unit_duties" && sources.units.length > 0) push(random.pick(UNIT_FRAMES).replace("{u}", random.pick(sources.units)), "unit_duties");
    else if (flavour === "target") push(random.pick(TARGET_QUESTIONS), "target");
    else if (flavour === "out_of_scope") push(random.pick(OUT_OF_SCOPE), "out_of_scope");
    else if (flavour === "follow_up" && out.length + 1 < count) {
      push(fill(random.pick(TOPIC_FRAMES), topic()), "topic");
      push(random.pick(FOLLOW_UPS), "follow_up", true);
    } else push(fill(random.pick(TOPIC_FRAMES), topic()), "topic");
  }
  return out;
}

function drawFlavour(x: number): QuestionFlavour {
  let sum = 0;
  for (const [flavour, share] of MIX) {
    sum += share;
    if (x < sum) return flavour;
  }
  return "topic";
}

/**
 * Groups a list into conversations: a question and the follow-ups right
 * after it. Concurrent clients take whole conversations, so a follow-up is
 * always sent with its own predecessor's answer as context.
 */
export function conversationsOf(questions: readonly BenchQuestion[]): BenchQuestion[][] {
  const out: BenchQuestion[][] = [];
  for (const q of questions) {
    const last = out.at(-1);
    if (q.followUp && last) last.push(q);
    else out.push([q]);
  }
  return out;
}

/** How many questions of each flavour a list holds, for the report. */
export function flavourCounts(questions: readonly BenchQuestion[]): Record<QuestionFlavour, number> {
  const counts = Object.fromEntries(MIX.map(([f]) => [f, 0])) as Record<QuestionFlavour, number>;
  for (const q of questions) counts[q.flavour]++;
  return counts;
}
