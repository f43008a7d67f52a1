/**
 * Details a question may ask for that a policy outline rarely gives: an
 * amount, a procedure, a deadline, a phone number, an address. The engine
 * prefers text that gives them, and says plainly when the text does not.
 */
export type Specific = "amount" | "procedure" | "deadline" | "phone" | "address";

/** How a question asks for each detail. */
const ASKED: [Specific, RegExp][] = [
  [
    "amount",
    /(补贴|补助|资助|奖励|奖补|扶持资金|奖金|多少钱|能拿多少|拿多少|支持多少|多少支持|补多少|金额|多少元|补贴多少|奖励多少|资助多少|补助多少|标准是多少|额度|补多少|给多少|奖多少|比例是|利率|费用|收费|多少万)/,
  ],
  [
    "procedure",
    /(准备什么|准备些什么|准备哪些|要带|带什么|提交什么|交什么|交哪些|要交|怎么办理|如何办理|怎样办理|怎么申请|如何申请|怎样申请|申请流程|办理流程|流程|手续|材料|条件|具体怎么|怎么弄|怎么做|步骤|如何操作|怎么办)/,
  ],
  [
    "deadline",
    /(截止|截至|什么时候|啥时候|什么时间|何时|期限|多久|多长时间|几天|几个工作日|几月|几号|哪天|哪一天|之前要|前要交|时限|报几次|报几回|一年几次|每年几次|多少次|几年内|几年|多少年|几个月)/,
  ],
  ["phone", /(电话|联系方式|热线|手机号|邮箱|怎么联系)/],
  ["address", /(地址|在哪(?![天年月])|哪里|去哪|到哪(?!天|一天|年|月|号|日|一步)|位置|怎么走|在什么地方)/],
];

/** Signs that a text does give the detail. */
const GIVEN: Record<Specific, RegExp> = {
  // Money, or a share of it: 5000元, 每件…3万, 贴息50%; not a target's share (占比达到60%).
  amount:
    /\d+(\.\d+)?\s*(万元|元)|每件.{0,8}\d|(补助|资助|奖励|补贴|贴息|补偿|比例|按照|给予)[^。；]{0,12}\d+(\.\d+)?\s*(%|％)|\d+(\.\d+)?\s*(%|％)[^。；]{0,6}(补助|资助|奖励|补贴|贴息|补偿)/,
  procedure: /(流程|程序|步骤|申请材料|申报材料|办理指南|提交)/,
  deadline: /(\d{4}年\d{1,2}月\d{1,2}日|\d+月\d+日(前|至)|截止|期限为|\d+个?(工作日|日|天|月|年)内|\d+个工作日)/,
  phone: /(\d{3,4}-\d{7,8}|\b1\d{10}\b|电话[：:])/,
  address: /(地址[：:]|\d+号|路\d|大厦|号楼)/,
};

/** How an answer names a detail the text does not give. */
export const SPECIFIC_NAMES: Record<Specific, string> = {
  amount: "具体的资助项目、金额或标准",
  procedure: "具体的申请条件、材料和办理流程",
  deadline: "具体的时间或截止期限",
  phone: "联系电话等联系方式",
  address: "具体地址",
};

export function askedSpecifics(question: string): Specific[] {
  return ASKED.filter(([, re]) => re.test(question)).map(([s]) => s);
}

/** How to apply, with what, on what conditions: what guides and notices set out (not 怎么办, asked of every measure). */
const HOW_TO_APPLY =
  /(怎么申请|如何申请|怎样申请|咋申请|申请流程|办理流程|申报流程|流程|手续|步骤|要交|交什么|交哪些|准备什么|准备哪些|什么材料|哪些材料|啥材料|申请条件|申报条件|什么条件|哪些条件)/;

/** Whether a question asks how to apply (怎么申请, 要交什么材料, 申请条件), the procedure a guide or notice sets out. */
export function asksHowToApply(question: string): boolean {
  return HOW_TO_APPLY.test(question);
}

/** True for a word that only asks for a detail (在哪, 多少钱), naming no topic. */
export function asksOnlyForDetail(word: string): boolean {
  return ASKED.some(([, re]) => re.test(word));
}

export function givesSpecific(text: string, specific: Specific): boolean {
  return GIVEN[specific].test(text);
}

/** 截止到哪天 asks a date (4月30日前); 多久能办完 a length of time (20个工作日内). */
const ASKS_DATE = /(截止|截至|什么时候|啥时候|何时|哪天|哪一天|几月|几号|日期)/;
const ASKS_DURATION = /(多久|多长时间|几天|几个工作日|时限|多少天|几年|多少年|几个月)/;
const GIVES_DATE = /(\d{4}年\d{1,2}月(\d{1,2}日)?|\d{1,2}月\d{1,2}日)/;
/** 20个工作日内, 15日以内, and a length of working days or a limit however put (审核时限压缩至20个工作日, 不超过30天). */
const GIVES_DURATION =
  /(?:\d+|[一二三四五六七八九十两]+)\s*个?(工作日|日|天|月|年)(内|以内|之内)|\d+\s*个工作日|(?:压缩|缩短|控制)(?:至|到|在)\s*\d+\s*个?(日|天|月)|不超过\s*\d+\s*个?(日|天|月)/;

