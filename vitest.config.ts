import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["app/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/test-env.ts"],
    // Generous: several tests start processes (CLI, web, workers) whose start-up time depends on the machine
    // and on the other test files running beside them. A test that hangs still fails.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Browser tests start servers and Chromium; two cores share them.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
