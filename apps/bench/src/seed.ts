/**
 * Putting the seeded cases where the scenarios need them, fast: straight into a station's
 * database through the libSQL case store (what `CaseRepo` writes: change log, snapshot,
 * projection, in one transaction per batch), and a hub database template with the demo seed
 * (`bangban-hub seed --demo`) and the 50 stations of the street center.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import {
  hashEnrolmentCode,
  hashSecret,
  markProjectionsCurrent,
  newEnrolmentCode,
} from "@bangban/api";
import {
  createEnrolmentCode,
  type Db,
  LibsqlCaseStore,
  openDb,
  projectionsStatements,
  seedDemo,
  setMeta,
  upsertSites,
  upsertUsers,
} from "@bangban/db";
import type { Actor, Role } from "@bangban/domain";
import type { CaseWrite, ChangeMeta } from "@bangban/sync";
import { monotonicFactory } from "ulid";
import { cli, HUB_DIR, HUB_SITE, hubEnv } from "./procs";
import { helperOf, type SeedCase } from "./workload";

/** The 12-digit stations under the center: 330106001001 … 330106001050. */
export const stationSite = (n: number) => `${HUB_SITE}${String(n).padStart(3, "0")}`;

/** A hub database with the demo seed and 50 station sites; copied for each scenario. */
export async function makeHubTemplate(dir: string): Promise<string> {
  await cli(HUB_DIR, ["seed", "--demo"], hubEnv(dir, 8730));
  const db = await openDb(`file:${dir}/hub.db`);
  // The demo seed has stations 001 and 002 (with their helpers' accounts, not the bench's).
  await addBenchStations(db, 3, 50, { helpersFrom: 1 });
  await db.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();
  return `${dir}/hub.db`;
}

/**
 * Stations `from`…`to` (330106001xxx) under the center in a hub database, each with its bench
 * helper as a user of that station: the hub judges every pushed event against its own users
 * table (workload.ts `helperOf`), as it would a real helper's.
 */
export async function addBenchStations(
  db: Db,
  from: number,
  to: number,
  opts: { helpersFrom?: number } = {},
): Promise<void> {
  const at = new Date().toISOString();
  const numbers = (a: number) => Array.from({ length: to - a + 1 }, (_, k) => stationSite(a + k));
  await upsertSites(
    db,
    numbers(from).map((id) => ({
      id,
      name: `压测社区便民服务站 ${id.slice(-3)}`,
      kind: "station" as const,
      parentId: HUB_SITE,
      divisionCode: id,
      address: `北山街道 ${id.slice(-3)} 号`,
      phone: "0571-87002000",
      version: 1,
      updatedAt: at,
    })),
  );
  await upsertUsers(
    db,
    numbers(opts.helpersFrom ?? from).map((site) =>
      benchUser(helperOf(site), `压测帮办员 ${site.slice(-3)}`, at),
    ),
  );
}

