/**
 * The real processes the bench measures: `bangban-hub serve` and `bangban-station serve`,
 * started as shipped (their bundles, `dist/cli.mjs`), their CLIs (`seed`, `code`, `enrol`),
 * and a byte-counting TCP relay the station reaches the hub through (so the bench can cut
 * and restore the network and count what crossed it).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sleep } from "./measure";
import { ID_HASH_KEY } from "./workload";

const appsDir = fileURLToPath(new URL("../../", import.meta.url));
export const HUB_DIR = `${appsDir}hub`;
export const STATION_DIR = `${appsDir}station`;
export const HUB_SITE = "330106001";

/** Ports this bench may use: 8730–8799, handed out in order (wrapping), free ones only. */
let nextPort = 8730;
export async function port(): Promise<number> {
  for (let tries = 0; tries < 70; tries++) {
    const p = nextPort;
    nextPort = nextPort >= 8799 ? 8730 : nextPort + 1;
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(false));
      s.listen(p, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free) return p;
  }
  throw new Error("no free port in 8730–8799");
}

const live = new Set<ChildProcess>();

/** Processes started elsewhere (the peer's) that must also die with the bench. */
export function track(proc: ChildProcess): void {
  live.add(proc);
  proc.once("exit", () => live.delete(proc));
}

/** Kills every process this bench started and is still running (called on exit too). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((p) => stop(p)));
}

function stop(proc: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      live.delete(proc);
      return resolve();
    }
    const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    proc.once("exit", () => {
      clearTimeout(t);
      live.delete(proc);
      resolve();
    });
    proc.kill(signal);
  });
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    for (const p of live) p.kill("SIGKILL");
    process.exit(130);
  });
}
process.once("exit", () => {
  for (const p of live) p.kill("SIGKILL");
});

export interface Running {
  name: string;
  url: string;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Spawns `node <args>` in `cwd` and waits until `ready` resolves true. */
export async function startProcess(opts: {
  name: string;
  cwd: string;
  args: string[];
  env: Record<string, string>;
  url: string;
  ready?: () => Promise<boolean>;
  timeoutMs?: number;
}): Promise<Running> {
  const proc = spawn(process.execPath, opts.args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(proc);
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  const ready =
    opts.ready ??
    (() =>
      fetch(`${opts.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${opts.name} exited early:\n${out}`);
    if (Date.now() > deadline) {
      await stop(proc, "SIGKILL");
      throw new Error(`${opts.name} did not start:\n${out}`);
    }
    if (await ready()) break;
    await sleep(100);
  }
  return {
    name: opts.name,
    url: opts.url,
    pid: proc.pid as number,
    output: () => out,
    stop: () => stop(proc),
  };
}

export function hubEnv(dataDir: string, p: number): Record<string, string> {
  return {
    BANGBAN_SITE: HUB_SITE,
    BANGBAN_PORT: String(p),
    BANGBAN_HOST: "127.0.0.1",
    BANGBAN_DATA_DIR: dataDir,
    BANGBAN_ID_HASH_KEY: ID_HASH_KEY,
  };
}

export function stationEnv(
  site: string,
  dataDir: string,
  p: number,
  hubUrl: string,
): Record<string, string> {
  return {
    BANGBAN_SITE: site,
    BANGBAN_PORT: String(p),
    BANGBAN_HOST: "127.0.0.1",
    BANGBAN_DATA_DIR: dataDir,
    BANGBAN_HUB_URL: hubUrl,
    BANGBAN_ID_HASH_KEY: ID_HASH_KEY,
    // The bench starts each round itself (system.syncNow, the UI's 立即同步); the loop's own
    // timer should not start one in the middle of a measurement.
    BANGBAN_SYNC_INTERVAL_MS: "3600000",
  };
}

/**
 * How a server is run as shipped: its bundle (`dist/cli.mjs`, built by `pnpm build`) with the
 * node flags of the bundle's own `#!` line.
 */
export function shippedArgs(appDir: string): string[] {
  const bundle = join(appDir, "dist", "cli.mjs");
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run \`pnpm build\` first (pnpm bench does)`);
  }
  const first = readFileSync(bundle, "utf8").slice(0, 200).split("\n")[0] ?? "";
  const flags = first
    .replace(/^#!.*?\bnode\b/, "")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return [...flags, "dist/cli.mjs"];
}

