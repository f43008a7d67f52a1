import type { QueryLogEntry, UsageStats } from "../../../store/types.js";
import { byId, el, replace } from "../dom.js";
import { CHANNEL_LABELS, FEEDBACK_REASON_LABELS, localTime, namesOf, personLabel, queryResultLabel } from "../labels.js";
import { call } from "../session.js";
import { accountsKnown } from "./accounts.js";

/** The 查询日志 tab: search, filters, date range, paging and export of the query log. */

const PAGE_SIZE = 50;
let offset = 0;

export interface QueryActions {
  curate(question: string, recordId?: string): void;
  draftSynonym(question: string): void;
  hitTest(question: string): void;
}

function filterParams(): URLSearchParams {
  const params = new URLSearchParams();
  const text = byId<HTMLInputElement>("query-text").value.trim();
  const filter = byId<HTMLSelectElement>("query-filter").value;
  const from = byId<HTMLInputElement>("query-from").value;
  const to = byId<HTMLInputElement>("query-to").value;
  if (text) params.set("q", text);
  if (filter !== "all") params.set("filter", filter);
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  return params;
}

function updateExportLinks(params: URLSearchParams): void {
  for (const format of ["csv", "xlsx"] as const) {
    const p = new URLSearchParams(params);
    p.set("format", format);
    byId<HTMLAnchorElement>(`export-${format}`).href = `/api/admin/queries/export?${p}`;
  }
}

export async function loadQueries(actions: QueryActions): Promise<void> {
  const params = filterParams();
  updateExportLinks(params);
  params.set("limit", String(PAGE_SIZE));
  params.set("offset", String(offset));
  const { queries, total, stats } = await call<{ queries: QueryLogEntry[]; total: number; stats: UsageStats }>(`/api/admin/queries?${params}`);
  byId("stats-line").textContent = `共 ${stats.questions} 问 · 超出范围 ${stats.outOfScope} · 有帮助 ${stats.helpful} · 没帮助 ${stats.unhelpful}`;
  replace(
    byId("top-unanswered"),
    stats.topUnanswered.length
      ? el(
          "details",
          {},
          el("summary", {}, "常见未答好的问题"),
          el(
            "ol",
            {},
            ...stats.topUnanswered.map((t) =>
              el("li", {}, `${t.question}（${t.count} 次） `, el("button", { type: "button", class: "link small", onclick: () => actions.draftSynonym(t.question) }, "加入同义词")),
            ),
          ),
        )
      : null,
  );
  const names = namesOf(accountsKnown());
  replace(
    byId("queries-body"),
    ...queries.map((q) => {
      const result = queryResultLabel(q);
      const weak = result === "超出范围" || result === "低置信度";
      const feedback =
        q.feedback === 1
          ? "有帮助"
          : q.feedback === -1
            ? `没帮助${q.feedbackReason ? `：${FEEDBACK_REASON_LABELS[q.feedbackReason]}` : ""}${q.feedbackComment ? `（${q.feedbackComment}）` : ""}`
            : "";
      return el(
        "tr",
        { "data-query": String(q.id) },
        el("td", { class: "nowrap" }, localTime(q.at)),
        el("td", { class: "nowrap" }, CHANNEL_LABELS[q.channel] ?? q.channel),
        el("td", { class: "nowrap asked-by" }, q.askedBy ? personLabel(q.askedBy, names) : ""),
        el("td", { class: "wide" }, q.question),
        el("td", { class: `nowrap${weak ? " warn" : ""}` }, result),
        el("td", { class: "num" }, q.confidence.toFixed(2)),
        el("td", {}, q.citedTitles.slice(0, 3).join("、") + (q.citedTitles.length > 3 ? ` 等 ${q.citedTitles.length} 条` : "")),
        el("td", {}, feedback),
        el(
          "td",
          { class: "nowrap" },
          el("button", { type: "button", class: "link small", onclick: () => actions.hitTest(q.question) }, "命中测试"),
          " ",
          weak ? el("button", { type: "button", class: "link small draft-synonym", onclick: () => actions.draftSynonym(q.question) }, "加入同义词") : null,
          weak ? " " : null,
          el("button", { type: "button", class: "link small", onclick: () => actions.curate(q.question, q.citedIds[0]) }, "设为精选"),
        ),
      );
    }),
  );
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.floor(offset / PAGE_SIZE) + 1;
  byId("page-info").textContent = `第 ${page} / ${pages} 页，共 ${total} 条`;
  byId<HTMLButtonElement>("page-prev").disabled = page <= 1;
  byId<HTMLButtonElement>("page-next").disabled = page >= pages;
}

export function initQueries(actions: QueryActions): void {
  byId<HTMLFormElement>("query-form").addEventListener("submit", (event) => {
    event.preventDefault();
    offset = 0;
    void loadQueries(actions);
  });
  byId("query-filter").addEventListener("change", () => {
    offset = 0;
    void loadQueries(actions);
  });
  byId("page-prev").addEventListener("click", () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    void loadQueries(actions);
  });
  byId("page-next").addEventListener("click", () => {
    offset += PAGE_SIZE;
    void loadQueries(actions);
  });
}
