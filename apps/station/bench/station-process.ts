import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sleep } from "./measure";

const stationDir = fileURLToPath(new URL("..", import.meta.url));

/** The bundle `pnpm build` makes: what `pnpm start` and deployments run. */
export const BUNDLE = join(stationDir, "dist", "cli.mjs");

/**
 * How the bench starts the station: the bundle, as deployed (with its node flags), or with
 * `source` the TypeScript through tsx, as the tests do. Throws when the bundle has not been
 * built.
 */
export function stationArgv(source: boolean): string[] {
  if (source) return ["--import", "tsx", "src/cli.ts", "serve"];
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run \`pnpm build\` in apps/station (or pass --source)`);
  }
  // The node flags of its package.json, as its #! line (which `pnpm start` runs) and the demo
  // pass them (bangban.nodeFlags: the station's memory settings): `node dist/cli.mjs` alone
  // skips them.
  const pkg = JSON.parse(readFileSync(join(stationDir, "package.json"), "utf8"));
  const flags: string[] = pkg.bangban?.nodeFlags ?? [];
  return [...flags, "dist/cli.mjs", "serve"];
}

/** When the bundle was built, for the results (a stale bundle measures old code). */
export function bundleBuiltAt(): string {
  return existsSync(BUNDLE) ? statSync(BUNDLE).mtime.toISOString() : "not built";
}

/**
 * Starts `node <argv>` in apps/station as a separate process (like startNode of
 * @bangban/http/testing, and saying how it ended if it dies) and waits for /healthz. Its pid is the station's own:
 * node runs the server in that process, with no wrapper in between.
 */
export async function startStationProcess(
  argv: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
) {
  const proc = spawn(process.execPath, argv, {
    cwd: stationDir,
    env: { ...process.env, BANGBAN_HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let exit: string | null = null;
  proc.once("exit", (code, signal) => {
    exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });
  proc.stdout.on("data", (d) => {
    out += d;
  });
  proc.stderr.on("data", (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${env.BANGBAN_PORT}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`station exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`station did not start:\n${out}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await sleep(100);
  }
  return {
    url,
    pid: proc.pid as number,
    output: () => out,
    /** Null while running; how it ended otherwise (e.g. "killed by SIGKILL"). */
    exited: () => exit,
    kill: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}
