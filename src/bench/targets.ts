import type { BenchResults } from "./run.js";

/** One acceptance figure beside its target; `pass` is undefined when the run did not measure it. */
export interface TargetCheck {
  name: string;
  target: string;
  value: string;
  pass: boolean | undefined;
}

/** The synthetic corpus's target holds for 100 times the outline; a smaller (quick) one is shown, not judged. */
const LARGE_SCALE_FOR_TARGET = 90;

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The acceptance targets of issues 2, 3, 5 and 12, judged on a run's results. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [
    { name: `${results.corpus.label}: in-process p95`, target: "< 10 ms", value: ms(results.corpus.serve.latency.p95), pass: results.corpus.serve.latency.p95 < 10 },
  ];
  const large = results.large;
  checks.push({
    name: "100× corpus: in-process p95",
    target: "< 50 ms",
    value: large ? `${ms(large.serve.latency.p95)}${large.scale < LARGE_SCALE_FOR_TARGET ? ` (at ${large.scale.toFixed(0)}×, not judged)` : ""}` : "skipped",
    pass: large && large.scale >= LARGE_SCALE_FOR_TARGET ? large.serve.latency.p95 < 50 : undefined,
  });
  const batch = results.batch;
  checks.push({
    name: "batch of 100, start-up included",
    target: "< 3 s",
    value: batch ? `${(batch.medianMs / 1000).toFixed(2)} s (median)` : "skipped",
    pass: batch ? batch.medianMs < 3000 : undefined,
  });
  const http = results.http;
  checks.push({
    name: "HTTP load: errors, health after",
    target: "0, 200",
    value: http ? `${http.errors}, ${http.healthyAfter ? "200" : "no answer"}` : "skipped",
    pass: http ? http.errors === 0 && http.healthyAfter : undefined,
  });
  checks.push({
    name: "ask cold start, one question",
    target: "< 0.5 s",
    value: batch ? `${(batch.coldStartMedianMs / 1000).toFixed(2)} s (median)` : "skipped",
    pass: batch ? batch.coldStartMedianMs < 500 : undefined,
  });
  const hostile = results.hostile;
  const rss = hostile?.serverPeakRssBytes;
  checks.push({
    name: "hostile documents: server peak RSS",
    target: "< 600 MiB",
    value: hostile ? (rss === undefined ? "n/a" : `${(rss / 1048576).toFixed(0)} MiB`) : "skipped",
    pass: hostile && rss !== undefined ? rss < 600 * 1048576 : undefined,
  });
  checks.push({
    name: "hostile documents: question p95 while parsing, errors",
    target: "< 50 ms, 0",
    value: hostile ? `${ms(hostile.latency.p95)}, ${hostile.errors}` : "skipped",
    pass: hostile ? hostile.latency.p95 < 50 && hostile.errors === 0 && hostile.healthyAfter : undefined,
  });
  return checks;
}
