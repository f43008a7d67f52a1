import { beforeAll, describe, expect, it } from "vitest";
import { type Lexicon, readLexicon } from "../../../src/corpus/lexicon.js";
import { classifySmallTalk, smallTalkReply } from "../../../src/engine/understand/small-talk.js";
import { CORPUS_DIR } from "../../helpers/paths.js";

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await readLexicon(CORPUS_DIR);
});

describe("classifySmallTalk with corpus/lexicon.json", () => {
  it.each([
    ["你好", "greeting"],
    ["您好！", "greeting"],
    ["在吗？", "greeting"],
    ["哈喽", "greeting"],
    ["早上好啊", "greeting"],
    ["Hello", "greeting"],
    ["謝謝", "thanks"],
    ["谢谢", "thanks"],
    ["感谢！", "thanks"],
    ["辛苦了", "thanks"],
    ["好的谢谢", "thanks"],
    ["好的，谢谢你们", "thanks"],
    ["谢谢，说得很清楚", "thanks"],
    ["中午好，你是机器人吧", "greeting"],
    ["👍", "thanks"],
    ["人工客服", "human"],
    ["转人工", "human"],
    ["我要转人工！", "human"],
    ["能不能找个真人", "human"],
    ["人工服务", "human"],
    ["你好，我要人工客服", "human"],
    ["再见", "farewell"],
    ["拜拜～", "farewell"],
  ])("takes %s for %s", (message, kind) => {
    expect(classifySmallTalk(message, lexicon)).toBe(kind);
  });

  it.each([
    "你好，专利质押贷款怎么办",
    "您好，请问商标被人抢注了怎么办？",
    "谢谢，那商标呢",
    "你好，我想问一下专利",
    "人工智能企业做专利布局有什么措施",
    "好的，那要找哪个部门",
    "this patent",
    "专利申请有补贴吗",
    "",
    "？？？",
  ])("does not take %s for small talk", (message) => {
    expect(classifySmallTalk(message, lexicon)).toBeUndefined();
  });

  it("answers each kind with a short friendly reply that neither refuses nor cites a measure", () => {
    for (const kind of ["greeting", "thanks", "human", "farewell"] as const) {
      const reply = smallTalkReply(kind, lexicon);
      expect(reply).toBeTruthy();
      expect(reply!.length).toBeLessThan(120);
      expect(reply).not.toMatch(/不在本助手收录的政策范围内|责任单位：|工作措施|\d{3,}/);
    }
  });

  it("takes a request for a person worded at length for one, unless it names a topic", () => {
    const namesTopic = (text: string) => /人工智能|专利|商标/.test(text);
    expect(classifySmallTalk("有没有真人客服？机器人说不清楚", lexicon, namesTopic)).toBe("human");
    expect(classifySmallTalk("能不能找个真人跟我说", lexicon, namesTopic)).toBe("human");
    expect(classifySmallTalk("Thanks!", lexicon, namesTopic)).toBe("thanks");
    expect(classifySmallTalk("人工智能有什么政策", lexicon, namesTopic)).toBeUndefined();
    expect(classifySmallTalk("工作人员说专利质押要担保是真的吗", lexicon, namesTopic)).toBeUndefined();
    // Without a topic check, a request worded at length is not taken for one.
    expect(classifySmallTalk("有没有真人客服？机器人说不清楚", lexicon)).toBeUndefined();
  });

  it("knows no small talk when the lexicon has none", () => {
    expect(classifySmallTalk("你好", { smallTalk: undefined, smallTalkFillers: undefined })).toBeUndefined();
  });
});
