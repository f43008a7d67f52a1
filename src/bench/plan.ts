/** How big a benchmark run is. */
export interface BenchPlan {
  quick: boolean;
  seed: number;
  /** Questions asked in-process of the outline's index. */
  outlineQuestions: number;
  /** Documents of the synthetic corpus (100 = 100 times the outline), 0 to skip it. */
  largeDocuments: number;
  largeQuestions: number;
  /** Questions in the `ask --batch` file; the target is for 100. */
  batchQuestions: number;
  batchRuns: number;
  /** HTTP requests measured, 0 to skip the HTTP load. */
  httpRequests: number;
  httpConcurrency: number;
  /** Requests sent before measuring, so the figures are of a warm server. */
  httpWarmup: number;
  /** Clients asking while each hostile document is previewed, 0 to skip the phase. */
  hostileConcurrency: number;
}

/** The full run (a few minutes) or `--quick` (a smoke run of under a minute). */
export function benchPlan(options: { quick?: boolean; skipLarge?: boolean; skipHttp?: boolean; skipHostile?: boolean; seed?: number }): BenchPlan {
  const quick = Boolean(options.quick);
  return {
    quick,
    seed: options.seed ?? 7,
    outlineQuestions: quick ? 300 : 3000,
    largeDocuments: options.skipLarge ? 0 : quick ? 10 : 100,
    largeQuestions: quick ? 200 : 3000,
    batchQuestions: 100,
    batchRuns: quick ? 1 : 5,
    httpRequests: options.skipHttp ? 0 : quick ? 300 : 2000,
    httpConcurrency: 50,
    httpWarmup: quick ? 20 : 100,
    hostileConcurrency: options.skipHostile ? 0 : 4,
  };
}
