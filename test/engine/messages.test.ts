import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextFrom } from "../../src/engine/answer-schema.js";
import type { PolicyEngine } from "../../src/engine/engine.js";
import { outlineEngine } from "./support.js";

/** Messages as enterprises really send them, through the engine's one entry point. */
let engine: PolicyEngine;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ engine, cleanup } = await outlineEngine()), 120_000);
afterAll(() => cleanup?.());

describe("messages as enterprises write them", () => {
  it("answers a misspelt question with the right measure and says how it was understood", async () => {
    const answer = await engine.answer("专力质压代款咋弄");
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]).toMatchObject({ title: "建立知识产权运营机制", units: ["市市场监管局", "市文化和旅游局", "泰安银保监分局"] });
    expect(answer.parts.understoodAs).toBe("按「专利质押贷款咋弄」理解。");
    expect(answer.answer.startsWith("按「专利质押贷款咋弄」理解。")).toBe(true);
  });

  it("answers a question in traditional script as if written in simplified", async () => {
    const answer = await engine.answer("專利質押貸款找哪個部門？");
    expect(answer.citations[0]?.title).toBe("建立知识产权运营机制");
  });

  it("answers an English question on its subject in Chinese with the English note, English words matched as words", async () => {
    // "ai" is not in "Tai'an": the question is about pledge loans, not artificial intelligence.
    const answer = await engine.answer("How can my company get a loan in Tai'an using our patents as collateral?");
    expect(answer.citations[0]?.title).toBe("建立知识产权运营机制");
    expect(answer.parts.understoodAs).toMatch(/[A-Za-z]/);
    expect((await engine.answer("Are there any rewards for registering trademarks in Tai'an?")).citations[0]?.title).toBe("强化知识产权政策导向");
  });

  it("answers a situation told at length in the enterprise's own words, and still refuses a loan for a car", async () => {
    const squatted = await engine.answer("我们用了好几年的牌子被别人抢先注册了，对方现在开口要二十万才肯转给我们，这种事有人管吗");
    expect(squatted.citations[0]?.title).toBe("完善知识产权综合监管");
    const origin = await engine.answer("我们合作社种的茶在外面卖得不错，结果外地茶也打着这个名号卖，怎么把这个产地招牌保护起来");
    expect(origin.citations[0]?.title).toBe("注重知识产权品牌培育");
    expect((await engine.answer("我们厂的机器被别人抄了外观怎么办呢")).status).toBe("answered");
    expect((await engine.answer("想贷款买辆车，哪个银行利息低点？")).status).toBe("out_of_scope");
  });

  it("answers an English question whose only IP words are English ones, and a question whether one must go to Jinan with the local window", async () => {
    const english = await engine.answer("Is there any support if our company sets up a joint R&D lab with a university?");
    expect(english.status).toBe("answered");
    expect(english.citations[0]?.title).toBe("加大知识产权优势培育");
    const jinan = await engine.answer("办商标还得跑济南吗，泰安本地有没有窗口");
    expect(jinan.citations[0]?.title).toBe("健全知识产权公共服务体系");
  });

  it("answers situations told with no word of the outline: a copied package, a new process to protect, a result to put into production", async () => {
    const copied = await engine.answer("有家小厂把我们的包装原样照抄，还卖得比我们便宜，咋整");
    expect(["开展知识产权专项行动", "健全知识产权保护机制"]).toContain(copied.citations[0]?.title);
    const invented = await engine.answer("我们车间自己琢磨出一种新工艺，想先保护起来，市里有没有扶持");
    expect(invented.citations[0]?.title).toBe("强化知识产权政策导向");
    const result = await engine.answer("和学校的教授一起做出个成果，想放到我们厂里量产，有什么路子");
    expect(result.status).toBe("answered");
  });

  it("answers each question of a two-part message with its own measure, in order", async () => {
    const answer = await engine.answer("质押贷款找哪个部门？顺便问下专利导航是谁在做");
    expect(answer.kind).toBe("multi");
    expect(answer.parts.sections).toHaveLength(2);
    expect(answer.citations.slice(0, 3).map((c) => c.title)).toEqual(expect.arrayContaining(["建立知识产权运营机制", "加强知识产权信息利用"]));
    expect(answer.answer).toContain("【问题1】");
    expect(answer.answer).toContain("【问题2】");
  });

  it("greets back and thanks back, neither refusing nor citing", async () => {
    for (const message of ["你好", "谢谢", "人工客服", "好嘞，谢谢啊，帮了大忙了", "恁好啊，在么？", "有没有真人工作人员？想跟人当面聊聊俺们厂的情况"]) {
      const answer = await engine.answer(message);
      expect(answer, message).toMatchObject({ status: "answered", kind: "small_talk", citations: [] });
      expect(answer.answer, message).not.toContain("不在本助手收录");
    }
  });

  it("refuses a question whose subject is not IP even when it names a unit, saying where it belongs", async () => {
    const answer = await engine.answer("我们公司员工劳动合同纠纷，市场监管局管吗");
    expect(answer.status).toBe("out_of_scope");
    expect(answer.answer).toContain("人力资源社会保障部门");
    const complaint = await engine.answer("网上买的名牌商标的热水器坏了，商家不给退，去哪投诉");
    expect(complaint.status).toBe("out_of_scope");
    expect(complaint.answer).toContain("12315");
    // A counterfeit is an IP matter after all.
    expect((await engine.answer("有人卖假冒我们商标的热水器，上哪投诉")).status).toBe("answered");
  });

  it("keeps the previous measure for a follow-up that asks only a detail", async () => {
    const first = await engine.answer("专利能抵押贷款吗");
    const next = await engine.answer("申请的时候要准备些什么", { previousQuestion: first.question, previousCitationIds: first.citations.map((c) => c.id) });
    expect(next.citations[0]?.title).toBe("建立知识产权运营机制");
  });

  it("reads 那里 in a follow-up as the place the previous answer named, when that measure covers what is asked there", async () => {
    const first = await engine.answer("泰安有专利局的受理窗口吗");
    const context = { previousQuestion: first.question, previousCitationIds: first.citations.map((c) => c.id) };
    expect(first.citations[0]?.title).toBe("健全知识产权公共服务体系");
    expect((await engine.answer("那里能办商标吗", context)).citations[0]?.title).toBe("健全知识产权公共服务体系");
    // A place the previous measure says nothing of is retrieval's to decide.
    expect((await engine.answer("那里能办植物新品种保护吗", context)).citations[0]?.title).not.toBe("健全知识产权公共服务体系");
  });

  it("leaves the previous measure for a follow-up whose own words of the corpus point to another one", async () => {
    const first = await engine.answer("老师想带着自己的专利出来办公司，有什么支持");
    const next = await engine.answer("学校和工厂合建实验室呢", { previousQuestion: first.question, previousCitationIds: first.citations.map((c) => c.id) });
    expect(next.citations[0]?.id).not.toBe(first.citations[0]?.id);
    expect(next.citations[0]?.title).toBe("加大知识产权优势培育");
  });

  it("reads 「那商标呢？」 after a patent pledge loan as the same question of trademarks, not a new topic", async () => {
    const first = await engine.answer("专利能拿去质押贷款不");
    const second = await engine.answer("那要什么材料", contextFrom(first));
    const third = await engine.answer("那商标呢？", contextFrom(second));
    expect(third.citations[0]?.title).toBe("建立知识产权运营机制");
    // With no earlier turn the same words are a question about trademarks in general, answered on their own.
    expect((await engine.answer("那商标呢？")).citations[0]?.title).not.toBe("建立知识产权运营机制");
    // The same ellipsis with a second clause asking whether it works too.
    expect((await engine.answer("那商标呢，也可以吗", contextFrom(first))).citations[0]?.title).toBe("建立知识产权运营机制");
  });

  it("keeps a follow-up told in colloquial words in scope, and reads a short one with the question before it", async () => {
    const origin = await engine.answer("我们村的核桃想申请地理标志，市里给不给培育");
    const misuse = await engine.answer("邻村有人冒用咱们的标志怎么办", contextFrom(origin));
    expect(misuse.status).toBe("answered");
    expect(misuse.citations[0]?.title).toBe("开展知识产权专项行动");
    const agency = await engine.answer("我们找的代理公司收了钱不干活");
    expect(agency.citations[0]?.title).toBe("完善知识产权综合监管");
    // 投诉 alone points to enforcement; after the agency story it is a complaint about the agency.
    expect((await engine.answer("找谁投诉")).citations[0]?.title).not.toBe("完善知识产权综合监管");
    const complaint = await engine.answer("去哪投诉", contextFrom(agency));
    expect(complaint.citations[0]).toMatchObject({ title: "完善知识产权综合监管", units: ["市市场监管局", "市民营经济发展服务中心"] });
  });

  it("answers who carries out the whole after a section that names no units, and where the money comes from", async () => {
    const targets = await engine.answer("到2025年要达到什么目标");
    expect(targets.citations[0]?.title).toBe("发展目标");
    expect((await engine.answer("那谁来牵头", contextFrom(targets))).citations[0]?.title).toBe("加强组织领导");
    expect((await engine.answer("钱从哪儿来", contextFrom(targets))).citations[0]?.title).toBe("加强工作保障");
    // 「谁牵头」 alone, too short to say anything else, is who handles the measure just answered.
    const education = await engine.answer("中小学搞知识产权教育有什么安排");
    expect(education.citations[0]?.title).toBe("传播知识产权文化理念");
    const who = await engine.answer("谁牵头", contextFrom(education));
    expect(who.status).toBe("answered");
    expect(who.citations[0]?.title).toBe("传播知识产权文化理念");
    // After a measure with units, who handles it is that measure's units.
    const loan = await engine.answer("专利质押贷款有什么政策");
    expect((await engine.answer("那谁来牵头", contextFrom(loan))).citations[0]?.title).toBe("建立知识产权运营机制");
  });

  it("reads 这种事 in a follow-up as the situation the previous question told", async () => {
    const squatted = await engine.answer("我们的牌子叫人抢先注册了，人家也不用，就等着高价卖给我们");
    expect(squatted.citations[0]?.title).toBe("完善知识产权综合监管");
    const agency = await engine.answer("要是代理机构帮他们干这种事，有人管吗", contextFrom(squatted));
    expect(agency.citations[0]?.title).toBe("完善知识产权综合监管");
  });

  it("keeps in scope a situation told with words that are off topic elsewhere (写代码的)", async () => {
    const answer = await engine.answer("我们公司都是写代码的，没人懂专利这块，有没有机构能包下来帮我们打理");
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe("支持知识产权服务业发展");
    expect((await engine.answer("帮我写一段Python代码")).status).toBe("out_of_scope");
  });

  it("knows more of the ways enterprises put a topic: 贷到款, 直播带货, 开个课, open licensing", async () => {
    const cases: [string, string][] = [
      ["我们就一个软件著作权，能贷到款不", "建立知识产权运营机制"],
      ["搞直播带货的，我们这种新模式的知识产权怎么保护", "健全知识产权保护机制"],
      ["大专院校能不能开个知识产权的课", "加强知识产权人才队伍建设"],
      ["Is there open licensing of patents in Tai'an for small companies?", "建立知识产权运营机制"],
      // 实用新型 is a kind of patent the outline never names: still in scope.
      ["我们今年弄了三个实用新型，市里给奖励不", "强化知识产权政策导向"],
      ["饭店的秘方怕厨师走了带出去，企业该怎么管", "增强知识产权管理能力"],
    ];
    for (const [question, title] of cases) expect((await engine.answer(question)).citations[0]?.title, question).toBe(title);
  });

  it("matches a lexicon cue of two words apart (官司+拖): a slow lawsuit told in the enterprise's words", async () => {
    const slow = await engine.answer("跟人家打侵权官司，一拖就是一年多，市里能不能想办法让这类案子快些");
    expect(slow.citations[0]?.title).toBe("加大知识产权司法保护力度");
    // Either word alone is no slow lawsuit.
    expect((await engine.answer("代理机构一直拖着不给办")).citations[0]?.title).not.toBe("加大知识产权司法保护力度");
  });

  it("refuses a question on one judgment's fairness, but answers an enterprise that only says what it is", async () => {
    expect((await engine.answer("法院判我们赔二十万，这个判决判得公不公平")).status).toBe("out_of_scope");
    const answer = await engine.answer("我们是专精特新企业，想做专利布局，市里有支持吗");
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe("推进重点领域知识产权创造");
    expect((await engine.answer("专精特新认定需要什么条件")).status).toBe("out_of_scope");
  });

  it("reads a foreign country as abroad: an exporter told it infringes gets the overseas guidance", async () => {
    const answer = await engine.answer("我们出口到美国的设备，被那边一家公司说侵权了，市里有人能指导下吗");
    expect(answer.citations[0]?.title).toBe("健全知识产权保护机制");
  });

  it("answers a situation told in two parts, a thing the enterprise made and what happened to it, but neither part alone", async () => {
    // No phrase of the lexicon is in these: 花纹 + 照搬, 配比 + 拿去, 短视频 + 搬运, 名儿 + 登记.
    const pattern = await engine.answer("我们做的陶瓷杯子上的花纹被网店照搬了，咋办");
    expect(["开展知识产权专项行动", "健全知识产权保护机制"]).toContain(pattern.citations[0]?.title);
    const formula = await engine.answer("我们研发的新型饲料配比被前员工拿去自己干了");
    expect(formula.citations[0]?.title).toBe("增强知识产权管理能力");
    expect((await engine.answer("自己拍的短视频被别人搬运还挂了他们的水印")).status).toBe("answered");
    expect((await engine.answer("我们农家乐起了个名儿，怕被别人用了，要不要去登记")).status).toBe("answered");
    expect((await engine.answer("俺拍的航拍照片叫人拿走了，还挂网上卖，找谁")).status).toBe("answered");
    // A thing alone (程序) or a happening alone (带走) says nothing of IP.
    expect((await engine.answer("这个程序怎么走比较快")).status).toBe("out_of_scope");
    expect((await engine.answer("孩子把钥匙带走了咋办")).status).toBe("out_of_scope");
  });

  it("answers what the outline is for from its opening, however the question puts it, dialect included", async () => {
    for (const question of ["这个纲要是干什么的", "纲要的目的是什么", "这个纲要是弄么的？跟俺们做小买卖的有么关系", "这个纲要是根据什么定的"]) {
      const answer = await engine.answer(question);
      expect(answer.status, question).toBe("answered");
      expect(answer.citations.map((c) => c.title).slice(0, 2), question).toEqual(["编制背景", "泰安市知识产权强市建设纲要（征求意见稿）"]);
      expect(answer.answer, question).toContain("明确中长期知识产权工作思路和目标任务");
    }
  });

  it("answers situations told in the enterprise's words: a copied machine, a lab's result, a student's own company, names hoarded for sale", async () => {
    const cases: [string, string][] = [
      ["我们宁阳做木工机械的，机器外形被同行照着一模一样做了，网上卖得比我们还便宜，想让他们别再卖了", "开展知识产权专项行动"],
      ["学校实验室弄出来一种新材料，有企业感兴趣，但我们不懂怎么把东西交给企业用", "完善知识产权运营体系"],
      ["我在农大读博，手里有项自己搞出来的技术，毕业想拿它当家底出来单干开公司", "完善知识产权运营体系"],
      ["有人一口气抢了几十个带“泰山”俩字的名字，自己根本不用，就等着别人来高价买", "完善知识产权综合监管"],
    ];
    for (const [question, title] of cases) {
      const answer = await engine.answer(question);
      expect(answer.status, question).toBe("answered");
      expect(answer.citations[0]?.title, question).toBe(title);
    }
    // Opening a company with no word of IP is still a question for the registry.
    expect((await engine.answer("注册公司需要多少钱")).status).toBe("out_of_scope");
  });

  it("reads what happened to a thing even when a synonym names the right: seeds bred and sold by others are an enforcement matter", async () => {
    expect((await engine.answer("有人偷偷繁育我们的种子拿去卖，怎么办")).citations[0]?.title).toBe("开展知识产权专项行动");
    // …while wanting a new variety of one's own is still about the subsidies.
    expect((await engine.answer("我们村想给自己的小米培育个新品种，有鼓励政策不")).citations[0]?.title).toBe("强化知识产权政策导向");
    // Who oversees the agencies is the supervision measure, however it is asked; a brand squatted abroad is the overseas brand measure.
    for (const q of ["专利代理机构由谁来监管", "代理机构有人管吗"]) expect((await engine.answer(q)).citations[0]?.title, q).toBe("完善知识产权综合监管");
    const abroad = await engine.answer("厂里的货准备卖到越南泰国去，听说那边有人专门抢咱中国厂子的牌子名，先占上再高价卖回给你，咱得提前做点啥");
    expect(abroad.citations[0]?.title).toBe("注重知识产权品牌培育");
  });

  it("refuses a company's registered capital and a bank's fees even beside IP words, and greets back 能问个问题吗", async () => {
    const capital = await engine.answer("想注册个公司专门搞专利技术转让，注册资本最少要多少，能认缴吗");
    expect(capital.status).toBe("out_of_scope");
    expect(capital.answer).toContain("登记注册窗口");
    expect((await engine.answer("泰安银保监分局能投诉银行乱收贷款手续费吗")).status).toBe("out_of_scope");
    expect((await engine.answer("专利质押贷款手续费多少")).status).toBe("answered");
    expect((await engine.answer("你好呀，能问个问题吗")).kind).toBe("small_talk");
  });

  it("answers a question on registering trademarks abroad, in English too, with the overseas brand measure", async () => {
    expect((await engine.answer("Does Tai'an help exporters register their trademarks abroad?")).citations[0]?.title).toBe("注重知识产权品牌培育");
    const twoParts = await engine.answer("想跟高校搞个产学研联盟，有政策没？代理机构乱收费又该找谁");
    expect(twoParts.citations.map((c) => c.title)).toEqual(expect.arrayContaining(["加大知识产权优势培育", "完善知识产权综合监管"]));
  });

  it("reads a trap word only where the question holds it as a word: 年报 is not in 一年报几次", async () => {
    expect((await engine.answer("知识产权资助一年报几次")).status).toBe("answered");
    const annual = await engine.answer("企业年报怎么报");
    expect(annual.status).toBe("out_of_scope");
    expect(annual.answer).toContain("登记注册窗口");
  });

  it("greets back a greeting to the bot and a goodnight, and answers an English question on disputes abroad with the overseas measure", async () => {
    for (const text of ["你好呀 机器人", "好的辛苦了，晚安"]) expect((await engine.answer(text)).kind, text).toBe("small_talk");
    const english = await engine.answer("Hi, we're an exporter based in Tai'an. Does the city help companies deal with IP disputes abroad?");
    expect(english.citations[0]?.title).toBe("健全知识产权保护机制");
  });

  it("answers both questions of a message that asks two with a predicate each, joined by 、", async () => {
    const answer = await engine.answer("版权能不能质押、版权登记有没有奖励，就这俩事");
    expect(answer.citations.map((c) => c.title)).toEqual(expect.arrayContaining(["建立知识产权运营机制", "强化知识产权政策导向"]));
  });

  it("answers a long story that asks one question on that question, not on the rest of what it tells", async () => {
    const story =
      "我们是岱岳区做农机的，前两年花钱做了专利检索和专利数据分析，想摸清同行的专利布局，结果发现一家同行的产品和我们的专利几乎一样。我们不太想闹上法院伤和气，对方也是本地企业，平时还有合作。请问泰安有没有能帮忙调解知识产权纠纷的地方？";
    const answer = await engine.answer(story);
    expect(answer.status).toBe("answered");
    expect(answer.citations[0]?.title).toBe("加强知识产权纠纷调处");
    // A question that points back at the story (这种情况) is still read with it.
    const pointing = await engine.answer(
      "我们饭店的招牌菜用了十来年的名字，最近发现外地一家公司把这个名字注册成了商标，还发函让我们改名，不然就要告我们。我们开了这么多年，街坊都认这个名字，突然让改实在想不通。请问这种情况市里有人管吗？",
    );
    expect(pointing.status).toBe("answered");
    expect(["完善知识产权综合监管", "注重知识产权品牌培育"]).toContain(pointing.citations[0]?.title);
  });
});