/** Whether a text gives the detail as the question asks it: a deadline asked as a date by a date, asked as a length of time by one. */
export function givesSpecificAsked(text: string, specific: Specific, question: string): boolean {
  if (specific !== "deadline") return givesSpecific(text, specific);
  const date = ASKS_DATE.test(question);
  const duration = ASKS_DURATION.test(question);
  if (date === duration) return givesSpecific(text, specific);
  return (date ? GIVES_DATE : GIVES_DURATION).test(text);
}

/** The details asked that a text gives, each as the question asks it (see `givesSpecificAsked`). */
export function detailsGiven(text: string, details: readonly Specific[], question: string): Specific[] {
  return details.filter((d) => givesSpecificAsked(text, d, question));
}

/** Details whose presence in a text marks it as the one to answer with: the procedure is left out, as 怎么办 asks it of every measure. */
const RANKED_SPECIFICS: readonly Specific[] = ["amount", "deadline", "phone", "address"];
/** The details asked that decide ranking: an amount, a deadline, a phone, an address (not 怎么办's procedure). */
export function rankedSpecifics(asked: readonly Specific[], question: string): Specific[] {
  return detailsReallyAsked(asked, question).filter((s) => RANKED_SPECIFICS.includes(s));
}

/** The details a question really asks: 有没有资助 asks whether there is a policy; 补多少, 资助标准 ask the amount. */
export function detailsReallyAsked(asked: readonly Specific[], question: string): Specific[] {
  return asked.filter((s) => s !== "amount" || ASKS_QUANTITY.test(question));
}
/** …a quantity, that is: 多少, 几件 (not how often, 几次, or when, 几月 / 几号 / 几天). */
const ASKS_QUANTITY = /(多少(?!次)|几(?![次回月号天]|个工作日|个月)|金额|额度|比例|标准|上限|最高|封顶|多大|收费|费用)/;

/** The most a record's weight grows for giving every detail asked. */
const GIVES_ASKED_BONUS = 0.2;

/**
 * A record's weight for the details a question asks (截止到哪天, 补多少): text
 * that gives them ranks above text on the same topic that does not, up to
 * 1 + {@link GIVES_ASKED_BONUS} when it gives every one asked.
 */
export function specificsWeight(text: string, asked: readonly Specific[], question: string): number {
  const ranked = rankedSpecifics(asked, question);
  if (ranked.length === 0) return 1;
  const given = ranked.filter((s) => givesSpecific(text, s)).length;
  return 1 + (GIVES_ASKED_BONUS * given) / ranked.length;
}

/**
 * How a question asks a kind of detail, and how a heading names the section that gives it:
 * 截止到什么时候 ↔ 申报时间, 要交哪些材料 ↔ 申报材料, 需要什么条件 ↔ 申报条件, 交到哪个部门 ↔ 受理部门.
 */
const DETAIL_HEADINGS: [asked: RegExp, heading: RegExp][] = [
  [/(截止|什么时候|啥时候|何时|哪天|期限|多久|多长时间|多少天|几个工作日|多少个工作日|几天|几月|几号|哪个月|时限|时间限制|时间要求|限期)/, /(时间|期限|时限|日期|截止)/],
  [/(材料|资料|准备什么|交什么|交哪些|带什么)/, /(材料|资料)/],
  [/(条件|资格|哪些单位可以|谁能申请|谁可以申请|门槛|最少|至少|起码|够格|够不够)/, /(条件|资格|对象|适用范围)/],
  [/(流程|步骤|程序|怎么申请|如何申请|怎么办理|如何办理|手续)/, /(流程|程序|步骤|办理|提出申请)/],
  [/(哪个部门|哪些部门|哪个科室|哪个科|交到哪|交给|交哪|报到哪|报给|报哪|送到哪|受理|找谁|联系|电话)/, /(受理|部门|联系|咨询)/],
  [/(收费|收钱|要钱|免费)/, /(收费|费用|服务内容)/],
];

/** An amount asked, and the headings of the sections that set amounts (资助标准); in a 资助办法 nearly every article's heading is one. */
const AMOUNT_HEADING: [asked: RegExp, heading: RegExp] = [
  /(补多少|多少钱|金额|额度|比例|奖励多少|资助多少|支持多少|能拿多少|多少支持|给多少)/,
  /(标准|金额|额度|支持|资助|奖励|补助)/,
];

/**
 * Whether a section's own heading names the kind of detail the question asks (申报时间 for 截止到哪天);
 * `amounts: false` leaves amounts out, for telling the sections of one 资助办法 apart.
 */
export function headingNamesDetailAsked(heading: string, question: string, amounts = true): boolean {
  const kinds = amounts ? [...DETAIL_HEADINGS, AMOUNT_HEADING] : DETAIL_HEADINGS;
  return kinds.some(([asked, named]) => asked.test(question) && named.test(heading));
}
