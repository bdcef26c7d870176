/**
 * B7 reconnect storm: 200 stations come back with a day's backlog each (40 cases, 200 changes)
 * within the same second, against one hub process. Each station is the real SyncService over
 * the real HttpSyncTransport with its own libSQL file, many to a process (storm-stations.ts,
 * a few processes: 200 station processes do not fit on 2 cores). Measured: the time until
 * every backlog is durable at the hub, lost changes, errors, the RETRY_AFTER answers and
 * whether each was honoured, and the p99 of a station's whole round, waits included.
 */
import { type ChildProcess, fork } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { openDb } from "@bangban/db";
import { type Ctx, mb, scenarioDir } from "../context";
import { generate, makeAll } from "../gen";
import { loadNow, percentile, procCpuSeconds, RssSampler, round } from "../measure";
import { dbPath, heldHashes, readDb, startHubFrom } from "../ours";
import { track } from "../procs";
import { addBenchStations, codesFor, hubFromTemplate, stationSite, storeCases } from "../seed";
import type { StormCommand, StormResult, StormStation } from "../storm-stations";
import { BenchTransport } from "../wire";
import { rng, type SeedCase, stationActor } from "../workload";

export interface StormOptions {
  stations: number;
  casesPerStation: number;
  changesPerCase: number;
  /** Processes the stations are spread over. */
  workers: number;
  /** The window the stations reconnect in (ms). */
  windowMs: number;
}

const workerFile = new URL("../storm-stations.ts", import.meta.url).pathname;

