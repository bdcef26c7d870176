import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { isRetryable, type SyncErrorKind } from "@bangban/sync";
import type { Hono } from "hono";

/** The app folders whose `src/cli.ts serve` starts a node. */
export const APP_DIRS = {
  station: fileURLToPath(new URL("../../../apps/station", import.meta.url)),
  hub: fileURLToPath(new URL("../../../apps/hub", import.meta.url)),
} as const;

/**
 * The only time bound of the multi-process helpers (`startNode`, `until`, `untilRound`): a
 * hang guard, not a measure of how long anything should take. A busy machine (two suites and
 * two browsers on two cores) may take minutes over a step; the guard only turns a hang into a
 * failure that names what it waited for, and vitest's own test timeout may end a hang first.
 * A test awaits the thing itself: a process listening, a condition, a node's sync round.
 */
export const HANG_GUARD_MS = 15 * 60_000;

/** How often a long wait says on stderr what it still awaits (a note, never a failure). */
const NOTE_EVERY_MS = 60_000;

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
  timeoutMs = HANG_GUARD_MS,
  opts: StartOptions = {},
): Promise<RunningNode> {
  return startNode("station", env, timeoutMs, opts);
}

export interface StartOptions {
  /**
   * Run the app's bundle (`dist/cli.mjs`, built by `pnpm build`) instead of its source:
   * "as-shipped" by the bundle's first line (node with the app's flags), "plain-node" as
   * `node dist/cli.mjs` (node without them).
   */
  bundled?: "as-shipped" | "plain-node";
}

/**
 * Starts a real node process (`src/cli.ts serve` of the app) and waits for /healthz; fails at
 * once, with its output, if the process exits first. `timeoutMs` is the hang guard.
 */
