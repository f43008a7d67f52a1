import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from "chart.js";
import type { Dashboard } from "../../../store/types.js";
import { byId } from "../dom.js";
import { FEEDBACK_REASON_LABELS, localDay } from "../labels.js";
import { call } from "../session.js";

/** The 统计 tab: questions per day, refusal and low-confidence rates, 👎 by reason, top units; drawn with Chart.js. */

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

const charts = new Map<string, Chart>();
const COLORS = { blue: "#0b5cad", orange: "#d9822b", red: "#b3261e", green: "#2e7d32" };

function draw(id: string, config: ChartConfiguration): void {
  charts.get(id)?.destroy();
  const canvas = byId<HTMLCanvasElement>(id);
  // No animation: the numbers are there at once, and a screenshot shows them.
  config.options = { animation: false, responsive: true, maintainAspectRatio: false, ...config.options };
  charts.set(id, new Chart(canvas, config));
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

export async function loadStats(): Promise<void> {
  const from = byId<HTMLInputElement>("stats-from");
  const to = byId<HTMLInputElement>("stats-to");
  if (!from.value) from.value = localDay(-29);
  if (!to.value) to.value = localDay(0);
  const data = await call<Dashboard & { lowConfidence: number }>(`/api/admin/dashboard?from=${from.value}&to=${to.value}`);
  const days = data.days.map((d) => d.day.slice(5));
  const total = data.days.reduce((n, d) => n + d.questions, 0);
  const refused = data.days.reduce((n, d) => n + d.refused, 0);
  const low = data.days.reduce((n, d) => n + d.lowConfidence, 0);
  const down = data.downByReason.reduce((n, r) => n + r.count, 0);
  byId("stats-summary").textContent =
    `共 ${total} 问 · 拒答 ${refused}（${percent(refused, total)}%） · 低置信度 ${low}（${percent(low, total)}%，置信度低于 ${data.lowConfidence}） · 没帮助 ${down}`;
  byId("stats-summary").dataset.total = String(total);

  draw("chart-daily", {
    type: "bar",
    data: { labels: days, datasets: [{ label: "提问数", data: data.days.map((d) => d.questions), backgroundColor: COLORS.blue }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  draw("chart-rates", {
    type: "line",
    data: {
      labels: days,
      datasets: [
        { label: "拒答率", data: data.days.map((d) => percent(d.refused, d.questions)), borderColor: COLORS.red, backgroundColor: COLORS.red },
        { label: "低置信度率", data: data.days.map((d) => percent(d.lowConfidence, d.questions)), borderColor: COLORS.orange, backgroundColor: COLORS.orange },
      ],
    },
    options: { scales: { y: { beginAtZero: true, suggestedMax: 100 } } },
  });
  draw("chart-reasons", {
    type: "bar",
    data: {
      labels: data.downByReason.map((r) => FEEDBACK_REASON_LABELS[r.reason]),
      datasets: [{ label: "次数", data: data.downByReason.map((r) => r.count), backgroundColor: COLORS.red }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  draw("chart-units", {
    type: "bar",
    data: { labels: data.topUnits.map((u) => u.unit), datasets: [{ label: "被引用次数", data: data.topUnits.map((u) => u.count), backgroundColor: COLORS.green }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

export function initStats(): void {
  byId<HTMLFormElement>("stats-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void loadStats();
  });
}
