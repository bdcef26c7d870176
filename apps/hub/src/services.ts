import { join } from "node:path";
import {
  DeadlineRefresh,
  type HubServices,
  Live,
  LoginLimiter,
  LogNotifier,
  nodeClock,
  nodeScheduler,
  RatingInvites,
} from "@bangban/api";
import {
  districtLink,
  enrolledIdentity,
  FileBlobStore,
  FileUploadStore,
  findStationByCredential,
  getSite,
  hubBlobDeps,
  idNumberHasher,
  LibsqlBulkStore,
  LibsqlComplaintStore,
  LibsqlDistrictDirectory,
  LibsqlHubStore,
  LibsqlStationAudit,
  loadHubAuthority,
  nodeActorId,
  nodeCalendar,
  type OpenDbOptions,
  openDb,
  readDistrictReference,
  readReference,
  referenceStamp,
  touchStation,
} from "@bangban/db";
import { defaultRules, localDateOf } from "@bangban/domain";
import {
  BulkVerifyLoop,
  CaseRepo,
  ComplaintBook,
  LoadPool,
  SyncHandler,
  stationScope,
  streetScope,
} from "@bangban/sync";
import { monotonicFactory } from "ulid";
import type { HubEnv } from "./env";
import { createUpstream } from "./upstream";

export const VERSION = "0.1.0";

/**
 * How long a catch-up whose sender stopped without its end frame (it crashed, or predates end
 * frames) still counts as landing after its last frame: verification waits meanwhile.
 */
export const BULK_QUIET_MS = 10_000;

export interface HubDeps {
  env: HubEnv;
  /** Injected in tests; defaults to the system clock. */
  clock?: () => Date;
  /**
   * Start the load workers now, warm them up and keep them (the serving hub): a station's
   * catch-up after a week offline should not wait for cold workers, which load a case in
   * 3–5 ms instead of ~1 ms. Tests leave it off (a pool starts on the first large batch).
   */
  warmWorkers?: boolean;
  /** Run SQLite's WAL checkpoints on a worker thread (the serving hub; see openDb). */
  backgroundCheckpoint?: boolean;
}

/** How every command opens the hub's database: its server token, or its file's key. */
export function dbOptions(env: HubEnv): OpenDbOptions {
  return { ...(env.dbAuthToken ? { authToken: env.dbAuthToken } : {}), encryptionKey: env.dbKey };
}

/**
 * Builds everything the hub runs on, once: database (migrated), hub store with feeds, case
 * service, the stations' sync handler, auth. The calendar, which an administrator may
 * replace while the hub runs, is a `Live` holder.
 */
