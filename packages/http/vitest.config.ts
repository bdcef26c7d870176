import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The JSON report is what scripts/test-summary.mjs totals for CI.
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
