import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";

/** The app folders whose `src/cli.ts serve` starts a node. */
export const APP_DIRS = {
  station: fileURLToPath(new URL("../../../apps/station", import.meta.url)),
  hub: fileURLToPath(new URL("../../../apps/hub", import.meta.url)),
} as const;

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningNode {
  url: string;
  proc: ChildProcess;
  output: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Runs a node's CLI command to completion (seed, code, enrol); returns its stdout. */
export async function runCli(
  app: keyof typeof APP_DIRS,
  args: string[],
  env: Record<string, string>,
): Promise<string> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: APP_DIRS[app],
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
  if (code !== 0) throw new Error(`${app} ${args.join(" ")} failed (${code}):\n${out}`);
  return out.trim();
}

/** Starts a real station process (`bangban-station serve`) and waits for /healthz. */
export function startStation(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<RunningNode> {
  return startNode("station", env, timeoutMs);
}

/** Starts a real node process (`src/cli.ts serve` of the app) and waits for /healthz. */
export async function startNode(
  app: keyof typeof APP_DIRS,
  env: Record<string, string>,
  timeoutMs = 30_000,
  opts: { bundled?: boolean } = {},
): Promise<RunningNode> {
  const port = Number(env.BANGBAN_PORT);
  // Tests run the source; benchmarks run the bundle (`pnpm build`), as deployments do.
  const entry = opts.bundled
    ? ["dist/cli.mjs", "serve"]
    : ["--import", "tsx", "src/cli.ts", "serve"];
  const proc = spawn(process.execPath, entry, {
    cwd: APP_DIRS[app],
    env: { ...process.env, BANGBAN_HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`${app} exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (Date.now() >= deadline) throw new Error(`${app} did not start:\n${out}`);
  return {
    url,
    proc,
    output: () => out,
    kill: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) {
          resolve();
          return;
        }
        proc.once("exit", () => resolve());
        proc.kill(signal);
      }),
  };
}

/**
 * The node processes one multi-process test starts: each started node is remembered, so the
 * test's `afterAll` can kill whatever is still running (`killAll`), and `stop` forgets one.
 */
export function nodeGroup(timeoutMs = 60_000) {
  const running = new Set<RunningNode>();
  return {
    running,
    async start(app: keyof typeof APP_DIRS, env: Record<string, string>) {
      const node = await startNode(app, env, timeoutMs);
      running.add(node);
      return node;
    },
    async stop(node: RunningNode, signal: NodeJS.Signals = "SIGTERM") {
      await node.kill(signal);
      running.delete(node);
    },
    async killAll() {
      for (const n of running) await n.kill("SIGKILL");
      running.clear();
    },
  };
}

/**
 * Awaits a condition across processes: looks every `everyMs` until `f` gives a value (an
 * error counts as "not yet"), failing with `what` after `ms`. A look, not a timing assumption.
 */
export async function until<T>(
  what: string,
  f: () => Promise<T | null | undefined | false>,
  ms = 60_000,
  everyMs = 200,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A tiny tRPC-over-fetch client with a cookie, for tests against real processes. */
export class HttpClient {
  cookie = "";
  constructor(readonly base: string) {}

  async call<T = unknown>(path: string, input?: unknown, kind: "query" | "mutation" = "mutation") {
    const url =
      kind === "query"
        ? `${this.base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input ?? null))}`
        : `${this.base}/trpc/${path}`;
    const res = await fetch(url, {
      method: kind === "query" ? "GET" : "POST",
      headers: { "content-type": "application/json", cookie: this.cookie },
      body: kind === "query" ? undefined : JSON.stringify(input ?? null),
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0] ?? "";
    const body = (await res.json()) as {
      result?: { data: T };
      error?: { data?: { bangban?: { code: string; field: string | null; zh: string } } };
    };
    return { status: res.status, data: body.result?.data, error: body.error?.data?.bangban };
  }

  async login(username: string, password = "bangban2026") {
    const r = await this.call("auth.login", { username, password });
    if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.error)}`);
  }
}

export interface TrpcResult<T = unknown> {
  status: number;
  data?: T;
  error?: { code: string; field: string | null; zh: string; en: string };
}

/** Speaks tRPC's HTTP wire format through `app.request`, keeping the session cookie. */
export class TrpcClient {
  cookie = "";

  constructor(private readonly app: Hono) {}

  private async send(res: Response): Promise<TrpcResult> {
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0] ?? "";
    const body = (await res.json()) as {
      result?: { data: unknown };
      error?: { data?: { bangban?: TrpcResult["error"] } };
    };
    return { status: res.status, data: body.result?.data, error: body.error?.data?.bangban };
  }

  async query<T = unknown>(path: string, input?: unknown): Promise<TrpcResult<T>> {
    const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send(
      await this.app.request(`/trpc/${path}${qs}`, { headers: { cookie: this.cookie } }),
    ) as Promise<TrpcResult<T>>;
  }

  async mutate<T = unknown>(path: string, input?: unknown): Promise<TrpcResult<T>> {
    return this.send(
      await this.app.request(`/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: this.cookie },
        body: JSON.stringify(input ?? null),
      }),
    ) as Promise<TrpcResult<T>>;
  }

  async login(username: string, password = "bangban2026") {
    const r = await this.mutate("auth.login", { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.error)}`);
    return this;
  }
}