export async function buildServices({
  env,
  clock = nodeClock(env.now),
  warmWorkers = false,
  backgroundCheckpoint = false,
}: HubDeps): Promise<HubServices> {
  // A hub's pushes arrive many at once: their commits share transactions (WriteGroup).
  const db = await openDb(env.dbUrl, {
    ...dbOptions(env),
    backgroundCheckpoint,
    groupCommit: true,
  });
  const site = await getSite(db, env.site);
  const kind = env.kind === "district" ? "district" : "center";
  if (site?.kind !== kind) {
    await db.close();
    throw new Error(
      `Site ${env.site} is not a ${kind === "district" ? "district" : "street center"} in the hub's database. Seed it (bangban-hub seed --demo) or create it first.`,
    );
  }
  const calendar = new Live(await nodeCalendar(db));
  const rules = defaultRules;
  const hashIdNumber = idNumberHasher(env.idHashKey);
  const today = () => localDateOf(clock().toISOString());
  // A station's feed holds the cases in its scope (stationScope, packages/sync); at a
  // district, a street's feed holds the cases in its street's scope (streetScope).
  const store = new LibsqlHubStore(db, {
    now: () => clock().toISOString(),
    scope: kind === "district" ? streetScope : stationScope,
  });
  const actorId = await nodeActorId(db, env.site);
  const loadPool = warmWorkers ? new LoadPool(undefined, undefined, 200) : undefined;
  loadPool?.keepWarm();
  const repo = new CaseRepo({
    store,
    actorId,
    ...(loadPool ? { loadPool } : {}),
    // Fifty stations each keep a few cases in progress; their next pushes find them loaded.
    cacheSize: 600,
    // A street enrolled with its district sends its center's own steps up at once.
    afterWrite: () => upstream?.nudge(),
    // Read at each write, so a calendar update from the admin screen applies at once.
    projection: () => ({ calendar: calendar.get(), rules, today: today(), hashIdNumber }),
    // A case held only as a bulk sender's claim is verified before anyone here reads or acts on it.
    beforeOpen: (ids): Promise<unknown> =>
      syncHandler.verifier?.pass(ids.length, ids) ?? Promise.resolve(),
  });
  const deadlines = new DeadlineRefresh({ db, repo, onError: reportRefreshFailure });
  const complaints = new ComplaintBook(
    new LibsqlComplaintStore(db, () => clock().toISOString()),
    actorId,
  );
  const blobs = new FileBlobStore(join(env.dataDir, "blobs"), env.dbKey);
  // A street hub enrolled with its district syncs up to it (started by `serve`).
  const link = kind === "center" ? await districtLink(db, env.districtUrl) : null;
  const bulkStore = new LibsqlBulkStore(db);
  const syncHandler: SyncHandler = new SyncHandler({
    repo,
    store,
    blobs: hubBlobDeps(db, blobs, clock, { relayUp: link !== null }),
    stationAudit: new LibsqlStationAudit(db),
    complaints,
    now: clock,
    stationByCredentialHash: async (hash) => {
      const st = await findStationByCredential(db, hash);
      return st
        ? {
            siteId: st.siteId,
            actorIds: JSON.parse(st.actorIds) as string[],
            revoked: st.revokedAt !== null,
          }
        : null;
    },
    authority: () => loadHubAuthority(db, today(), { calendar: calendar.get(), rules }),
    reference: (station) =>
      kind === "district"
        ? readDistrictReference(db, site.id, station.siteId)
        : readReference(db, station.siteId),
    referenceStamp: () => referenceStamp(db),
    exchanged: (station, kind, at) => touchStation(db, station.siteId, kind, at.toISOString()),
    ...(kind === "district" ? { directory: new LibsqlDistrictDirectory(db) } : {}),
    // Bulk catch-up (SPEC.md): a street's first link at a district, a station's at its street.
    bulk: { bulk: bulkStore, identity: (siteId: string) => enrolledIdentity(db, siteId) },
    // A street sends what its stations pushed on up to its district at once.
    afterPush: () => upstream?.nudge(),
    // A sender's end frame: the verify loop looks at once whether any catch-up still lands.
    afterCatchUp: () => node.bulk?.loop.nudge(),
  });
  const upstream = link
    ? createUpstream(
        {
          db,
          repo,
          site: site.id,
          actorId,
          clock,
          intervalMs: env.syncIntervalMs,
          pushBatch: env.pushBatch,
          bulkFrom: env.bulkFrom,
          complaints,
          blobs,
          onCalendar: (c) => {
            calendar.set(c);
            deadlines.refreshInBackground();
          },
        },
        link,
      )
    : null;
  const ulid = monotonicFactory();
  const node: Omit<HubServices, "scheduler"> = {
    nodeRole: "hub",
    version: VERSION,
    db,
    repo,
    complaints,
    actorId,
    hubStore: store,
    syncHandler,
    site: { id: site.id, name: site.name, kind, parentId: site.parentId },
    upstream,
    bulk: syncHandler.verifier
      ? {
          loop: new BulkVerifyLoop(syncHandler.verifier, {
            share: env.bulkVerifyShare,
            // The catch-up lands first: verification waits while frames keep arriving.
            yieldTo: () => syncHandler.bulkLanding(BULK_QUIET_MS),
            // Then the list indexes a catch-up into an empty node set aside are built.
            beforePass: () => bulkStore.endIntake(),
            onError: (e) =>
              console.error("bulk verification failed:", e instanceof Error ? e.message : e),
          }),
          counts: () => bulkStore.counts(),
        }
      : null,
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
  };
  return Object.assign(node, {
    scheduler: nodeScheduler(node, {
      blobDir: join(env.dataDir, "blobs"),
      share: env.schedulerShare,
    }),
  });
}

/** A background deadline refresh that failed: the next calendar save or start tries again. */
function reportRefreshFailure(e: unknown): void {
  console.error("deadline refresh failed:", e instanceof Error ? e.message : e);
}
