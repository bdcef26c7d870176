// `npm test`: install, lint, typecheck, every test (unit, store, HTTP, multi-process, browser),
// then one totals line. Runs on a fresh machine with only Node and npm.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
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
ensureChromium();
// --force: `npm test` runs every test each time; a cached replay of an earlier run's reports
// would count tests that did not run (a second run on one checkout otherwise replays them all).
step("tests", ["exec", "turbo", "run", "test", "--continue", "--concurrency=1", "--force"]);

/**
 * The browser journey (apps/e2e) drives Debian's Chromium at /usr/bin/chromium. On a fresh
 * machine, as root, install it with apt; otherwise say so loudly. The e2e test itself fails with
 * the same message when the binary is missing, so a missing browser is never a silent skip.
 */
function ensureChromium() {
  const bin = "/usr/bin/chromium";
  if (existsSync(bin)) return;
  console.log(`\n▶ chromium (for the browser journey): ${bin} is missing`);
  if (process.getuid?.() !== 0) {
    console.log(
      `  ✗ chromium could not be installed: not root. Install it (sudo apt-get install chromium); the e2e test will fail until then.`,
    );
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args) => spawnSync("apt-get", args, { stdio: "inherit", env }).status === 0;
  const ok = apt(["update"]) && apt(["install", "-y", "--no-install-recommends", "chromium"]);
  if (!ok || !existsSync(bin)) {
    console.log(
      `  ✗ chromium could not be installed with apt-get; the e2e test will fail until ${bin} exists.`,
    );
    return;
  }
  // Chinese glyphs for the journey's screenshots (the assertions read the DOM, not pixels).
  if (!apt(["install", "-y", "--no-install-recommends", "fonts-noto-cjk"]))
    console.log("  (fonts-noto-cjk could not be installed: screenshots may show boxes for 汉字)");
}

console.log("");
const total = summarise(failures);
process.exit(total.failed > 0 ? 1 : 0);
