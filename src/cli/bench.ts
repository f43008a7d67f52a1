import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { benchPlan } from "../bench/plan.js";
import { formatReport } from "../bench/report.js";
import { runBenchmark } from "../bench/run.js";
import { checkTargets } from "../bench/targets.js";
import { runMain } from "./bootstrap.js";

const USAGE = `Usage: npm run bench -- [--corpus DIR]… [--quick] [--skip-large] [--skip-http] [--skip-hostile] [--json] [--keep] [--seed N]
  Whole-pipeline figures on this machine: ingest, index load, in-process latency and
  throughput on the outline and on a synthetic corpus 100 times its size, a batch of
  100 questions through the CLI with start-up, and HTTP load on the real server.
  --corpus DIR  add this folder of related documents to the outline (repeatable):
                every phase but the synthetic corpus then runs on the enlarged corpus
  --quick       smaller numbers, for a smoke run
  --skip-large  leave out the synthetic 100× corpus
  --skip-http   leave out the HTTP load
  --skip-hostile  leave out the hostile documents (previews of issue 11's bad files during questions)
  --json        print the figures as JSON instead of the report
  --keep        keep the scratch folder (corpora, indexes) for a look
Progress goes to stderr (set LOG_LEVEL to see the product's logs; default warn), the report to stdout.
Exit code 1 when a measured target fails.`;

const isFolder = (dir: string) =>
  stat(dir)
    .then((s) => s.isDirectory())
    .catch(() => false);

runMain(async () => {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean" },
      "skip-large": { type: "boolean" },
      "skip-http": { type: "boolean" },
      "skip-hostile": { type: "boolean" },
      json: { type: "boolean" },
      keep: { type: "boolean" },
      seed: { type: "string" },
      corpus: { type: "string", multiple: true },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stderr.write(USAGE + "\n");
    return 0;
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    process.stderr.write(`--seed must be an integer\n${USAGE}\n`);
    return 2;
  }
  const related = values.corpus ?? [];
  for (const dir of related) {
    if (!(await isFolder(dir))) {
      process.stderr.write(`--corpus ${dir} is not a folder\n${USAGE}\n`);
      return 2;
    }
  }
  const plan = benchPlan({ quick: values.quick, skipLarge: values["skip-large"], skipHttp: values["skip-http"], skipHostile: values["skip-hostile"], seed });
  const results = await runBenchmark(plan, { keep: values.keep, related });
  const checks = checkTargets(results);
  process.stdout.write(values.json ? JSON.stringify({ ...results, targets: checks }, null, 2) + "\n" : formatReport(results, checks));
  return checks.some((c) => c.pass === false) ? 1 : 0;
});
