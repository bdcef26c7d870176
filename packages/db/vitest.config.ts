import { defineConfig } from "vitest/config";

/** Tests with no node database, or about the file itself: they run once, in "file". */
const FILE_ONLY = [
  "src/blobs.test.ts",
  "src/uploads.test.ts",
  "src/client.test.ts",
  "src/client-encryption.test.ts",
  "src/planner-stats.test.ts",
  "src/migrations.test.ts",
  "src/statement-cache.test.ts",
  // Starts servers of its own; what it tests is the remote path.
  "src/remote.test.ts",
];

export default defineConfig({
  test: {
    // A bound against a hang, not a speed target: on a busy 2-core machine a worker-thread or
    // property test can take many times its quiet-machine time (tests await the thing itself).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ["src/**/*.test.ts"],
    // The JSON report is what scripts/test-summary.mjs totals for CI.
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    projects: [
      { extends: true, test: { name: "file" } },
      // Every store and query test again, through @libsql/client's remote mode against a
      // libSQL server on 127.0.0.1 (testing.ts `tempDb`): a node with BANGBAN_DB=http(s)://…
      // or libsql://… runs exactly these statements.
      {
        extends: true,
        test: { name: "remote", env: { BANGBAN_TEST_DB: "remote" }, exclude: FILE_ONLY },
      },
    ],
  },
});
