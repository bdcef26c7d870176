import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    // The working-day calendar reads dates in the local zone; the rules mean China time.
    env: { TZ: "Asia/Shanghai" },
    // The JSON report is what scripts/test-summary.mjs totals for CI.
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
