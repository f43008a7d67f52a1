import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Finds or installs the Chromium the browser tests drive (test/helpers/chromium.ts).
    globalSetup: ["test/setup/global.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The end-to-end suites start real servers and processes; two cores run them best one file at a time.
    fileParallelism: false,
    pool: "forks",
  },
});
