import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A hub, two stations and a browser on a small machine: generous, but bounded.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // The working-day calendar reads dates in the local zone; the rules mean China time.
    env: { TZ: "Asia/Shanghai" },
    // The JSON report is what scripts/test-summary.mjs totals for CI.
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
