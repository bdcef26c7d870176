// `npm test`: install, lint, typecheck, every test (unit, store, HTTP, multi-process, browser),
// then one totals line. Runs on a fresh machine with only Node and npm.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pnpm } from "./pnpm.mjs";
import { summarise, workspacePackages } from "./test-summary.mjs";

const failures = [];
const step = (name, args) => {
  console.log(`\n▶ ${name}`);
  const code = pnpm(args);
  if (code !== 0) failures.push(`${name} failed (exit ${code})`);
  return code === 0;
};

const installArgs = process.env.CI ? ["install", "--frozen-lockfile"] : ["install"];
if (!step("install", installArgs)) {
  summarise(failures);
  process.exit(1);
}
for (const { dir } of workspacePackages())
  rmSync(join(dir, ".reports"), { recursive: true, force: true });

step("lint (biome)", ["exec", "biome", "check", "."]);
step("import direction", ["exec", "node", "scripts/check-imports.mjs"]);
step("typecheck", ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]);
step("tests", ["exec", "turbo", "run", "test", "--continue", "--concurrency=1"]);

console.log("");
const total = summarise(failures);
process.exit(total.failed > 0 ? 1 : 0);
