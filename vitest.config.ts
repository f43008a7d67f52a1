import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The end-to-end suites start real servers and processes; two cores run them best one file at a time.
    fileParallelism: false,
    pool: "forks",
  },
});