export async function startHub(dataDir: string): Promise<Running> {
  const p = await port();
  return startProcess({
    name: "hub",
    cwd: HUB_DIR,
    args: [...shippedArgs(HUB_DIR), "serve"],
    env: {
      ...hubEnv(dataDir, p),
      // Diagnostics (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): see bench/README.md.
      ...(process.env.BENCH_HUB_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_HUB_NODE_OPTIONS }
        : {}),
    },
    url: `http://127.0.0.1:${p}`,
    // Measured as it serves for days: once its load workers have warmed up (see /healthz).
    ready: () =>
      fetch(`http://127.0.0.1:${p}/healthz`).then(
        async (r) =>
          r.ok &&
          ((await r.json()) as { loadWorkers?: { warm?: boolean } | null }).loadWorkers?.warm !==
            false,
        () => false,
      ),
  });
}

export async function startStation(
  site: string,
  dataDir: string,
  hubUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<Running> {
  const p = await port();
  return startProcess({
    name: `station ${site}`,
    cwd: STATION_DIR,
    args: [...shippedArgs(STATION_DIR), "serve"],
    env: {
      ...stationEnv(site, dataDir, p, hubUrl),
      ...extraEnv,
      ...(process.env.BENCH_STATION_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_STATION_NODE_OPTIONS }
        : {}),
    },
    url: `http://127.0.0.1:${p}`,
  });
}

/** Runs a CLI command of the hub or the station to completion; its stdout. */
export function cli(cwd: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", ...args],
      { cwd, env: { ...process.env, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${args[0]} failed: ${err.message}\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

/** `bangban-hub code --site SITE`: a one-time enrolment code (the last line printed). */
export async function enrolmentCode(hubDataDir: string, site: string): Promise<string> {
  const out = await cli(HUB_DIR, ["code", "--site", site], hubEnv(hubDataDir, 8730));
  const code = out.trim().split("\n").pop()?.trim();
  if (!code) throw new Error(`no enrolment code in:\n${out}`);
  return code;
}

/** `bangban-station enrol --hub URL --code CODE`. */
export async function enrolStation(
  site: string,
  dataDir: string,
  hubUrl: string,
  code: string,
): Promise<void> {
  await cli(
    STATION_DIR,
    ["enrol", "--hub", hubUrl, "--code", code],
    stationEnv(site, dataDir, 8731, hubUrl),
  );
}

/** A TCP relay on 127.0.0.1 to `target`, counting bytes each way; it can go offline. */
export class Relay {
  up = 0;
  down = 0;
  private isOnline = true;
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port = await port();
    this.server = createServer((client) => {
      const upstream = createConnection(this.target);
      this.sockets.add(client);
      this.sockets.add(upstream);
      client.on("data", (d) => {
        this.up += d.length;
        if (!upstream.write(d)) client.pause();
      });
      upstream.on("drain", () => client.resume());
      upstream.on("data", (d) => {
        this.down += d.length;
        if (!client.write(d)) upstream.pause();
      });
      client.on("drain", () => upstream.resume());
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on("close", end);
      upstream.on("close", end);
      client.on("error", end);
      upstream.on("error", end);
    });
    await this.listen();
    return this;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server?.once("error", reject);
      this.server?.listen(this.port, "127.0.0.1", () => {
        this.server?.off("error", reject);
        resolve();
      });
    });
  }

  /**
   * Offline: the relay stops listening (connections are refused, as when the hub is
   * unreachable) and cuts open connections. Online: it listens again on the same port.
   */
  async online(on: boolean): Promise<void> {
    if (on === this.isOnline) return;
    this.isOnline = on;
    if (on) return this.listen();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  reset(): void {
    this.up = 0;
    this.down = 0;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (!this.isOnline || !this.server) return Promise.resolve();
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}
