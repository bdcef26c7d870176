/**
 * Driving our side: a hub process from the template, a station process enrolled with it
 * (`code --site`, `enrol`) that reaches it through a relay, and one sync round started the
 * way the UI's 立即同步 button starts it (system.syncNow), timed from the moment the network
 * comes back. Also reading the databases afterwards to check what arrived.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import { type Db, LibsqlCaseStore, openDb } from "@bangban/db";
import type { SyncStatus } from "@bangban/sync";
import { RssSampler, sleep } from "./measure";
import {
  enrolmentCode,
  enrolStation,
  portOf,
  Relay,
  type Running,
  startHub,
  startStation,
} from "./procs";
import { hubFromTemplate } from "./seed";
import { UiClient } from "./wire";

export interface HubRun {
  dir: string;
  hub: Running;
  sampler: RssSampler;
  stop: () => Promise<void>;
}

export async function startHubFrom(
  template: string,
  dir: string,
  opts: { fromTemplate?: boolean } = {},
): Promise<HubRun> {
  mkdirSync(dir, { recursive: true });
  if (opts.fromTemplate !== false) hubFromTemplate(template, dir);
  const hub = await startHub(dir);
  const sampler = new RssSampler(hub.pid).start();
  return {
    dir,
    hub,
    sampler,
    stop: async () => {
      sampler.stop();
      await hub.stop();
    },
  };
}

export interface StationRun {
  site: string;
  dir: string;
  station: Running;
  relay: Relay;
  ui: UiClient;
  sampler: RssSampler;
  stop: () => Promise<void>;
}

/**
 * Enrols the station in `dir` (its database already seeded) with the hub and starts it
 * behind a relay that is offline: the station starts with the network down.
 */
export async function startStationFor(
  hub: HubRun,
  site: string,
  dir: string,
  opts: { enrol?: boolean; helper?: string; env?: Record<string, string> } = {},
): Promise<StationRun> {
  if (opts.enrol !== false) {
    const code = await enrolmentCode(hub.dir, site);
    await enrolStation(site, dir, hub.hub.url, code);
  }
  const relay = await new Relay({ host: "127.0.0.1", port: portOf(hub.hub.url) }).start();
  await relay.online(false);
  const station = await startStation(site, dir, relay.url, opts.env);
  const ui = new UiClient(station.url);
  await ui.login(opts.helper ?? "zhangli");
  const sampler = new RssSampler(station.pid).start();
  return {
    site,
    dir,
    station,
    relay,
    ui,
    sampler,
    stop: async () => {
      sampler.stop();
      await station.stop();
      await relay.close();
    },
  };
}

export interface Round {
  ms: number;
  status: SyncStatus;
  up: number;
  down: number;
}

/**
 * The network comes back and the station syncs: relay online, then system.syncNow (the
 * station's whole round: push, pull, reference). A round that failed (e.g. it had started
 * just before the network was back) is started again; the time runs from the reconnect.
 */
export async function reconnectAndSync(s: StationRun): Promise<Round> {
  s.relay.reset();
  await s.relay.online(true);
  const t0 = performance.now();
  let status = await s.ui.call<SyncStatus>("system.syncNow", null);
  for (let i = 0; i < 3 && status.lastError; i++) {
    await sleep(50);
    status = await s.ui.call<SyncStatus>("system.syncNow", null);
  }
  return { ms: performance.now() - t0, status, up: s.relay.up, down: s.relay.down };
}

/** A read-only look at a node's database file while its process runs (WAL readers). */
export async function readDb(path: string): Promise<Db> {
  return openDb(`file:${path}`);
}

export async function countByActor(db: Db, actor: string): Promise<number> {
  const { rows } = await db.client.execute({
    sql: "SELECT count(*) AS n FROM changes WHERE actor = ?",
    args: [actor],
  });
  return Number(rows[0]?.n ?? 0);
}

/** The cases a hub holds from `site` (actor `actor`): bulk claims, or verified in its change log. */
export async function casesHeld(db: Db, site: string, actor: string): Promise<number> {
  const { rows } = await db.client.execute({
    sql: `SELECT count(*) AS n FROM (SELECT case_id FROM bulk_cases WHERE sender = ?
      UNION SELECT case_id FROM changes WHERE actor = ?)`,
    args: [site, actor],
  });
  return Number(rows[0]?.n ?? 0);
}

/**
 * Whether a hub holds all `n` cases from `site` (`casesHeld` ≥ n), for a wait that polls it
 * while a push runs on the same two cores: the bulk claims' count first, read from their
 * sender index alone; the union with the change log (a temporary b-tree of every case id
 * held, and a row lookup for each) only when the claims alone fall short: polled every 50 ms,
 * the union's cost grew with the push (B2-100K's note gives both, measured at its end).
 */
export async function holdsAllCases(
  db: Db,
  site: string,
  actor: string,
  n: number,
): Promise<boolean> {
  const { rows } = await db.client.execute({
    sql: "SELECT count(*) AS n FROM bulk_cases WHERE sender = ?",
    args: [site],
  });
  if (Number(rows[0]?.n ?? 0) >= n) return true;
  return (await casesHeld(db, site, actor)) >= n;
}

/** Which of `hashes` the database holds (all of them, when it has everything). */
export async function heldHashes(db: Db, hashes: readonly string[]): Promise<number> {
  // The log is keyed by (case, hash): every hash is read once (from that index, not the
  // blobs) rather than looked up by itself.
  const { rows } = await db.client.execute("SELECT hash FROM changes");
  const held = new Set(rows.map((r) => String(r.hash)));
  return hashes.filter((h) => held.has(h)).length;
}

/** Loads each case from the database as a node would and compares its heads. */
export async function headsMismatches(
  db: Db,
  cases: readonly { caseId: string; heads: string[] }[],
): Promise<number> {
  const store = new LibsqlCaseStore(db);
  let bad = 0;
  for (const c of cases) {
    const stored = await store.loadCase(c.caseId);
    if (!stored) {
      bad += 1;
      continue;
    }
    let doc = stored.snapshot ? A.load(stored.snapshot) : A.init();
    if (stored.changes.length) [doc] = A.applyChanges(doc, stored.changes);
    const heads = A.getHeads(doc);
    A.free(doc);
    if ([...heads].sort().join() !== [...c.heads].sort().join()) bad += 1;
  }
  return bad;
}

export const dbPath = {
  hub: (dir: string) => join(dir, "hub.db"),
  station: (dir: string) => join(dir, "station.db"),
};

/** Every `n`-th element (a spread-out sample). */
export function sample<T>(xs: readonly T[], n: number): T[] {
  const step = Math.max(1, Math.floor(xs.length / n));
  return xs.filter((_, i) => i % step === 0).slice(0, n);
}