/** A station process: answers `init` with ready, `go` with every station's round. */
function startWorker(): { proc: ChildProcess; next: () => Promise<Record<string, unknown>> } {
  const proc = fork(workerFile, [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  track(proc);
  const inbox: Record<string, unknown>[] = [];
  let waiting: ((m: Record<string, unknown>) => void) | null = null;
  proc.on("message", (m: Record<string, unknown>) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(m);
    } else inbox.push(m);
  });
  proc.once("exit", (code) => {
    const m = { type: "failed", error: `station process exited (${code})` };
    if (waiting) waiting(m);
    else inbox.push(m);
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => {
      const m = inbox.shift();
      if (m) resolve(m);
      else waiting = resolve;
    });
  return { proc, next };
}

export async function b7(ctx: Ctx, o: StormOptions): Promise<void> {
  const dir = scenarioDir(ctx, "b7");
  const sites = Array.from({ length: o.stations }, (_, i) => stationSite(i + 1));
  const actors = sites.map((s, i) => stationActor(s, rng(7000 + i)));
  ctx.log(
    `B7 storm: ${o.stations} stations × ${o.casesPerStation} cases × ${o.changesPerCase} changes, reconnecting within ${o.windowMs} ms, over ${o.workers} processes`,
  );

  // The day's backlog: station 1's cases made, the others' cloned from them (seed.ts cloneCase).
  const first = sites[0] as string;
  const templates = await makeAll(
    { site: first, actor: actors[0] as string, seed: 7, count: o.changesPerCase },
    o.casesPerStation,
  );
  const bySite = new Map<string, SeedCase[]>([[first, templates]]);
  const rest = sites
    .slice(1)
    .map((site, k) => ({ site, actor: actors[k + 1] as string, firstNumber: 1 }));
  const half = Math.ceil(rest.length / 2);
  await generate(
    [rest.slice(0, half), rest.slice(half)]
      .filter((t) => t.length)
      .map((targets) => ({
        kind: "clone" as const,
        templates,
        fromActor: actors[0] as string,
        fromSite: first,
        targets,
      })),
    (batch) => {
      for (const c of batch) bySite.set(c.site, [...(bySite.get(c.site) ?? []), c]);
    },
  );
  const hashes = [...bySite.values()].flat().flatMap((c) => c.changes.map((ch) => ch.hash));
  ctx.log(`B7: ${hashes.length} changes made; writing ${o.stations} station databases`);

  // Each station's own database, its backlog in it (an empty migrated file copied, then filled).
  const stDir = join(dir, "stations");
  mkdirSync(stDir, { recursive: true });
  const empty = join(stDir, "empty.db");
  (await openDb(`file:${empty}`)).close();
  const dbFile = (site: string) => join(stDir, `${site}.db`);
  for (const site of sites) {
    copyFileSync(empty, dbFile(site));
    const db = await openDb(`file:${dbFile(site)}`);
    await storeCases(db, bySite.get(site) ?? []);
    db.close();
  }

  // The hub: the template with stations 051… added, then enrolments as `bangban-hub code` makes them.
  const hubDir = join(dir, "hub");
  mkdirSync(hubDir, { recursive: true });
  hubFromTemplate(ctx.hubTemplate, hubDir);
  if (o.stations > 50) {
    const db = await openDb(`file:${dbPath.hub(hubDir)}`);
    await addBenchStations(db, 51, o.stations);
    db.close();
  }
  const hub = await startHubFrom(ctx.hubTemplate, hubDir, { fromTemplate: false });
  const workers: ReturnType<typeof startWorker>[] = [];
  try {
    const codes = await codesFor(dbPath.hub(hubDir), sites);
    const phase = rng(77);
    const stations: StormStation[] = [];
    for (const [i, site] of sites.entries()) {
      const wire = new BenchTransport(hub.hub.url);
      const { credential } = await wire.enrol(codes.get(site) as string, [actors[i] as string]);
      stations.push({
        site,
        actor: actors[i] as string,
        credential,
        dbFile: dbFile(site),
        phaseMs: Math.floor(phase() * o.windowMs),
      });
    }
    for (let w = 0; w < o.workers; w++) workers.push(startWorker());
    await Promise.all(
      workers.map(async (w, k) => {
        const cmd: StormCommand = {
          type: "init",
          hubUrl: hub.hub.url,
          stations: stations.filter((_, i) => i % o.workers === k),
        };
        w.proc.send(cmd);
        const m = await w.next();
        if (m.type !== "ready") throw new Error(`B7 station process: ${String(m.error)}`);
      }),
    );

    const load = loadNow();
    hub.sampler.stop();
    const sampler = new RssSampler(hub.hub.pid).start();
    const cpu0 = procCpuSeconds(hub.hub.pid);
    const stationCpu = () => workers.reduce((n, w) => n + procCpuSeconds(w.proc.pid as number), 0);
    const stCpu0 = stationCpu();
    const at = Date.now() + 300;
    const go: StormCommand = { type: "go", at };
    for (const w of workers) w.proc.send(go);
    const answers = await Promise.all(workers.map((w) => w.next()));
    const hubCpu = procCpuSeconds(hub.hub.pid) - cpu0;
    const stCpu = stationCpu() - stCpu0;
    const peak = sampler.stop();
    const failed = answers.find((m) => m.type !== "done");
    if (failed) throw new Error(`B7 station process: ${String(failed.error)}`);
    const results = answers.flatMap((m) => m.results as StormResult[]);

    const hubDb = await readDb(dbPath.hub(hubDir));
    const held = await heldHashes(hubDb, hashes);
    hubDb.close();
    const lost = hashes.length - held;
    const unfinished = results.filter((r) => r.doneMs === null);
    const acks = results.map((r) => r.lastAckMs ?? Number.POSITIVE_INFINITY);
    const durableS = unfinished.length || lost ? null : Math.max(...acks) / 1000;
    const pushes = results
      .filter((r) => r.lastAckMs !== null)
      .map((r) => (r.lastAckMs as number) - r.startMs);
    const rounds = results
      .filter((r) => r.doneMs !== null)
      .map((r) => (r.doneMs as number) - r.startMs);
    const errors = results.flatMap((r) => r.errors);
    const retries = results.reduce((n, r) => n + r.retryAfters, 0);
    const early = results.reduce((n, r) => n + r.early, 0);
    const waits = results.flatMap((r) => r.waitsMs);
    const refused = results.filter((r) => r.retryAfters > 0).length;
    const requests = results.reduce((n, r) => n + r.requests, 0);
    const calls = (["push", "pull", "reference"] as const)
      .map((k) => {
        const t = results.flatMap((r) => r.took[k]);
        const refusedK = results.reduce((n, r) => n + r.refusedBy[k], 0);
        return `${k} ${t.length} (${refusedK} refused), p50 ${round(percentile(t, 50))} ms, max ${round(Math.max(0, ...t))} ms`;
      })
      .join("; ");
    const common = `${o.stations} stations × ${o.casesPerStation} cases (${hashes.length} changes in all, ${o.casesPerStation * o.changesPerCase} each), each starting its sync loop at a random moment within ${o.windowMs} ms; real SyncService + HttpSyncTransport + a libSQL file per station, ${o.workers} station processes on the same 2 cores as the hub; rounds: push, pull, reference (no audit rows, complaints or scans in the backlog); ${requests} requests (${calls}); hub admission: defaults (ADMISSION_LIMITS); CPU during the storm: hub ${round(hubCpu)} s, station processes ${round(stCpu)} s; hub peak RSS ${mb(peak)} MB; load average before ${load}, after ${loadNow()}`;
    ctx.results.add({
      name: "B7-all-durable",
      unit: "s",
      ours: durableS,
      target: { max: 15 },
      digits: 2,
      note: `from the first station's reconnect to the last push acknowledged (committed at the hub); verified afterwards: hub holds ${held}/${hashes.length} changes; ${unfinished.length} stations without a finished round within 120 s; ${common}`,
    });
    ctx.results.add({
      name: "B7-round-p99",
      unit: "s",
      ours: rounds.length === results.length ? percentile(rounds, 99) / 1000 : null,
      target: { max: 5 },
      digits: 2,
      note: `a station's whole round from its own reconnect until push, pull and reference are done, RETRY_AFTER waits included (its backlog acknowledged after p50 ${round(percentile(pushes, 50) / 1000, 2)} s, max ${round(Math.max(...pushes) / 1000, 2)} s): p50 ${round(percentile(rounds, 50) / 1000, 2)} s, p99 of ${rounds.length}, max ${round(Math.max(...rounds) / 1000, 2)} s`,
    });
    ctx.results.add({
      name: "B7-lost",
      unit: "changes",
      ours: lost,
      target: { max: 0 },
      digits: 0,
      note: `backlog changes not in the hub's database after the storm; ${common}`,
    });
    ctx.results.add({
      name: "B7-errors",
      unit: "requests",
      ours: errors.length,
      target: { max: 0 },
      digits: 0,
      note: `failures other than RETRY_AFTER seen by the stations (timeouts, 5xx, refusals)${errors[0] ? `; first: ${errors[0]}` : ""}`,
    });
    ctx.results.add({
      name: "B7-retry-after",
      unit: "answers",
      ours: retries,
      digits: 0,
      note: `typed RETRY_AFTER answers (429) the stations got, ${retries - early} of ${retries} honoured (no call before the wait was over; ${early} early), ${refused} of ${o.stations} stations refused at least once; waits given p50 ${round(percentile(waits, 50))} ms, max ${round(waits.length ? Math.max(...waits) : 0)} ms`,
    });
    ctx.log(
      `B7: durable ${durableS ?? "—"} s, round p99 ${round(percentile(rounds, 99) / 1000, 2)} s, lost ${lost}, errors ${errors.length}, RETRY_AFTER ${retries} (${early} early)`,
    );
  } finally {
    for (const w of workers) w.proc.kill("SIGKILL");
    await hub.stop();
  }
}
