import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { LONG_STORY_CHARS, splitQuestions, topicFinder } from "../../../src/engine/understand/split.js";
import { ROOT, SHARED_DEV_SET } from "../../helpers/paths.js";
import { outlineTopics } from "./topics.js";

let topicsOf: (text: string) => string[];
beforeAll(async () => {
  topicsOf = await outlineTopics();
});

const questions = (message: string) => splitQuestions(message, { topicsOf }).map((p) => p.question);

describe("splitQuestions", () => {
  it("splits two questions joined by 顺便问下, with or without a question mark", () => {
    expect(questions("质押贷款找哪个部门？顺便问下专利导航是谁在做")).toEqual(["质押贷款找哪个部门？", "专利导航是谁在做"]);
    expect(questions("质押贷款找哪个部门顺便问下专利导航是谁在做")).toEqual(["质押贷款找哪个部门", "专利导航是谁在做"]);
  });

  it("splits at a joiner that stands as a clause of its own (，顺带问一句，), after what a subject of the enterprise's wants", () => {
    expect(questions("我们茶园的茶叶想申请地理标志，顺带问一句，版权登记有没有奖励")).toEqual(["我们茶园的茶叶想申请地理标志", "版权登记有没有奖励"]);
    expect(questions("质押贷款找哪个部门，再问一句，专利导航是谁在做")).toEqual(["质押贷款找哪个部门", "专利导航是谁在做"]);
  });

  it("splits two questions that each ask with a predicate of their own, joined by 、 or a comma, even where they share a word", () => {
    expect(questions("版权能不能质押、版权登记有没有奖励，就这俩事")).toEqual(["版权能不能质押", "版权登记有没有奖励"]);
    expect(questions("版权能不能质押，版权登记有没有奖励")).toEqual(["版权能不能质押", "版权登记有没有奖励"]);
    // A list of things asked about together stays one question.
    expect(questions("专利、商标有没有奖励")).toEqual(["专利、商标有没有奖励"]);
    expect(questions("什么专利、什么商标能贷款")).toEqual(["什么专利、什么商标能贷款"]);
    // …and a topic made only of the words asked before is no new question.
    expect(questions("商标能不能注册，商标注册找谁")).toEqual(["商标能不能注册，商标注册找谁"]);
  });

  it("splits at an & as at a plus sign, and reads a topicless question after a statement as asking about the statement", () => {
    expect(questions("专利开放许可是啥意思&侵权纠纷检验鉴定体系建起来了没")).toEqual(["专利开放许可是啥意思", "侵权纠纷检验鉴定体系建起来了没"]);
    expect(questions("想跟高校搞个产学研联盟，有政策没？代理机构乱收费又该找谁")).toEqual(["有政策没？", "代理机构乱收费又该找谁"]);
  });

  it("splits 一个是…一个是… and drops the announcement", () => {
    expect(questions("想问两件事，一个是版权登记有没有奖励，一个是被人侵权了能不能找人调解")).toEqual(["版权登记有没有奖励", "被人侵权了能不能找人调解"]);
  });

  it.each([
    ["商标被人抢注了怎么办，另外地理标志怎么申请", ["商标被人抢注了怎么办", "地理标志怎么申请"]],
    ["专利申请有补贴吗？还有商标能不能质押", ["专利申请有补贴吗？", "商标能不能质押"]],
    ["专利导航谁负责？再问一下地理标志谁管？", ["专利导航谁负责？", "地理标志谁管？"]],
    ["专利导航谁负责？地理标志谁管？", ["专利导航谁负责？", "地理标志谁管？"]],
  ])("splits %s", (message, parts) => {
    expect(questions(message)).toEqual(parts);
  });

  it.each([
    "专利质押贷款怎么办理，需要什么材料？",
    "专利质押贷款怎么办理？需要什么材料？",
    "专利质押贷款利率是多少，最多能贷多少万",
    "专利开放许可是个啥？我们小企业能借这个用上别人的专利技术吗？",
    "怎么才能评上知识产权优势企业？评上了有啥好处",
    "专利申请还有没有补贴",
    "那商标呢？",
    "我们的商标被人仿冒了",
    "我们公司今年注册了好几个商标，政府给不给钱啊？",
    "落实这个纲要的钱从哪来？市里和区县有没有专项经费？",
  ])("keeps %s as one question, whole", (message) => {
    expect(splitQuestions(message, { topicsOf })).toEqual([{ question: message, context: "", ask: message }]);
  });

  it("splits where a phone user puts a space between two questions, and reads 能…不 as a question", () => {
    expect(questions("版权能拿去质押吗  还有版权被侵了谁来查")).toEqual(["版权能拿去质押吗", "版权被侵了谁来查"]);
    expect(questions("技术调查官是干啥的？还有知识产权纠纷能走仲裁不")).toEqual(["技术调查官是干啥的？", "知识产权纠纷能走仲裁不"]);
  });

  it("reads what an enterprise wants to do with someone as a question before a joiner, and keeps an English condition with its question", () => {
    expect(questions("咱们厂想和农大搞个产学研联盟，另外知识产权保险企业能买吗")).toEqual(["咱们厂想和农大搞个产学研联盟", "知识产权保险企业能买吗"]);
    expect(questions("Does the city reward new patents? And if someone copies our product, who handles it?")).toEqual([
      "Does the city reward new patents?",
      "And if someone copies our product,who handles it?",
    ]);
  });

  it("keeps what an enumerated item tells with its question (一是…，…吗；二是…，…)", () => {
    const message =
      "我们是一家做石材加工的企业，厂里新研制了一种切割工艺，还没来得及申请专利，最近发现同行的产品和我们的一样，手头资金也紧张。想问三件事：一是现在去申请专利，市里给不给奖励；二是我们不想打官司，能不能先找人调解；三是已有的两个实用新型能不能拿去银行抵押贷款。";
    const parts = splitQuestions(message, { topicsOf });
    expect(parts.map((p) => p.question)).toEqual(["现在去申请专利，市里给不给奖励；", "我们不想打官司，能不能先找人调解；", "已有的两个实用新型能不能拿去银行抵押贷款。"]);
    // The announcement and its colon are neither a question nor the situation.
    expect(parts[0]!.context).not.toMatch(/三件事|：/);
  });

  it("reduces a long story to what it asks, each with the situation as context", () => {
    const story =
      "我们是一家做泰山茶的小企业，去年开始在网上卖茶叶，最近发现好几家网店用我们的商标卖假货，价格比我们便宜一半，客户还以为是我们的质量问题。我们已经跟平台投诉过，但没什么用。想问一下：这种情况能找市场监管局处理吗？能不能要求对方赔偿？如果打官司，法院处理要多久？另外我们的茶能不能申请地理标志？";
    expect(story.length).toBeGreaterThanOrEqual(LONG_STORY_CHARS);
    const parts = splitQuestions(story, { topicsOf });
    expect(parts.map((p) => p.question)).toEqual(["这种情况能找市场监管局处理吗？", "能不能要求对方赔偿？", "如果打官司，法院处理要多久？", "我们的茶能不能申请地理标志？"]);
    for (const part of parts) {
      expect(part.context).toContain("用我们的商标卖假货");
      expect(part.context).toContain("但没什么用");
    }
    // 这种情况 means the story's counterfeits: asked with the situation; 地理标志 is a topic of its own: asked alone.
    expect(parts[0]?.ask).toBe(`${parts[0]?.context}这种情况能找市场监管局处理吗？`);
    expect(parts[3]?.ask).toBe("我们的茶能不能申请地理标志？");
  });

  it("splits numbered items and a plus sign as joiners, but not a figure such as 3.6件", () => {
    expect(splitQuestions("1、软著能质押贷款吗 2、商标被抢注了找谁", { topicsOf }).map((p) => p.question)).toEqual(["软著能质押贷款吗", "商标被抢注了找谁"]);
    expect(splitQuestions("专利导航怎么申请＋版权登记有补贴吗", { topicsOf }).map((p) => p.question)).toEqual(["专利导航怎么申请", "版权登记有补贴吗"]);
    expect(splitQuestions("每万人口高价值发明专利到2025年达到3.6件吗", { topicsOf })).toHaveLength(1);
  });

  it("reads a clause opened by 想了解下 as a request, a question of its own before a joiner", () => {
    const parts = splitQuestions("想咨询下知识产权托管服务的情况，再就是商标质押找谁", { topicsOf });
    expect(parts.map((p) => p.question)).toEqual(["知识产权托管服务的情况", "商标质押找谁"]);
  });

  it("keeps an example given after a question with that question, not with the next one", () => {
    const message = "我们商标被人仿冒了，律师说打官司少说一年。一是有没有比打官司快的路子，例如先找人调解；二是商标能不能拿去银行贷款？";
    const parts = splitQuestions(message, { topicsOf });
    expect(parts.map((p) => p.question)).toEqual(["有没有比打官司快的路子，例如先找人调解；", "商标能不能拿去银行贷款？"]);
    expect(parts[1]?.context).not.toContain("调解");
  });

  it("keeps a long story that asks one thing as that question with its situation", () => {
    const story =
      "我们公司是做汽车零部件的，这几年自己研发了十几项专利，有发明也有实用新型，但是一直放在手里没有用起来，公司账上资金也比较紧张，银行说没有抵押物不好贷款。听朋友说专利也能拿去贷款，我们这种情况该去找哪个部门？";
    expect(story.length).toBeGreaterThanOrEqual(LONG_STORY_CHARS);
    const [part, ...rest] = splitQuestions(story, { topicsOf });
    expect(rest).toEqual([]);
    expect(part?.question).toBe("我们这种情况该去找哪个部门？");
    expect(part?.context).toContain("专利也能拿去贷款");
  });

  it("keeps the questions of the development and blind sets whole unless they join two topics", () => {
    const split: string[] = [];
    for (const file of ["test/engine/blind.jsonl", "test/engine/blind2.jsonl", "test/engine/holdout.jsonl"].map((f) => `${ROOT}/${f}`).concat(SHARED_DEV_SET)) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        continue;
      }
      for (const line of text.trim().split("\n")) {
        const { question } = JSON.parse(line) as { question: string };
        if (splitQuestions(question, { topicsOf }).length > 1) split.push(question);
      }
    }
    expect(split).toEqual([]);
  });

  it("without a topic finder, splits only at joiners", () => {
    expect(splitQuestions("专利导航谁负责？地理标志谁管？")).toHaveLength(1);
    expect(splitQuestions("质押贷款找哪个部门？顺便问下专利导航是谁在做")).toHaveLength(2);
  });
});

describe("topicFinder", () => {
  it("finds the longest words and none inside another", () => {
    const find = topicFinder(["质押融资", "融资", "专利", "专利导航"]);
    expect(find("专利导航和质押融资")).toEqual(["质押融资", "专利导航"]);
    expect(find("专利和融资").sort()).toEqual(["专利", "融资"].sort());
  });
});
