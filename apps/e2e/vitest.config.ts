import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards, not measures: a hub, two stations and a browser on a busy two-core machine
    // may take minutes over a step. The journey awaits the things themselves (a node's sync
    // round: untilRound in @bangban/http/testing, which fails fast on a broken round).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // The working-day calendar reads dates in the local zone; the rules mean China time.
    env: { TZ: "Asia/Shanghai" },
    // The JSON report is what scripts/test-summary.mjs totals for CI.
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