export async function startNode(
  app: keyof typeof APP_DIRS,
  env: Record<string, string>,
  timeoutMs = HANG_GUARD_MS,
  opts: StartOptions = {},
): Promise<RunningNode> {
  const port = Number(env.BANGBAN_PORT);
  // Tests run the source; a test of the bundle (and the benchmarks) the bundle.
  const [command, entry] =
    opts.bundled === "as-shipped"
      ? ["./dist/cli.mjs", ["serve"]]
      : opts.bundled === "plain-node"
        ? [process.execPath, ["dist/cli.mjs", "serve"]]
        : [process.execPath, ["--import", "tsx", "src/cli.ts", "serve"]];
  const proc = spawn(command, entry, {
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
  if (Date.now() >= deadline)
    throw new Error(`${hangGuard(`${app} to start`, timeoutMs)}:\n${out}`);
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
export function nodeGroup(timeoutMs = HANG_GUARD_MS) {
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
 * Awaits a condition across processes that no sync round brings about (a process's own
 * work: warm workers, a checkpoint, a file appearing mid-push): looks every `everyMs` until
 * `f` gives a value (an error counts as "not yet"). For what a sync round brings about, use
 * `untilRound`, which judges on fresh state and fails fast on a broken round. `ms` is the
 * hang guard (HANG_GUARD_MS), not the test's assertion.
 */
export async function until<T>(
  what: string,
  f: () => Promise<T | null | undefined | false>,
  ms = HANG_GUARD_MS,
  everyMs = 200,
): Promise<T> {
  const begun = Date.now();
  let noted = begun;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    const now = Date.now();
    if (now - begun > ms) throw new Error(hangGuard(what, ms));
    if (now - noted >= NOTE_EVERY_MS) {
      noted = now;
      console.warn(`still awaiting ${what} after ${Math.round((now - begun) / 1000)} s`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const hangGuard = (what: string, ms: number) =>
  `hang guard: still awaiting ${what} after ${Math.round(ms / 1000)} s (HANG_GUARD_MS: a hang, not a slow machine)`;

/**
 * A node's sync rounds as its /healthz reports them (SyncRounds in @bangban/sync): a station's
 * loop to its hub (`sync.rounds`), a street hub's loop up to its district (`district.rounds`).
 */
export interface NodeRounds {
  started: number;
  finished: number;
  sameErrorInARow: number;
  lastError: { kind: string; en: string } | null;
}

/** The node's rounds from its /healthz; null while it has no sync loop (not enrolled, not linked). */
export async function roundsAt(url: string): Promise<NodeRounds | null> {
  const body = (await (await fetch(`${url}/healthz`)).json()) as {
    sync?: { rounds?: NodeRounds } | null;
    district?: { rounds?: NodeRounds };
  };
  return body.sync?.rounds ?? body.district?.rounds ?? null;
}

/** Failures of a round that look like the other end away or slow: a test may well mean it. */
const UNREACHABLE = /fetch failed|aborted|timeout|ECONNREFUSED|ECONNRESET|socket/i;

/**
 * Whether a node's failed rounds since a call mean a bug rather than a peer away or busy: a
 * refusal no retry mends (the loop parks until a person acts), or `failures` rounds in a row
 * failing with the same error that is neither the peer unreachable nor its typed "later" (a
 * hub answering 500, the node's own code throwing). `freshEnded`: rounds begun after the call
 * that have ended. Returns the round's own error to fail with, or null.
 */
function brokenRound(r: NodeRounds, freshEnded: number, failures = 3): string | null {
  const e = r.lastError;
  if (!e || freshEnded < 1) return null;
  const inARow = Math.min(r.sameErrorInARow, freshEnded);
  if (!isRetryable(e.kind as SyncErrorKind)) {
    return `a round failed with ${e.kind} (${e.en}): the loop waits for a person`;
  }
  if (e.kind === "NETWORK" && !UNREACHABLE.test(e.en) && inARow >= failures) {
    return `${inARow} rounds in a row failed with ${e.kind} (${e.en})`;
  }
  return null;
}

/** One node's rounds as `untilRound` follows them: a round begun after the call must end. */
class RoundWatch {
  /** The first round number that begins after the call. */
  private target: number;
  last: NodeRounds | null;

  constructor(
    readonly url: string,
    at: NodeRounds | null,
  ) {
    this.last = at;
    this.target = (at?.started ?? 0) + 1;
  }

  /** Looks again; a node restarted since (its counts went back) counts from its new start. */
  async look(): Promise<void> {
    const r = await roundsAt(this.url).catch(() => null);
    if (!r) return;
    if (this.last && r.started < this.last.started) this.target = 1;
    this.last = r;
  }

  /** Rounds begun after the call that have ended (0: the state is not known fresh yet). */
  get freshEnded(): number {
    return this.last ? Math.max(0, this.last.finished - this.target + 1) : 0;
  }

  describe(): string {
    return `${this.url} ${JSON.stringify(this.last)}`;
  }
}

/**
 * Awaits what sync rounds bring about (changes pushed, a case pulled, reference data down):
 * `f` is judged only once each node in `nodes` has ended a round begun after this call (so on
 * state at least that fresh, never on what was there before), then after every look until it
 * gives a value (an error counts as "not yet"). Name every node whose rounds carry it there:
 * `[a, hub-of-street]` for a change travelling A → street → district. Fails fast, with the
 * round's own error, when a node's rounds since the call are broken (`brokenRound`); rounds
 * failing because a peer is away are waited out. Time bounds nothing but the hang guard.
 */
export async function untilRound<T>(
  what: string,
  nodes: string | readonly string[],
  f: () => Promise<T | null | undefined | false>,
  opts: { failures?: number; everyMs?: number; hangGuardMs?: number } = {},
): Promise<T> {
  const guard = opts.hangGuardMs ?? HANG_GUARD_MS;
  const begun = Date.now();
  let noted = begun;
  const watches: RoundWatch[] = [];
  for (const url of typeof nodes === "string" ? [nodes] : nodes) {
    // The node is up (the test started it): its answer now is what "before the call" means.
    const at = await until(`${url}/healthz`, () => roundsAt(url).then((r) => ({ r })), guard);
    watches.push(new RoundWatch(url, at.r));
  }
  for (;;) {
    if (watches.every((w) => w.freshEnded > 0)) {
      const v = await f().catch(() => null);
      if (v) return v;
    }
    for (const w of watches) {
      const broken = w.last && brokenRound(w.last, w.freshEnded, opts.failures);
      if (broken) throw new Error(`while awaiting ${what}: ${w.url}: ${broken}`);
    }
    const now = Date.now();
    const state = () => watches.map((w) => w.describe()).join("; ");
    if (now - begun > guard) throw new Error(`${hangGuard(what, guard)}; rounds: ${state()}`);
    if (now - noted >= NOTE_EVERY_MS) {
      noted = now;
      console.warn(
        `still awaiting ${what} after ${Math.round((now - begun) / 1000)} s: ${state()}`,
      );
    }
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 200));
    await Promise.all(watches.map((w) => w.look()));
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
