import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A bound against a hang, not a speed target: on a busy 2-core machine a worker-thread or
    // property test can take many times its quiet-machine time (tests await the thing itself).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ["src/**/*.test.ts"],
    // The JSON report is what scripts/test-summary.mjs totals for CI.
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
