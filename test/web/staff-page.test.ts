import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type Answer, AnswerSchema } from "../../src/engine/answer-schema.js";
import { LOW_CONFIDENCE } from "../../src/engine/confidence.js";
import { PASSWORD, ROOT, sessionHeaders } from "./support/console.js";
import { STAFF, VIEWPORTS, askOnStaffPage as ask, browserSuite, openStaffPage, type Viewport } from "./support/browser.js";
import { CLOSE_CALL } from "../helpers/close-call.js";

const SUBSIDY_DOCX = path.join(ROOT, "test/fixtures/subsidy.docx");

const web = browserSuite({ screenshotPrefix: "staff", console: { copyCorpus: true } });

const open = (viewport: Viewport = "desktop", before?: (page: Page) => Promise<void>) => openStaffPage(web, { viewport, ...(before ? { before } : {}) });
const shot = web.shot;

async function apiAnswer(question: string): Promise<Answer> {
  const response = await fetch(web.app.url + "/api/ask", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(await sessionHeaders(web.app)) },
    body: JSON.stringify({ question }),
  });
  return AnswerSchema.parse(await response.json());
}

/** Starts a corpus test from the outline alone, even after one that failed half-way. */
async function withoutSubsidy(): Promise<void> {
  if (web.app.service.documents().some((d) => d.file === "subsidy.docx")) expect((await web.app.service.removeDocument("subsidy.docx")).ok).toBe(true);
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** Unfolds the evidence under the answer (folded on a phone). */
async function unfoldEvidence(page: Page): Promise<void> {
  const evidence = page.locator("#answer details.evidence");
  if (!(await evidence.evaluate((d: HTMLDetailsElement) => d.open))) await evidence.locator("summary").click();
}

describe.each(["desktop", "phone"] as const)("staff page on %s", (viewport) => {
  it("puts the short answer to read aloud first, with 复制答复 on the first screen and the evidence folded beneath, each fact once", async () => {
    const page = await open(viewport);
    const expected = await apiAnswer("专利质押贷款怎么办理？");
    await ask(page, "专利质押贷款怎么办理？");
    await expect(page.locator("#answer .answer-text").textContent()).resolves.toBe(expected.parts.spoken);
    expect(expected.parts.spoken).toMatch(/^请联系市市场监管局/);

    const copy = await page.locator("#copy-reply").boundingBox();
    expect(copy).not.toBeNull();
    expect(copy!.y + copy!.height).toBeLessThanOrEqual(VIEWPORTS[viewport].height);

    const evidence = page.locator("#answer details.evidence");
    await expect(evidence.evaluate((d: HTMLDetailsElement) => d.open)).resolves.toBe(viewport === "desktop");
    if (viewport === "phone") await evidence.locator("summary").click();
    await expect(evidence.locator(".measure").textContent()).resolves.toBe("建立知识产权运营机制");
    await expect(evidence.locator(".quote .sentence").allTextContents()).resolves.toEqual(expected.parts.quotes);
    // Each unit once in the whole card, the quote once.
    await expect(page.locator("#answer mark.unit").allTextContents()).resolves.toEqual(["市市场监管局", "市文化和旅游局", "泰安银保监分局"]);
    expect(await page.locator("#answer blockquote").count()).toBe(1);
    await expect(evidence.locator(".not-specified").textContent()).resolves.toContain("办理流程");
    await expect(page.locator("#answer .badge.draft").textContent()).resolves.toBe("征求意见稿");
    await shot(page, `answer-${viewport}`, false);
  });

  it("marks the unit the question names, by an alias too, among the answer's units, and says when it is not one of them", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押融资找市监局吗");
    await unfoldEvidence(page);
    await expect(page.locator("#answer mark.unit.asked").allTextContents()).resolves.toEqual(["市市场监管局"]);
    expect(await page.locator("#answer .not-listed").count()).toBe(0);
    await shot(page, `asked-unit-${viewport}`, false);

    await ask(page, "专利质押融资找市公安局吗");
    await unfoldEvidence(page);
    expect(await page.locator("#answer mark.unit.asked").count()).toBe(0);
    await expect(page.locator("#answer .not-listed").textContent()).resolves.toBe("所问的市公安局不在该措施列明的责任单位中。");
  });

  it("lists a unit's measures once, from the unit look-up, with the asked-about unit marked", async () => {
    const page = await open(viewport);
    await ask(page, "市监局负责哪些工作");
    const items = page.locator("#answer ol.listing li");
    await expect(items.count()).resolves.toBe(16);
    expect(await page.locator("#answer .citation").count()).toBe(0);
    await expect(page.locator("#answer mark.unit.asked").allTextContents()).resolves.toEqual(["市市场监管局"]);
    const titles = await items.locator("button").allTextContents();
    expect(new Set(titles).size).toBe(16);
    await items.locator("button", { hasText: "建立知识产权运营机制" }).click();
    await page.locator("#record-view h3", { hasText: "建立知识产权运营机制" }).waitFor();
    await expect(page.locator("#record-view mark.unit.asked").allTextContents()).resolves.toEqual(["市市场监管局"]);
    await shot(page, `unit-listing-${viewport}`);
  });

  it("replaces the old answer and the open full text with a Chinese error when a request fails", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押贷款怎么办理？");
    await unfoldEvidence(page);
    await page.locator("#answer .open-record").click();
    await page.locator("#record-view h2", { hasText: "措施全文" }).waitFor();

    // The server answers with an English message (as older versions did): the page shows its own Chinese one.
    await page.route("**/api/ask", (route) =>
      route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal", message: "Internal server error." } }) }),
    );
    await page.fill("#question", "地理标志产品保护找哪个部门？");
    await page.press("#question", "Enter");
    await page.locator("#answer.error-card").waitFor();
    await expect(page.locator("#answer .error-message").textContent()).resolves.toBe("服务器内部错误，请稍后再试。");
    expect(await page.locator("#answer .citation, #answer .answer-text").count()).toBe(0);
    await expect(page.locator("#record-view").isHidden()).resolves.toBe(true);
    await expect(page.locator("#answer").getAttribute("role")).resolves.toBe("alert");
    await shot(page, `error-${viewport}`, false);

    // Network down: the same, with its own message; 重新查询 asks again once it is back.
    await page.unroute("**/api/ask");
    await page.route("**/api/ask", (route) => route.abort("connectionrefused"));
    await page.press("#question", "Enter");
    await page.locator("#answer .error-message", { hasText: "无法连接服务器" }).waitFor();
    await page.unroute("**/api/ask");
    await page.getByRole("button", { name: "重新查询" }).click();
    await page.locator("#answer:not(.error-card) .answer-text", { hasText: "市市场监管局" }).waitFor();
  });

  it("while a question runs keeps it in the box, disables 查询, dims the old answer, and queues a second one", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押贷款怎么办理？");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/ask", async (route) => {
      await held;
      await route.continue();
    });
    await page.fill("#question", "地理标志产品保护找哪个部门？");
    await page.press("#question", "Enter");
    await page.locator("#answer.stale").waitFor();
    await expect(page.locator("#ask-button").isDisabled()).resolves.toBe(true);
    await expect(page.inputValue("#question")).resolves.toBe("地理标志产品保护找哪个部门？");

    await page.fill("#question", "市公安局负责哪些知识产权工作？");
    await page.press("#question", "Enter");
    await page.locator("#status", { hasText: "已排队 1 个" }).waitFor();
    await shot(page, `loading-${viewport}`, false);
    release();
    await page.locator("#answer:not(.stale) .question", { hasText: "市公安局负责哪些知识产权工作？" }).waitFor();
    await expect(page.locator("#ask-button").isEnabled()).resolves.toBe(true);
    const asked = web.app.service.queries({ limit: 3 }).map((q) => q.question);
    expect(asked.slice(0, 2)).toEqual(["市公安局负责哪些知识产权工作？", "地理标志产品保护找哪个部门？"]);
  });

  // copying
  it("copies a reply that reads well on a phone and does not quote the caller's question back", async () => {
    const page = await open(viewport);
    const long = `您好，我们是一家做机械的企业，最近资金比较紧张，${"想了解一下".repeat(20)}专利质押贷款怎么办理？`;
    await ask(page, long);
    await page.click("#copy-reply");
    await page.locator(".copy-status", { hasText: "已复制" }).waitFor();
    const copied = await clipboard(page);
    expect(copied.startsWith("您好！\n请联系市市场监管局")).toBe(true);
    expect(copied).not.toContain("想了解一下");
    expect(copied).toContain("依据：");
    expect(copied).toContain("征求意见稿");
    // Each fact once: the units are named once, in the short answer.
    expect(copied.split("泰安银保监分局").length - 1).toBeLessThanOrEqual(2);
    // A long question does not widen the page: 本窗口查询记录 cuts it short, nothing scrolls sideways.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(VIEWPORTS[viewport].width);
  });

  it("offers a 短信版 of at most 70 characters from the short answer", async () => {
    const page = await open(viewport);
    await ask(page, "地理标志产品保护找哪个部门？");
    await page.click("#show-sms");
    const sms = (await page.locator("#sms-text").textContent()) ?? "";
    expect([...sms].length).toBeLessThanOrEqual(70);
    expect(sms).toContain("市市场监管局、市农业农村局");
    await page.click("#copy-sms");
    await page.locator(".copy-status", { hasText: "短信版已复制" }).waitFor();
    await expect(clipboard(page)).resolves.toBe(sms);
    await shot(page, `sms-${viewport}`, false);
  });

  it("copies a refusal's reason and not the list of example questions", async () => {
    const page = await open(viewport);
    await ask(page, "今天天气怎么样");
    await expect(page.locator("#answer .refusal .chip").count()).resolves.toBeGreaterThan(0);
    await page.click("#copy-reply");
    await page.locator(".copy-status", { hasText: "已复制" }).waitFor();
    const copied = await clipboard(page);
    expect(copied).toContain("不在本助手收录的政策范围内");
    expect(copied).toContain("只回答知识产权政策方面的问题");
    expect(copied).not.toContain("您可以这样问");
    expect(copied).not.toContain("专利质押贷款怎么办理");
    await shot(page, `refusal-${viewport}`);
  });

  // the full text
  it("opens 措施全文 with a heading, the quoted sentences marked, copy and close; the next question closes it", async () => {
    const page = await open(viewport);
    const expected = await apiAnswer("专利质押贷款怎么办理？");
    await ask(page, "专利质押贷款怎么办理？");
    await unfoldEvidence(page);
    await page.locator("#answer .open-record").click();
    const panel = page.locator("#record-view");
    await panel.locator("h2", { hasText: "措施全文" }).waitFor();
    await expect(panel.locator("h3").textContent()).resolves.toBe("建立知识产权运营机制");
    await expect(panel.locator("mark.hl").allTextContents()).resolves.toEqual(expected.parts.quotes);
    await shot(page, `full-text-${viewport}`);
    await panel.locator("#copy-record").click();
    await panel.locator(".copy-status", { hasText: "全文已复制" }).waitFor();
    const copied = await clipboard(page);
    expect(copied).toContain("建立知识产权运营机制");
    expect(copied).toContain("责任单位：市市场监管局、市文化和旅游局、泰安银保监分局");
    await panel.locator("#close-record").click();
    await expect(panel.isHidden()).resolves.toBe(true);

    await unfoldEvidence(page);
    await page.locator("#answer .open-record").click();
    await panel.locator("h2").waitFor();
    await page.keyboard.press("Escape");
    await expect(panel.isHidden()).resolves.toBe(true);

    await page.locator("#answer .open-record").click();
    await panel.locator("h2").waitFor();
    await ask(page, "地理标志产品保护找哪个部门？");
    await expect(panel.isHidden()).resolves.toBe(true);
  });

  // history and turns
  it("shows the conversation as turns, and 开始新话题 drops the follow-up context", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押贷款怎么办理？");
    await ask(page, "那找哪个部门？");
    await expect(page.locator("#earlier-count").textContent()).resolves.toBe("1");
    await page.locator("#earlier summary").click();
    await expect(page.locator("#turns .turn-q").allTextContents()).resolves.toEqual(["问：专利质押贷款怎么办理？"]);
    await expect(page.locator("#answer .answer-text").textContent()).resolves.toContain("市市场监管局");
    await shot(page, `turns-${viewport}`);

    const bodies: unknown[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/ask")) bodies.push(request.postDataJSON());
    });
    await page.click("#new-topic");
    await expect(page.locator("#follow-up").isHidden()).resolves.toBe(true);
    await expect(page.locator("#earlier").isHidden()).resolves.toBe(true);
    await ask(page, "地理标志产品保护找哪个部门？");
    expect(bodies).toEqual([{ question: "地理标志产品保护找哪个部门？" }]);
  });

  it("keeps this window's questions for the session and re-asks one with a click", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押贷款怎么办理？");
    await ask(page, "市公安局负责哪些知识产权工作？");
    await page.reload();
    await page.locator("body.ready").waitFor();
    const entries = page.locator("#history .history-ask");
    await expect(entries.allTextContents()).resolves.toEqual(["市公安局负责哪些知识产权工作？", "专利质押贷款怎么办理？"]);
    await entries.filter({ hasText: "专利质押贷款怎么办理？" }).click();
    await page.locator("#answer .question", { hasText: "专利质押贷款怎么办理？" }).waitFor();
    await expect(entries.first().textContent()).resolves.toBe("专利质押贷款怎么办理？");
    await shot(page, `history-${viewport}`);
  });

  // the question box
  it("sends on Enter, adds a line on Shift+Enter, counts against the core's limit and says when a question is empty or too long", async () => {
    const page = await open(viewport);
    const max = web.app.config.MAX_QUESTION_CHARS;
    await expect(page.locator("#counter").textContent()).resolves.toBe(`0 / ${max}`);
    await shot(page, `start-${viewport}`);
    await page.click("#ask-button");
    await expect(page.locator("#status.error").textContent()).resolves.toBe("请输入问题。");
    await shot(page, `empty-question-${viewport}`, false);

    await page.locator("#question").pressSequentially("专利质押贷款");
    await page.keyboard.press("Shift+Enter");
    await page.locator("#question").pressSequentially("怎么办理？");
    await expect(page.inputValue("#question")).resolves.toBe("专利质押贷款\n怎么办理？");
    await expect(page.locator("#counter").textContent()).resolves.toBe(`12 / ${max}`);
    await page.keyboard.press("Enter");
    await page.locator("#answer .answer-text", { hasText: "市市场监管局" }).waitFor();

    const before = web.app.service.queries({ limit: 1 })[0]?.id;
    await page.fill("#question", "专".repeat(max + 1));
    await expect(page.locator("#counter.over").textContent()).resolves.toBe(`${max + 1} / ${max}`);
    await page.press("#question", "Enter");
    await expect(page.locator("#status.error").textContent()).resolves.toContain(`最多 ${max} 个字`);
    await expect(page.locator("#status.error").textContent()).resolves.not.toMatch(/[A-Za-z]/);
    expect(web.app.service.queries({ limit: 1 })[0]?.id).toBe(before);
    await shot(page, `too-long-${viewport}`, false);
  });

  it("flags a low-confidence answer by the threshold the API gives", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押贷款怎么办理？");
    expect(await page.locator("#answer .low-confidence").count()).toBe(0);
    // The page hard-codes no threshold: served a higher one, it flags the same answer.
    await page.route("**/api/config", (route) =>
      route.fulfill({ contentType: "application/json", body: JSON.stringify({ maxQuestionChars: web.app.config.MAX_QUESTION_CHARS, lowConfidence: 0.99 }) }),
    );
    await page.reload();
    await page.locator("body.ready").waitFor();
    await ask(page, "专利质押贷款怎么办理？");
    await page.locator("#answer .low-confidence", { hasText: "匹配度较低" }).waitFor();
    await shot(page, `low-confidence-${viewport}`, false);
    expect(LOW_CONFIDENCE).toBeLessThan(0.99);
  });

  // feedback
  it("shows 有帮助 pressed, and sends 没帮助 with a reason and a comment to the admin queue", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押贷款怎么办理？");
    await page.getByRole("button", { name: "有帮助" }).click();
    await page.locator(".feedback-status", { hasText: "已记录：有帮助" }).waitFor();
    await expect(page.getByRole("button", { name: "有帮助" }).getAttribute("aria-pressed")).resolves.toBe("true");
    expect(web.app.service.queries({ limit: 1 })[0]).toMatchObject({ question: "专利质押贷款怎么办理？", feedback: 1 });

    await ask(page, "地理标志产品保护找哪个部门？");
    await page.getByRole("button", { name: "没帮助" }).click();
    await expect(page.locator(".feedback-reason label.reason").allTextContents()).resolves.toEqual(["答非所问", "单位不对", "已过时", "其他"]);
    await page.getByLabel("单位不对").check();
    await page.fill(".feedback-reason textarea", "应当还有市农业农村局以外的单位");
    await shot(page, `feedback-reason-${viewport}`, false);
    await page.getByRole("button", { name: "提交反馈" }).click();
    await page.locator(".feedback-status", { hasText: "没帮助（单位不对）" }).waitFor();
    await expect(page.getByRole("button", { name: "没帮助" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(page.getByRole("button", { name: "有帮助" }).getAttribute("aria-pressed")).resolves.toBe("false");
    const row = web.app.service.queries({ limit: 1 })[0] as unknown as Record<string, unknown>;
    expect(row).toMatchObject({
      question: "地理标志产品保护找哪个部门？",
      askedBy: STAFF.username,
      feedback: -1,
      feedbackReason: "wrong_unit",
      feedbackComment: "应当还有市农业农村局以外的单位",
      feedbackBy: STAFF.username,
    });
    await shot(page, `feedback-sent-${viewport}`, false);
  });

  // curated answers
  it("proposes a curated answer from an answer, which waits for an admin", async () => {
    const question = viewport === "desktop" ? "专利导航找谁？" : "专利导航项目找哪个部门？";
    const expected = await apiAnswer(question);
    const page = await open(viewport);
    await ask(page, question);
    await page.getByRole("button", { name: "提议为精选答复" }).click();
    const draft = page.locator("#answer .proposal-form textarea");
    await expect(draft.inputValue()).resolves.toBe(expected.parts.spoken);
    await draft.fill(`${expected.parts.spoken}窗口可代为转交材料。`);
    await shot(page, `proposal-${viewport}`, false);
    await page.getByRole("button", { name: "提交提议" }).click();
    await page.locator("#answer .proposal-status", { hasText: "已提交，管理员采纳后生效。" }).waitFor();
    const proposal = web.app.service.listProposals().find((p) => p.question === question);
    expect(proposal).toMatchObject({ answer: `${expected.parts.spoken}窗口可代为转交材料。`, recordId: expected.citations[0]!.id, author: STAFF.username, status: "proposed" });
    expect(web.app.service.listCurated().some((c) => c.question === question)).toBe(false);
    expect(web.app.service.auditLog({ actor: STAFF.username, action: "curated.propose", limit: 1 })[0]?.detail).toContain(question);
  });

  it("marks a curated answer 精选答复 and gives its text as written, with the measure's citation", async () => {
    const recordId = web.app.service.unit("市公安局")!.records[0]!.id;
    const question = `知识产权犯罪在哪里报案（${viewport}）？`;
    const text = "精选答复：请携带相关证据到市公安局报案。";
    web.app.service.createCurated({ question, answer: text, recordId, author: "zhou.admin" });
    const page = await open(viewport);
    await ask(page, question);
    await page.locator("#answer .badge.curated", { hasText: "精选答复" }).waitFor();
    await expect(page.locator("#answer").textContent()).resolves.toContain(text);
    await unfoldEvidence(page);
    await expect(page.locator("#answer .citation").getAttribute("data-record")).resolves.toBe(recordId);
    // Already curated: nothing to propose.
    expect(await page.locator("#answer .proposal-box").count()).toBe(0);
    await shot(page, `curated-${viewport}`, false);
  });

  // print
  it("prints a one-page 一次性告知单: topic, short answer, basis, units, draft note, date", async () => {
    const page = await open(viewport);
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.reload();
    await page.locator("body.ready").waitFor();
    await ask(page, "地理标志产品保护找哪个部门？");
    await page.click("#print-notice");
    await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);
    await page.emulateMedia({ media: "print" });
    const notice = page.locator("#notice");
    await expect(notice.isVisible()).resolves.toBe(true);
    await expect(page.locator("main.staff").isVisible()).resolves.toBe(false);
    const text = (await notice.textContent()) ?? "";
    expect(text).toContain("一次性告知单");
    expect(text).toContain("地理标志产品保护找哪个部门？");
    expect(text).toContain("请联系市市场监管局、市农业农村局");
    expect(text).toContain("三、工作措施 › （三）提升知识产权运用效益 › 4.注重知识产权品牌培育");
    expect(text).toContain("征求意见稿");
    const today = new Date();
    expect(text).toContain(`${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`);
    await shot(page, `notice-print-${viewport}`);
  });

  // corpus changes
  it("refreshes the outline and the units when the window regains focus after the index changed", async () => {
    await withoutSubsidy();
    const page = await open(viewport);
    await expect(page.locator("#outline").textContent()).resolves.not.toContain("泰安市专利资助办法");
    const published = await web.app.service.publishDocument("subsidy.docx", fs.readFileSync(SUBSIDY_DOCX));
    expect(published.ok).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await page.locator("#outline summary", { hasText: "泰安市专利资助办法（测试样例）" }).waitFor();
    await page.locator("#unit-filter option[value='市财政局']").waitFor({ state: "attached" });
    await shot(page, `outline-refreshed-${viewport}`);

    const removed = await web.app.service.removeDocument("subsidy.docx");
    expect(removed.ok).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await page.locator("#outline summary", { hasText: "泰安市专利资助办法" }).waitFor({ state: "detached" });
    await page.locator("#unit-filter option[value='市财政局']").waitFor({ state: "detached" });
  });

  it("refreshes the open page every 30 seconds by itself: a published document appears, a removed one disappears", async () => {
    await withoutSubsidy();
    // The page's own timer, on a clock the test moves: no focus, no visibility change, no reload.
    const page = await open(viewport, (p) => p.clock.install());
    const published = await web.app.service.publishDocument("subsidy.docx", fs.readFileSync(SUBSIDY_DOCX));
    expect(published.ok).toBe(true);
    await expect(page.locator("#outline").textContent()).resolves.not.toContain("泰安市专利资助办法");
    await page.clock.runFor(30_000);
    await page.locator("#outline summary", { hasText: "泰安市专利资助办法（测试样例）" }).waitFor();
    await page.locator("#unit-filter option[value='市财政局']").waitFor({ state: "attached" });

    const removed = await web.app.service.removeDocument("subsidy.docx");
    expect(removed.ok).toBe(true);
    await page.clock.runFor(30_000);
    await page.locator("#outline summary", { hasText: "泰安市专利资助办法" }).waitFor({ state: "detached" });
    await page.locator("#unit-filter option[value='市财政局']").waitFor({ state: "detached" });
    await expect(page.locator("body").getAttribute("data-index-version")).resolves.toBe(web.app.service.health().indexVersion);
    await shot(page, `outline-timed-refresh-${viewport}`);
  });

  // a question back
  it("shows a question back's measures as buttons under 您是想问……, and re-asks the same question from the one clicked or typed", async () => {
    const expected = await apiAnswer(CLOSE_CALL);
    expect(expected.kind).toBe("clarify");
    const offered = expected.parts.choices!;
    expect(offered.length).toBeGreaterThanOrEqual(2);
    const page = await open(viewport);
    const bodies: unknown[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/ask")) bodies.push(request.postDataJSON());
    });
    await ask(page, CLOSE_CALL);
    await expect(page.locator("#answer").getAttribute("data-kind")).resolves.toBe("clarify");
    await expect(page.locator("#answer .answer-text").textContent()).resolves.toBe(expected.parts.lead);
    expect(expected.parts.lead).toContain("您是想问");
    // The choices under the question, each with its units; nothing to copy, print or rate, no evidence, before one is picked.
    await expect(page.locator("#answer ol.choices .choice-title").allTextContents()).resolves.toEqual(offered.map((c) => c.title));
    await expect(page.locator("#answer ol.choices .choice-units").allTextContents()).resolves.toEqual(expected.citations.map((c) => `责任单位：${c.units.join("、")}`));
    for (const hidden of ["#copy-reply", "#print-notice", ".feedback-box", "details.evidence"]) expect(await page.locator(`#answer ${hidden}`).count(), hidden).toBe(0);
    const last = await page.locator("#answer ol.choices button").last().boundingBox();
    expect(last!.y + last!.height).toBeLessThanOrEqual(VIEWPORTS[viewport].height);
    await shot(page, `question-back-${viewport}`, false);

    const second = offered[1]!;
    await page.locator("#answer ol.choices button", { hasText: second.title }).click();
    await page.locator("#answer:not(.stale)[data-kind]:not([data-kind='clarify']) .answer-text").waitFor();
    expect(bodies.at(-1)).toEqual({ question: CLOSE_CALL, context: { chosenRecordId: second.id } });
    await expect(page.locator("#answer .citation").getAttribute("data-record")).resolves.toBe(second.id);
    await expect(page.locator("#answer .citation .measure").textContent()).resolves.toBe(second.title);
    // The pick takes the question back's place: no earlier turn, and it is an answer to copy and rate.
    await expect(page.locator("#earlier").isHidden()).resolves.toBe(true);
    await expect(page.locator("#answer #copy-reply").count()).resolves.toBe(1);
    await expect(page.locator("#answer .feedback-box").count()).resolves.toBe(1);
    expect(web.app.service.queries({ limit: 1 })[0]).toMatchObject({ question: CLOSE_CALL, askedBy: STAFF.username, kind: expect.not.stringMatching("clarify") });
    await shot(page, `question-back-picked-${viewport}`, false);

    // Typed instead of clicked: 「第一个」 after the question back answers it from the first measure.
    await page.click("#new-topic");
    await ask(page, CLOSE_CALL);
    await page.fill("#question", "第一个");
    await page.press("#question", "Enter");
    await page.locator("#answer:not(.stale)[data-kind]:not([data-kind='clarify']) .answer-text").waitFor();
    await expect(page.locator("#answer .question").textContent()).resolves.toBe(`问：${CLOSE_CALL}`);
    await expect(page.locator("#answer .citation").getAttribute("data-record")).resolves.toBe(offered[0]!.id);
    await expect(page.locator("#earlier").isHidden()).resolves.toBe(true);
  });
});

