// Totals every vitest JSON report in the tree into the one line CI reads:
// "N passed, N failed". A package that has a test script but wrote no report counts as a
// failure, so a crash before vitest could report is never mistaken for a pass.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export function workspacePackages() {
  const out = [];
  for (const group of ["apps", "packages"]) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const pkgFile = join(dir, name, "package.json");
      if (existsSync(pkgFile))
        out.push({ dir: join(dir, name), pkg: JSON.parse(readFileSync(pkgFile, "utf8")) });
    }
  }
  return out;
}

/** Counts one vitest JSON report; a test file that failed to load counts as one failure. */
export function countReport(report) {
  let passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const asserts = file.assertionResults ?? [];
    if (file.status === "failed" && !asserts.some((a) => a.status === "failed")) failed += 1;
  }
  if (passed < 0) passed = 0;
  return { passed, failed, skipped };
}

export function summarise(extraFailures = []) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const notes = [...extraFailures];
  for (const { dir, pkg } of workspacePackages()) {
    const wants = Object.keys(pkg.scripts ?? {}).filter((s) => s === "test" || s === "test:e2e");
    for (const script of wants) {
      const file = join(dir, ".reports", script === "test" ? "vitest.json" : "e2e.json");
      if (!existsSync(file)) {
        total.failed += 1;
        notes.push(`${pkg.name}: no report from "${script}" (it did not run to the end)`);
        continue;
      }
      const c = countReport(JSON.parse(readFileSync(file, "utf8")));
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
      console.log(`  ${pkg.name} ${script}: ${c.passed} passed, ${c.failed} failed`);
    }
  }
  total.failed += extraFailures.length;
  for (const n of notes) console.log(`  ✗ ${n}`);
  const skipped = total.skipped ? `, ${total.skipped} skipped` : "";
  console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
  return total;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = summarise();
  process.exit(t.failed > 0 ? 1 : 0);
}
