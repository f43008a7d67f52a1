import type { HitTest } from "../../../app/types.js";
import { byId, el, replace } from "../dom.js";
import { call } from "../session.js";

/** The 命中测试 tab: how a question is read and how each retrieved record scored. */

const STATUS: Record<string, string> = { answered: "已答复", out_of_scope: "超出范围" };
const KIND: Record<string, string> = {
  topic: "主题",
  who_handles: "找哪个部门",
  unit_duties: "单位职责",
  target: "目标指标",
  general: "总体内容",
  follow_up: "追问",
  out_of_scope: "超出范围",
  invalid: "无效提问",
};

const chips = (words: readonly string[], cls = "") =>
  words.length ? el("span", { class: "chips" }, ...words.map((w) => el("span", { class: `chip-word ${cls}` }, w))) : el("span", { class: "muted" }, "（无）");

function render(result: HitTest): void {
  const a = result.answer;
  replace(
    byId("hit-result"),
    el(
      "dl",
      { class: "analysis" },
      el("dt", {}, "提问分词"),
      el("dd", { id: "hit-words" }, chips(result.words)),
      el("dt", {}, "同义词扩展"),
      el("dd", { id: "hit-expansions" }, chips(result.expansions, "expansion")),
      el("dt", {}, "触发的同义词"),
      el(
        "dd",
        { id: "hit-synonyms" },
        result.synonyms.length
          ? el("ul", { class: "plain" }, ...result.synonyms.map((g) => el("li", {}, `${g.when.join("、")} → ${g.add.join("、")}`)))
          : el("span", { class: "muted" }, "（无）"),
      ),
      el("dt", {}, "识别出的单位"),
      el("dd", { id: "hit-units" }, chips(result.units, "unit")),
      el("dt", {}, "范围锚词"),
      el("dd", {}, chips(result.anchors)),
      result.offTopic.length ? el("dt", {}, "范围外话题") : null,
      result.offTopic.length ? el("dd", {}, chips(result.offTopic, "off")) : null,
      el("dt", {}, "词汇覆盖率"),
      el("dd", {}, `${Math.round(result.coverage * 100)}%`),
      el("dt", {}, "当前答复"),
      el(
        "dd",
        { id: "hit-answer" },
        `${STATUS[a.status] ?? a.status} · ${KIND[a.kind] ?? a.kind} · 置信度 ${a.confidence.toFixed(2)}${a.firstCitation ? ` · 首条引用：${a.firstCitation}` : ""}`,
      ),
    ),
    el("h3", {}, `检索到的措施（前 ${result.records.length} 条，按最终得分排序）`),
    el(
      "div",
      { class: "scroll" },
      el(
        "table",
        { class: "data", id: "hit-records" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", {}, "名次"),
            el("th", {}, "措施"),
            el("th", {}, "位置"),
            el("th", {}, "责任单位"),
            el("th", {}, "向量分"),
            el("th", {}, "词匹配分"),
            el("th", {}, "最终得分"),
          ),
        ),
        el(
          "tbody",
          {},
          ...result.records.map((r, i) =>
            el(
              "tr",
              { "data-record": r.id },
              el("td", { class: "num" }, String(i + 1)),
              el("td", { class: "wide" }, el("strong", {}, r.title)),
              el("td", {}, r.path.join(" › ")),
              el("td", {}, r.units.join("、") || "—"),
              el("td", { class: "num" }, r.vector.toFixed(3)),
              el("td", { class: "num" }, r.lexical.toFixed(3)),
              el("td", { class: "num" }, r.score.toFixed(3)),
            ),
          ),
        ),
      ),
    ),
  );
}

export async function runHitTest(question: string): Promise<void> {
  byId<HTMLInputElement>("hit-question").value = question;
  const box = byId("hit-result");
  replace(box, el("p", { class: "muted" }, "正在检索…"));
  try {
    render(await call<HitTest>(`/api/admin/hit-test?q=${encodeURIComponent(question)}`));
  } catch (err) {
    replace(box, el("p", { class: "error" }, (err as Error).message));
  }
}

export function initHitTest(): void {
  byId<HTMLFormElement>("hit-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = byId<HTMLInputElement>("hit-question").value.trim();
    if (q) void runHitTest(q);
  });
}