describe.each(["desktop", "phone"] as const)("signing in to the staff page on %s", (viewport) => {
  it("sends a visitor to the Chinese sign-in page and back to the console after it", async () => {
    await web.ensureAccount(STAFF.username, "staff", STAFF.displayName);
    const page = await web.open("/", { viewport });
    await page.waitForURL(/\/login\?next=%2F$/);
    await expect(page.locator("#login h2").textContent()).resolves.toBe("账号登录");
    await expect(page.locator("#expired").isHidden()).resolves.toBe(true);
    await shot(page, `sign-in-${viewport}`);
    // Nothing of the console answers without a session either.
    const open = await page.evaluate(async () => Promise.all(["/api/outline", "/api/units", "/api/examples", "/api/config"].map(async (url) => (await fetch(url)).status)));
    expect(open).toEqual([401, 401, 401, 401]);
    const asked = await page.evaluate(
      async () => (await fetch("/api/ask", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"question":"专利质押融资找谁"}' })).status,
    );
    expect(asked).toBe(401);

    await page.fill("#username", STAFF.username);
    await page.fill("#password", PASSWORD);
    await page.press("#password", "Enter");
    await page.waitForURL(`${web.app.url}/`);
    await page.locator("body.ready").waitFor();
    await expect(page.locator("#whoami").textContent()).resolves.toBe(`${STAFF.displayName}（${STAFF.username}）`);
    await expect(page.locator("#go-admin").isHidden()).resolves.toBe(true);
    await ask(page, "专利质押融资找谁？");
    expect(web.app.service.queries({ limit: 1 })[0]).toMatchObject({ question: "专利质押融资找谁？", askedBy: STAFF.username });
  });

  it("says the session expired, keeps the question typed, and brings it back after signing in again", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押贷款怎么办理？");
    web.app.advanceClock((web.app.config.SESSION_IDLE_MINUTES + 1) * 60_000);
    await page.fill("#question", "地理标志产品保护找哪个部门？");
    await page.press("#question", "Enter");
    await page.waitForURL(/\/login\?next=%2F&expired=1$/);
    await page.locator("#expired", { hasText: "登录已过期，请重新登录。" }).waitFor();
    await shot(page, `session-expired-${viewport}`);
    await page.fill("#username", STAFF.username);
    await page.fill("#password", PASSWORD);
    await page.press("#password", "Enter");
    await page.waitForURL(`${web.app.url}/`);
    await page.locator("body.ready").waitFor();
    await expect(page.inputValue("#question")).resolves.toBe("地理标志产品保护找哪个部门？");
    // This window's list is the person's own, kept over the new sign-in.
    await expect(page.locator("#history .history-ask").first().textContent()).resolves.toBe("地理标志产品保护找哪个部门？");
  });

  it("signs out from the console; the next person at the window does not see the list of the one before", async () => {
    const page = await open(viewport);
    await ask(page, "专利质押贷款怎么办理？");
    await page.click("#logout");
    await page.waitForURL(/\/login$/);
    await page.goto(web.app.url + "/");
    await page.waitForURL(/\/login\?next=%2F$/);
    await web.ensureAccount("li.window", "staff", "李窗口");
    await page.fill("#username", "li.window");
    await page.fill("#password", PASSWORD);
    await page.press("#password", "Enter");
    await page.locator("body.ready").waitFor();
    await expect(page.locator("#whoami").textContent()).resolves.toBe("李窗口（li.window）");
    await expect(page.locator("#history .history-ask").count()).resolves.toBe(0);
    expect(web.app.service.auditLog({ actor: STAFF.username, action: "auth.logout" }).length).toBeGreaterThan(0);
  });
});
