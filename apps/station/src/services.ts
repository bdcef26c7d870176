import { join } from "node:path";
import {
  DeadlineRefresh,
  Live,
  LoginLimiter,
  LogNotifier,
  type NodeSite,
  nodeClock,
  nodeScheduler,
  RatingInvites,
  type StationServices,
} from "@bangban/api";
import {
  FileBlobStore,
  FileUploadStore,
  getSite,
  idNumberHasher,
  LibsqlCaseStore,
  LibsqlComplaintStore,
  nodeActorId,
  nodeCalendar,
  openDb,
} from "@bangban/db";
import { defaultRules, localDateOf, parentOf } from "@bangban/domain";
import { BulkActivity, CaseRepo, ComplaintBook } from "@bangban/sync";
import { monotonicFactory } from "ulid";
import type { StationEnv } from "./env";
import { StationSync } from "./sync/control";

export const VERSION = "0.1.0";

export interface StationDeps {
  env: StationEnv;
  /** Injected in tests; defaults to the system clock. */
  clock?: () => Date;
  /** How the sync service reaches the hub (tests pass the hub app's `request`). */
  fetch?: typeof fetch;
}

/**
 * The station's page cache, in KiB: a quarter of a hub's. Its connection uses what it is given
 * (the connection the lists ran on had SQLite's 2 MB until f8116f4). The list counts read the
 * case table: 14 MB at 10,000 cases while it held the rule states, when 8 MB made every list
 * re-read it from the file (2–3× slower than 16 MB); 4.5 MB since they have a table of their
 * own (migration 0015). Station bench at 10,000 cases, one run each: 16 MB, RSS after the load
 * 166.3 MB, lists 29–36 ms p95; 8 MB, 159.2 MB and 23–32 ms.
 */
export const STATION_CACHE_KIB = 8 * 1024;

/** The station as it runs: its services, with the sync service the CLI starts and stops. */
export interface StationNode extends StationServices {
  readonly sync: StationSync;
}

/**
 * Builds everything the station runs on, once: database (migrated), store, case service,
 * auth, and the sync service (started by `serve`, not here). What changes while it runs
 * — the site's name and the calendar, which arrive with the hub's reference data — is held
 * in `Live` holders that only the sync service sets.
 */
export async function buildServices({
  env,
  clock = nodeClock(env.now),
  fetch,
}: StationDeps): Promise<StationNode> {
  const db = await openDb(env.dbUrl, {
    encryptionKey: env.dbKey,
    cacheKib: STATION_CACHE_KIB,
  });
  // Before enrolment a new station does not know its site's name yet: the site list arrives
  // from the hub with the first sync. The division code says which center is above it.
  const known = await getSite(db, env.site);
  const site = new Live<NodeSite>({
    id: env.site,
    name: known?.name ?? `站点 ${env.site}`,
    kind: "station",
    parentId: known ? known.parentId : (parentOf(env.site) ?? null),
  });
  const calendar = new Live(await nodeCalendar(db));
  const rules = defaultRules;
  const hashIdNumber = idNumberHasher(env.idHashKey);
  const store = new LibsqlCaseStore(db);
  const actorId = await nodeActorId(db, env.site);
  const ulid = monotonicFactory();
  const repo = new CaseRepo({
    store,
    actorId,
    // Read at each write: the hub may send a new override table, and the next write uses it.
    projection: () => ({
      calendar: calendar.get(),
      rules,
      today: localDateOf(clock().toISOString()),
      hashIdNumber,
    }),
    afterWrite: () => sync.nudge(),
  });
  const complaints = new ComplaintBook(
    new LibsqlComplaintStore(db, () => clock().toISOString()),
    actorId,
  );
  const deadlines = new DeadlineRefresh({
    db,
    repo,
    onError: (e) => console.error("deadline refresh failed:", e instanceof Error ? e.message : e),
  });
  const blobs = new FileBlobStore(join(env.dataDir, "blobs"), env.dbKey);
  // Moving whole histories to or from the hub holds the scheduler's passes meanwhile.
  const bulkActivity = new BulkActivity();
  const sync = new StationSync({
    db,
    bulkActivity,
    blobs,
    repo,
    complaints,
    actorId,
    site,
    calendar,
    deadlines,
    clock,
    envHubUrl: env.hubUrl,
    intervalMs: env.syncIntervalMs,
    pushBatch: env.syncPushBatch,
    bulkFrom: env.bulkFrom,
    prefetchScans: env.prefetchScans,
    ...(fetch ? { fetch } : {}),
  });
  const node: Omit<StationNode, "scheduler"> = {
    nodeRole: "station",
    version: VERSION,
    db,
    repo,
    complaints,
    actorId,
    get site() {
      return site.get();
    },
    clock,
    newId: () => ulid(clock().getTime()),
    calendar,
    deadlines,
    rules,
    hashIdNumber,
    blobs,
    uploads: new FileUploadStore(join(env.dataDir, "uploads"), env.dbKey),
    limiter: new LoginLimiter(),
    idleLockMinutes: env.idleLockMinutes,
    ratingInvites: new RatingInvites(),
    notifier: new LogNotifier(db, clock),
    publicBaseUrl: env.publicUrl,
    sessionHours: env.sessionHours,
    sync,
  };
  // Object.assign keeps the `site` getter (a spread would freeze today's name).
  return Object.assign(node, {
    scheduler: nodeScheduler(node, {
      blobDir: join(env.dataDir, "blobs"),
      share: env.schedulerShare,
      hold: () => bulkActivity.idle(),
    }),
  });
}
