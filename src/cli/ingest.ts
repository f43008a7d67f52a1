import { SingleBar } from "cli-progress";
import type { IngestProgress } from "../app/types.js";
import { IndexBuildError } from "../index/build.js";
import { rebuildIndex } from "../index/rebuild.js";
import { configOrExit, loggerFor, runMain } from "./bootstrap.js";

const STAGE_NAMES: Record<IngestProgress["stage"], string> = { parse: "解析文档", embed: "计算向量", index: "写入索引", swap: "切换索引" };

/** A progress bar on a terminal; plain stage lines otherwise (CI logs, pipes). */
function progressReporter(): { update(p: IngestProgress): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let last = "";
    return {
      update(p) {
        if (p.stage !== last) process.stderr.write(`${STAGE_NAMES[p.stage]}…\n`);
        last = p.stage;
      },
      stop() {},
    };
  }
  const bar = new SingleBar({ format: "{stage} [{bar}] {value}/{total} {file}", stream: process.stderr, hideCursor: true, clearOnComplete: true });
  let stage = "";
  return {
    update(p) {
      if (p.stage !== stage) {
        if (stage) bar.stop();
        bar.start(Math.max(p.total, 1), p.done, { stage: STAGE_NAMES[p.stage], file: "" });
        stage = p.stage;
      }
      bar.setTotal(Math.max(p.total, 1));
      bar.update(p.done, { file: p.file ?? "" });
    },
    stop: () => bar.stop(),
  };
}

runMain(async () => {
  const config = configOrExit();
  const logger = loggerFor(config);
  const progress = progressReporter();
  try {
    // The service's own build: the new version must also load before it is reported built.
    const { manifest } = await rebuildIndex(config, (p) => progress.update(p));
    progress.stop();
    const c = manifest.counts;
    process.stdout.write(
      [
        `索引已更新 (${manifest.version})`,
        `  documents ${c.documents}  measures ${c.measures}  sections ${c.sections}  tables ${c.tables}  units ${c.units}  chunks ${c.chunks}`,
        `  embedded ${c.embedded}  reused ${c.reused}  (${manifest.embeddings.provider}:${manifest.embeddings.model}/${manifest.embeddings.dimension})`,
        `  ${manifest.buildSeconds.toFixed(2)} s`,
      ].join("\n") + "\n",
    );
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof IndexBuildError) {
      logger.error({ file: error.file, reason: error.reason }, "ingest failed");
      process.stderr.write(`Ingest failed${error.file ? ` on ${error.file}` : ""}: ${error.reason}\nThe previous index (if any) is unchanged and keeps serving.\n`);
      return 1;
    }
    throw error;
  }
});
