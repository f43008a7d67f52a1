import { beforeAll, describe, expect, it } from "vitest";
import { type Lexicon, readLexicon } from "../../../src/corpus/lexicon.js";
import { nearTopicTrap } from "../../../src/engine/understand/traps.js";
import { CORPUS_DIR } from "../../helpers/paths.js";

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await readLexicon(CORPUS_DIR);
});

const topicOf = (question: string) => nearTopicTrap(question, lexicon)?.topic;

describe("nearTopicTrap with corpus/lexicon.json", () => {
  it.each([
    ["公司员工要跟我们打劳动官司，怎么处理", "劳动人事"],
    ["研发人员的劳动合同到期不续签，要赔钱吗", "劳动人事"],
    ["市场监管局能管拖欠工资的事吗", "劳动人事"],
    ["辞退搞专利的员工要给多少补偿", "劳动人事"],
    ["我们申请专利的员工社保怎么交", "社会保险和住房公积金"],
    ["专利奖励要交个税吗", "税收"],
    ["知识产权转让的增值税怎么算", "税收"],
    ["专利代理费能开发票吗", "税收"],
    ["市场监管局营业执照怎么办", "企业登记"],
    ["工商注册和商号的事找谁", "企业登记"],
    ["高新技术企业认定有什么条件", "高新技术企业认定"],
    ["申报高企需要几个发明专利", "高新技术企业认定"],
    ["有专利的人才买房有补贴吗", "住房和房贷"],
    ["我那个商标侵权的案子怎么样了", "具体案件的进展"],
    ["我们起诉别人侵犯专利，判了没有", "具体案件的进展"],
    ["中院那个专利案件什么时候开庭", "具体案件的进展"],
    ["我的专利申请进展到哪了", "具体案件的进展"],
    ["想向检察院举报村干部贪污，怎么举报", "纪检监察和信访"],
    ["银保监分局能帮我投诉信用卡乱收年费吗", "金融消费"],
    ["泰安海关出口报关需要准备哪些单证", "进出口通关"],
    ["帮我查一下泰安某某公司那个发明专利现在还有效没", "某件专利或商标的法律状态"],
    ["学知识产权的研究生毕业了，泰安哪些公司在招人", "求职招聘"],
    ["想找工作，懂专利代理的去哪应聘", "求职招聘"],
    ["专利代理师资格考试啥时候报名", "职业资格考试"],
    ["上个月那个卖假化肥的案子，老板最后判了几年", "具体案件的进展"],
  ])("recognises %s as %s", (question, topic) => {
    expect(topicOf(question)).toBe(topic);
  });

  it.each([
    "侵犯商标的案件怎么处理",
    "知识产权案件审理太慢了，简单的案子能不能快点判",
    "高价值专利培育有什么措施",
    "高新技术企业在知识产权标准化管理方面有什么支持",
    "专利代理机构乱收费谁管",
    "商标注册需要营业执照吗",
    "员工跳槽把我们的技术秘密带走了，能告他吗",
    "职务发明人的奖酬和工资怎么算",
    "知识产权保险是怎么回事",
    "专利质押贷款利率是多少",
    "被人侵权了能不能找人调解",
    "专力质压代款咋弄",
    "品牌机构培育项目要交哪些材料？社保证明要几个月的",
    "检察院对知识产权犯罪怎么处理",
    "商标被人冒用，想查一下这家公司有没有失信记录",
    "出口的货被海关查到侵权了怎么办",
    "我们企业招不到懂专利的人，有人才政策吗",
    "考下专利代理师资格的人才，市里有奖励吗",
    "没房产抵押银行不给放款，手里的发明能不能贷到钱",
    "你好",
  ])("does not trap the IP question %s", (question) => {
    expect(nearTopicTrap(question, lexicon)).toBeUndefined();
  });

  it("points to where the question goes, by name only", () => {
    for (const question of ["公司员工要跟我们打劳动官司", "我那个案子怎么样了", "专利奖励要交个税吗", "高新技术企业认定有什么条件"]) {
      const trap = nearTopicTrap(question, lexicon);
      expect(trap?.whereToAsk).toMatch(/请/);
      expect(trap?.whereToAsk).not.toMatch(/\d{3,}|路|号楼|电话/);
    }
  });

  it("reads traditional script and full-width letters as the simplified question", () => {
    expect(topicOf("專利獎勵要交個稅嗎")).toBe("税收");
  });

  it("traps nothing when the lexicon lists no traps", () => {
    expect(nearTopicTrap("公司员工要跟我们打劳动官司", { nearTopicTraps: undefined })).toBeUndefined();
  });
});
