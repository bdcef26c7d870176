// Runs the pinned pnpm through npx: a fresh machine has only Node and npm, and corepack
// fails here on registry signatures. Exported for the other scripts; runnable as a CLI too.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const PNPM = "pnpm@10.34.9";
export const root = fileURLToPath(new URL("..", import.meta.url));

/** Runs `pnpm ...args` in the repo root, inheriting stdio; returns the exit code. */
export function pnpm(args, opts = {}) {
  const r = spawnSync("npx", ["-y", PNPM, ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, npm_config_update_notifier: "false" },
    ...opts,
  });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(pnpm(process.argv.slice(2)));
}
