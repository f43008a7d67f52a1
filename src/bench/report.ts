import type { CorpusResult, BenchResults } from "./run.js";
import type { LatencySummary } from "./stats.js";
import type { TargetCheck } from "./targets.js";

const MiB = 1024 * 1024;
const mib = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${(bytes / MiB).toFixed(1)} MiB`);
const size = (bytes: number) => (bytes < MiB ? `${(bytes / 1024).toFixed(1)} KiB` : mib(bytes));
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`);
const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
const cpu = (x: number | undefined) => (x === undefined ? "n/a" : s(x));
const latency = (l: LatencySummary) => `p50 ${ms(l.p50)}   p95 ${ms(l.p95)}   p99 ${ms(l.p99)}   max ${ms(l.max)}`;
const verdict = (pass: boolean | undefined) => (pass === undefined ? "—" : pass ? "PASS" : "FAIL");

function corpusSection(n: number, title: string, r: CorpusResult, check: TargetCheck | undefined): string[] {
  const { ingest, serve } = r;
  const lines = [
    `${n}. ${title}: ${ingest.documents} document(s), ${size(ingest.corpusBytes)}, ${ingest.records} records, ${ingest.chunks} chunks`,
    `   ingest ${s(ingest.ms)}   index on disk ${size(ingest.indexBytes)}   ingest peak RSS ${mib(ingest.peakRssBytes)}`,
    `   index load (openEngine, fresh process) ${s(serve.loadMs)}   RSS after load ${mib(serve.loadedRssBytes)}`,
    `   engine.answer in-process, ${serve.latency.count} questions one at a time:`,
    `     ${latency(serve.latency)}   first answer ${ms(serve.firstAnswerMs)}`,
    `     ${serve.qps.toFixed(0)} questions/s on one core (${serve.latency.count} in ${serve.totalSeconds.toFixed(2)} s)   peak RSS ${mib(serve.peakRssBytes)}`,
    `     answered ${serve.answered}, out of scope ${serve.outOfScope}`,
    `     p95 by kind: ${Object.entries(serve.byFlavour)
      .map(([k, l]) => `${k} ${ms(l!.p95)}`)
      .join(", ")}`,
    `     slowest: ${serve.slowest.map((q) => `${q.question} (${ms(q.ms)})`).join("; ")}`,
  ];
  if (check) lines.push(`   target p95 ${check.target}: ${verdict(check.pass)} (${check.value})`);
  return lines;
}

/** The served corpus's heading: the outline, or the outline and the related folders (with the size they make). */
function served(results: BenchResults): string {
  return results.related.length > 0 ? `Outline + related documents (${results.related.join(" + ")}; ${results.corpus.scale.toFixed(1)}× the outline's size)` : "Outline corpus";
}