/** A bench author (workload.ts `helperOf`, …) as a user of its site, for a node's users table. */
export function benchUser(a: Actor, displayName: string, at: string) {
  return {
    id: a.userId,
    siteId: a.siteId,
    username: a.userId,
    displayName,
    role: a.role as Role,
    // Not a hash of anything: nobody signs in as a bench user.
    passwordHash: "!",
    pinHash: null,
    active: true,
    backupUserId: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** A fresh hub data dir from the template. */
export function hubFromTemplate(template: string, dir: string): void {
  copyFileSync(template, join(dir, "hub.db"));
  for (const ext of ["-wal", "-shm"]) {
    if (existsSync(template + ext)) copyFileSync(template + ext, join(dir, `hub.db${ext}`));
  }
}

/** Enrolment codes written straight into a hub database (as `bangban-hub code` does). */
export async function codesFor(hubDb: string, sites: string[]): Promise<Map<string, string>> {
  const db = await openDb(`file:${hubDb}`);
  const out = new Map<string, string>();
  const now = new Date();
  for (const siteId of sites) {
    const code = newEnrolmentCode();
    await createEnrolmentCode(db, {
      codeHash: hashEnrolmentCode(code),
      siteId,
      createdBy: "bench",
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 24 * 3600_000).toISOString(),
    });
    out.set(siteId, code);
  }
  db.close();
  return out;
}

/** A station database with the demo seed for its site and its Automerge actor. */
export async function makeStationDb(dir: string, site: string, actor: string): Promise<Db> {
  const db = await openDb(`file:${dir}/station.db`);
  await seedDemo(db, { hashSecret, siteIds: [site] });
  await setMeta(db, "actorId", actor);
  return db;
}

export function caseWrite(c: SeedCase, changes: readonly ChangeMeta[] = c.changes): CaseWrite {
  return {
    caseId: c.caseId,
    changes,
    projection: c.projection,
    ...(c.snapshot ? { snapshot: c.snapshot } : {}),
  };
}

/** Stores cases in a node's database: one store transaction per `batch` cases. */
export async function storeCases(
  db: Db,
  cases: Iterable<SeedCase>,
  batch = 500,
  changesOf: (c: SeedCase) => readonly ChangeMeta[] = (c) => c.changes,
): Promise<void> {
  const store = new LibsqlCaseStore(db);
  let writes: CaseWrite[] = [];
  for (const c of cases) {
    writes.push(caseWrite(c, changesOf(c)));
    if (writes.length >= batch) {
      await store.commit(writes);
      writes = [];
    }
  }
  if (writes.length) await store.commit(writes);
  // A node that has been running: its start has no pass over these cases to make.
  await markProjectionsCurrent(db);
}

const ULID_RE = /\b0[0-9A-HJKMNP-TV-Z]{25}\b/g;

export interface CloneOptions {
  fromActor: string;
  actor: string;
  fromSite: string;
  site: string;
  caseNumber: string;
  ulid: () => string;
}

/**
 * The same case under another identity: every change decoded, its actor, site, case id,
 * case number and event ids replaced, dependencies re-pointed, and encoded again — valid
 * Automerge changes building a document of the same shape and size, at a fraction of the
 * cost of making it through the JS API. Used where a scenario needs tens of thousands of
 * cases (B3's 50 stations, B5's 100,000). The clone has no snapshot: stores load it from
 * its changes.
 */
export function cloneCase(t: SeedCase, o: CloneOptions): SeedCase {
  const ids = new Map<string, string>();
  const text = (s: string) =>
    s
      .replaceAll(t.projection.caseNumber, o.caseNumber)
      .replace(ULID_RE, (u) => {
        let v = ids.get(u);
        if (!v) {
          v = o.ulid();
          ids.set(u, v);
        }
        return v;
      })
      .replaceAll(o.fromSite, o.site);
  const ref = (s: string) => s.replaceAll(o.fromActor, o.actor);
  const hashes = new Map<string, string>();
  const changes: ChangeMeta[] = [];
  for (const ch of t.changes) {
    const d = A.decodeChange(ch.bytes);
    d.actor = o.actor;
    d.deps = d.deps.map((h) => hashes.get(h) ?? h);
    d.ops = d.ops.map((op) => {
      const out = { ...op, obj: ref(op.obj) } as typeof op & Record<string, unknown>;
      if ("elemId" in op && typeof op.elemId === "string") out.elemId = ref(op.elemId);
      if ("pred" in op && Array.isArray(op.pred)) out.pred = op.pred.map(ref);
      if ("value" in op && typeof op.value === "string") out.value = text(op.value);
      return out;
    });
    const bytes = A.encodeChange(d);
    const hash = createHash("sha256").update(bytes.subarray(8)).digest("hex");
    hashes.set(ch.hash, hash);
    changes.push({ hash, actor: o.actor, bytes });
  }
  const caseId = ids.get(t.caseId) ?? o.ulid();
  let p = JSON.stringify(t.projection).replaceAll(t.projection.caseNumber, o.caseNumber);
  for (const [from, to] of ids) p = p.replaceAll(from, to);
  p = p.replaceAll(o.fromSite, o.site);
  const last = changes[changes.length - 1];
  return {
    caseId,
    site: o.site,
    changes,
    heads: last ? [last.hash] : [],
    snapshot: null,
    projection: JSON.parse(p),
  };
}

export const ulidFactory = () => monotonicFactory();

/**
 * B5's seeding path for 100,000 cases: the rows the store's commit writes (change log, case
 * documents, projections), as multi-row inserts in one transaction per batch.
 */
export async function bulkInsert(db: Db, cases: readonly SeedCase[]): Promise<void> {
  const now = new Date().toISOString();
  const stmts: { sql: string; args: (string | number | Uint8Array | null)[] }[] = [];
  const changes = cases.flatMap((c) => c.changes.map((ch) => ({ c, ch })));
  for (let i = 0; i < changes.length; i += 500) {
    const part = changes.slice(i, i + 500);
    stmts.push({
      sql: `INSERT INTO changes (case_id, hash, actor, bytes, size, created_at) VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}`,
      args: part.flatMap(({ c, ch }) => [
        c.caseId,
        ch.hash,
        ch.actor,
        ch.bytes,
        ch.bytes.byteLength,
        now,
      ]),
    });
  }
  for (let i = 0; i < cases.length; i += 500) {
    const part = cases.slice(i, i + 500);
    stmts.push({
      sql: `INSERT INTO case_docs (case_id, snapshot, snapshot_seq, updated_at) VALUES ${part.map(() => "(?, ?, 0, ?)").join(", ")}`,
      args: part.flatMap((c) => [c.caseId, c.snapshot, now]),
    });
  }
  await db.client.batch(stmts, "write");
  for (let i = 0; i < cases.length; i += 200) {
    const part = cases.slice(i, i + 200).map((c) => c.projection);
    await db.client.batch(projectionsStatements(part, "keep"), "write");
  }
  await markProjectionsCurrent(db);
}

/**
 * A hub database holding what a station's database holds (B5): its cases copied over, in
 * `site`'s scope, every change in the site's feed in log order — what the hub's store
 * writes when it accepts the station's pushes.
 */
export async function hubFromStation(hubDb: Db, stationDb: string, site: string): Promise<void> {
  const now = new Date().toISOString();
  await hubDb.client.execute({ sql: "ATTACH DATABASE ? AS st", args: [stationDb] });
  await hubDb.client.batch(
    [
      "INSERT INTO changes SELECT * FROM st.changes",
      "INSERT INTO case_docs SELECT * FROM st.case_docs",
      "INSERT INTO case_projections SELECT * FROM st.case_projections",
      "INSERT INTO case_rule_states SELECT * FROM st.case_rule_states",
      {
        sql: "INSERT INTO case_scope (case_id, site_id, added_at) SELECT case_id, ?, ? FROM st.case_docs",
        args: [site, now],
      },
      {
        sql: "INSERT INTO site_feed (site_id, change_seq) SELECT ?, seq FROM changes ORDER BY seq",
        args: [site],
      },
    ],
    "write",
  );
  await hubDb.client.execute("DETACH DATABASE st");
}
