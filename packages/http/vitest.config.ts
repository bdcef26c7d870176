import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A bound against a hang, not a speed target (see packages/sync/vitest.config.ts).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ["src/**/*.test.ts"],
    // The JSON report is what scripts/test-summary.mjs totals for CI.
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