/** The human-readable report `npm run bench` prints on stdout. */
export function formatReport(results: BenchResults, checks: readonly TargetCheck[]): string {
  const { machine, plan } = results;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const out = [
    `ip-policy-bot benchmark (${plan.quick ? "quick smoke run" : "full run"}), ${results.startedAt}`,
    `Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}; load average ${load(machine.loadAtStart)} at start, ${load(machine.loadAtEnd)} at end`,
    `Offline configuration: hashed embeddings, no LLM, no Telegram. Figures of a shared machine are noisy; compare runs made when it is quiet.`,
    `Question mix (${Object.values(results.questionMix).reduce((a, b) => a + b, 0)}, seed ${plan.seed}): ${Object.entries(results.questionMix)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    "",
    ...corpusSection(1, served(results), results.corpus, checks[0]),
    "",
  ];
  if (results.large) out.push(...corpusSection(2, `Synthetic corpus (${results.large.label})`, results.large, checks[1]), "");
  else out.push("2. Synthetic 100× corpus: skipped (--skip-large)", "");

  const batch = results.batch;
  if (batch) {
    out.push(
      `3. The CLI, start-up included (compiled: node dist/cli/ask.js --json, prepared index of the ${results.corpus.label}), beside a plain LangChain.js BM25 peer (dist/bench/bm25-peer.js, same corpus (its .txt and .md documents) and questions)`,
      `   cold start, one question: ask median ${s(batch.coldStartMedianMs)} (${batch.coldStartMs.map(s).join(", ")}); peer median ${s(batch.peer.coldStartMedianMs)}; ratio ask/peer ${batch.ratio.coldStart.toFixed(2)}`,
      `      CPU time (user + system): ask ${cpu(batch.coldStartCpuMedianMs)}, peer ${cpu(batch.peer.coldStartCpuMedianMs)}`,
      `   batch of ${batch.questions}: ask median ${s(batch.medianMs)} (${batch.runsMs.map(s).join(", ")}); peer median ${s(batch.peer.medianMs)}; ratio ask/peer ${batch.ratio.batch.toFixed(2)}`,
      `      CPU time (user + system): ask ${cpu(batch.cpuMedianMs)}, peer ${cpu(batch.peer.cpuMedianMs)}`,
      ...(batch.npmMs !== undefined ? [`   the batch through npm run --silent ask (npm's start-up included): ${s(batch.npmMs)}`] : []),
      `   target cold start ${checks[4]?.target}: ${verdict(checks[4]?.pass)} (${checks[4]?.value})`,
      `   target batch ${checks[2]?.target}: ${verdict(checks[2]?.pass)} (${checks[2]?.value})`,
      "",
    );
  }

  const http = results.http;
  if (http) {
    out.push(
      `4. HTTP load: POST /api/ask on the real server (compiled src/cli/start.ts, 127.0.0.1, index of the ${results.corpus.label}), ${http.requests} requests at ${http.concurrency} concurrent after ${http.warmup} warm-up`,
      `   errors ${http.errors}   ${latency(http.latency)}   (client-side, queueing at the one-threaded server included)`,
      `   ${http.requestsPerSecond.toFixed(0)} requests/s   server peak RSS ${mib(http.serverPeakRssBytes)}   server start-up to healthy ${s(http.serverStartupMs)}`,
      `   CPU per request: server ${http.serverCpuMsPerRequest === undefined ? "n/a" : ms(http.serverCpuMsPerRequest)}, load client ${ms(http.clientCpuMsPerRequest)} (both on the same cores)`,
      `   answered ${http.answered}, out of scope ${http.outOfScope}; /api/health afterwards: ${http.healthyAfter ? "200" : "no answer"}`,
      ...http.errorSamples.map((e) => `   error: ${e.status ?? "-"} ${e.question}: ${e.reason}`),
      `   target errors ${checks[3]?.target}: ${verdict(checks[3]?.pass)} (${checks[3]?.value})`,
      "",
    );
  } else out.push("4. HTTP load: skipped (--skip-http)", "");

  const hostile = results.hostile;
  const rssCheck = checks.find((c) => c.name === "hostile documents: server peak RSS");
  const p95Check = checks.find((c) => c.name === "hostile documents: question p95 while parsing, errors");
  if (hostile) {
    out.push(
      `5. Hostile documents: each previewed through the real server (parsed in its child process) while ${hostile.concurrency} clients ask POST /api/ask`,
      `   the same clients with nothing being parsed: ${latency(hostile.baseline)}`,
      ...hostile.documents.map(
        (d) =>
          `   ${d.label} (${size(d.bytes)}): ${d.status} ${d.message} in ${s(d.previewMs)}; ${d.questions} questions, p95 ${ms(d.latency.p95)}, errors ${d.errors}; server RSS ≤ ${mib(d.serverRssBytes)}`,
      ),
      `   all questions while parsing: ${latency(hostile.latency)}; errors ${hostile.errors}; server peak RSS ${mib(hostile.serverPeakRssBytes)}; /api/health afterwards: ${hostile.healthyAfter ? "200" : "no answer"}`,
      `   targets: peak RSS ${rssCheck?.target}: ${verdict(rssCheck?.pass)} (${rssCheck?.value}); p95 ${p95Check?.target}: ${verdict(p95Check?.pass)} (${p95Check?.value})`,
      "",
    );
  } else out.push("5. Hostile documents: skipped (--skip-hostile)", "");

  out.push("Targets:");
  for (const c of checks) out.push(`  ${verdict(c.pass).padEnd(4)}  ${c.name} ${c.target}: ${c.value}`);
  return out.join("\n") + "\n";
}
