import { describe, expect, it } from "vitest";
import { askOnStaffPage, browserSuite, openStaffPage } from "./support/browser.js";

const web = browserSuite({ screenshotPrefix: "web", console: { copyCorpus: true } });

describe("staff page", () => {
  it("answers 地理标志产品保护找哪个部门？ with 注重知识产权品牌培育 and its units", async () => {
    const page = await openStaffPage(web);
    await askOnStaffPage(page, "地理标志产品保护找哪个部门？");
    const first = page.locator("#answer .citation").first();
    await expect(first.locator(".measure").textContent()).resolves.toBe("注重知识产权品牌培育");
    await expect(first.locator("mark.unit").allTextContents()).resolves.toEqual(["市市场监管局", "市农业农村局"]);
    await expect(first.locator(".quote").textContent()).resolves.toContain("地理标志");
    await expect(page.locator("#answer .badge.draft").textContent()).resolves.toContain("征求意见稿");
    await web.shot(page, "staff-ask");
  });

  it("copies a ready-to-read reply with one click", async () => {
    const page = await openStaffPage(web, { viewport: "phone" });
    await askOnStaffPage(page, "地理标志产品保护找哪个部门？");
    await page.click("#copy-reply");
    await page.locator(".copy-status", { hasText: "已复制" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    // A reply to read out: the caller's own words are not quoted back.
    expect(copied.startsWith("您好！")).toBe(true);
    expect(copied).not.toContain("地理标志产品保护找哪个部门");
    expect(copied).toContain("注重知识产权品牌培育");
    expect(copied).toContain("市市场监管局、市农业农村局");
    expect(copied).toContain("征求意见稿");
    await web.shot(page, "staff-copy-phone");
  });

  it("records 👎 feedback for the answer shown, under the person signed in", async () => {
    const page = await openStaffPage(web);
    await askOnStaffPage(page, "专利质押贷款怎么办理？");
    await page.getByRole("button", { name: "没帮助" }).click();
    await page.getByLabel("答非所问").check();
    await page.getByRole("button", { name: "提交反馈" }).click();
    await page.locator(".feedback-status", { hasText: "感谢反馈" }).waitFor();
    const last = web.app.service.queries({ limit: 1 })[0];
    expect(last).toMatchObject({
      question: "专利质押贷款怎么办理？",
      channel: "web",
      askedBy: "wang.window",
      feedback: -1,
      feedbackReason: "off_topic",
      feedbackBy: "wang.window",
    });
  });

  it("browses the outline to 加强知识产权信息利用", async () => {
    const page = await openStaffPage(web);
    const tree = page.locator("#outline");
    await tree.locator("summary", { hasText: "三、工作措施" }).click();
    await tree.locator("summary", { hasText: "（三）提升知识产权运用效益" }).click();
    await tree.getByRole("button", { name: /加强知识产权信息利用/ }).click();
    await expect(page.locator("#record-view h3").textContent()).resolves.toBe("加强知识产权信息利用");
    await expect(page.locator("#record-view .path").textContent()).resolves.toContain("（三）提升知识产权运用效益");
    expect(await page.locator("#record-view mark.unit").count()).toBeGreaterThan(0);
    await web.shot(page, "staff-outline");
  });

  it("filters by 市公安局 and lists its four measures", async () => {
    const page = await openStaffPage(web);
    await page.locator("#unit-filter option[value='市公安局']").waitFor({ state: "attached" });
    await page.selectOption("#unit-filter", "市公安局");
    await page.locator("#unit-measures li").nth(3).waitFor();
    const titles = await page.locator("#unit-measures li button").allTextContents();
    expect(titles).toEqual(["健全知识产权保护机制", "加大知识产权司法保护力度", "开展知识产权专项行动", "加强知识产权纠纷调处"]);
    await web.shot(page, "staff-unit-filter");
  });
});
