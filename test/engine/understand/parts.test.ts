import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../../src/engine/engine.js";
import { type QuestionPart, splitQuestions } from "../../../src/engine/understand/split.js";
import { outlineEngine } from "../support.js";
import { outlineTopics } from "./topics.js";

let engine: PolicyEngine;
let cleanup: () => Promise<void>;
let topicsOf: (text: string) => string[];
beforeAll(async () => {
  ({ engine, cleanup } = await outlineEngine());
  topicsOf = await outlineTopics();
});
afterAll(() => cleanup());

/** Each part asked as the engine is meant to: `ask`, and with its situation when that alone is refused. */
async function measuresOf(message: string): Promise<(string | undefined)[]> {
  const titles: (string | undefined)[] = [];
  for (const part of splitQuestions(message, { topicsOf }) as QuestionPart[]) {
    let answer = await engine.answer(part.ask);
    if (answer.status !== "answered" && part.context) answer = await engine.answer(`${part.context}${part.question}`);
    titles.push(answer.status === "answered" ? answer.citations[0]?.title : undefined);
  }
  return titles;
}

describe("the parts of a message, answered by the real engine", () => {
  it("cites a measure for each of two questions, in order", async () => {
    expect(await measuresOf("质押贷款找哪个部门？顺便问下专利导航是谁在做")).toEqual(["建立知识产权运营机制", "加强知识产权信息利用"]);
    expect(await measuresOf("想问两件事，一个是版权登记有没有奖励，一个是被人侵权了能不能找人调解")).toEqual(["强化知识产权政策导向", "加强知识产权纠纷调处"]);
    expect(await measuresOf("专利导航谁负责？地理标志谁管？")).toEqual(["加强知识产权信息利用", "注重知识产权品牌培育"]);
  });

  it("answers a story about counterfeits on each thing it asks", async () => {
    const story =
      "我们是一家做泰山茶的小企业，去年开始在网上卖茶叶，最近发现好几家网店用我们的商标卖假货，价格比我们便宜一半，客户还以为是我们的质量问题。我们已经跟平台投诉过，但没什么用。想问一下：这种情况能找市场监管局处理吗？能不能要求对方赔偿？如果打官司，法院处理要多久？另外我们的茶能不能申请地理标志？";
    const titles = await measuresOf(story);
    expect(titles).toHaveLength(4);
    expect(titles[0]).toBe("开展知识产权专项行动");
    expect(titles[2]).toBe("加大知识产权司法保护力度");
    expect(titles[3]).toBe("注重知识产权品牌培育");
  });

  it("answers a question that states a wish after another, and a 这个 that points back at the sentence before it", async () => {
    expect(await measuresOf("恶意抢注商标的有人管吗？我们自己也想做商标品牌")).toEqual(["完善知识产权综合监管", "注重知识产权品牌培育"]);
    const story =
      "我们是一家做动漫和图书的文化公司，创作了不少原创作品。一是想问版权登记政府有没有奖励；二是最近发现网上有人大量盗版我们的作品，版权执法能不能查一查；三是公司准备做新项目，听说版权也能评估质押融资，这个现在怎么弄？";
    const parts = splitQuestions(story, { topicsOf });
    expect(parts).toHaveLength(3);
    expect(parts[2]?.ask).toContain("版权也能评估质押融资");
    expect(parts[2]?.ask).not.toContain("盗版");
    expect((await engine.answer(story)).citations.map((c) => c.title)).toEqual(["强化知识产权政策导向", "开展知识产权专项行动", "建立知识产权运营机制"]);
  });

  it("answers a one-question story on its question, understood with its situation", async () => {
    const story =
      "我们公司是做汽车零部件的，这几年自己研发了十几项专利，有发明也有实用新型，但是一直放在手里没有用起来，公司账上资金也比较紧张，银行说没有抵押物不好贷款。听朋友说专利也能拿去贷款，我们这种情况该去找哪个部门？";
    expect(await measuresOf(story)).toEqual(["建立知识产权运营机制"]);
  });
});
