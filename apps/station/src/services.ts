import { join } from "node:path";
import { FileBlobStore, LoginLimiter, type NodeServices, RatingInvites } from "@bangban/api";
import { getSite, LibsqlCaseStore, openDb } from "@bangban/db";
import { defaultRules, localDateOf, parentOf } from "@bangban/domain";
import { idNumberHasher, nodeActorId, nodeCalendar } from "@bangban/http";
import { CaseRepo } from "@bangban/sync";
import { monotonicFactory } from "ulid";
import type { StationEnv } from "./env";

export const VERSION = "0.1.0";

export interface StationDeps {
  env: StationEnv;
  /** Injected in tests; defaults to the system clock. */
  clock?: () => Date;
  /** Run SQLite's WAL checkpoints on a worker thread (the serving station; see openDb). */
  backgroundCheckpoint?: boolean;
}

/** Builds everything the station runs on: database (migrated), store, case service, auth. */
export async function buildServices({
  env,
  clock = () => new Date(),
  backgroundCheckpoint = false,
}: StationDeps): Promise<NodeServices> {
  const db = await openDb(env.dbUrl, { encryptionKey: env.dbKey, backgroundCheckpoint });
  // Before enrolment a new station does not know its site's name yet: the site list arrives
  // from the hub with the first sync. The division code says which center is above it.
  const site = (await getSite(db, env.site)) ?? {
    id: env.site,
    name: `站点 ${env.site}`,
    parentId: parentOf(env.site) ?? null,
  };
  const calendar = await nodeCalendar(db);
  const rules = defaultRules;
  const hashIdNumber = idNumberHasher(env.idHashKey);
  const store = new LibsqlCaseStore(db);
  const actorId = await nodeActorId(db, env.site);
  const ulid = monotonicFactory();
  const services: NodeServices = {
    nodeRole: "station",
    version: VERSION,
    db,
    // The projection reads the calendar from the services object: the hub may send a new
    // override table, and the next write must use it.
    repo: new CaseRepo({
      store,
      actorId,
      projection: () => ({
        calendar: services.calendar,
        rules,
        today: localDateOf(clock().toISOString()),
        hashIdNumber,
      }),
      afterWrite: () => services.sync?.nudge?.(),
    }),
    actorId,
    site: { id: site.id, name: site.name, kind: "station", parentId: site.parentId },
    clock,
    newId: () => ulid(clock().getTime()),
    calendar,
    rules,
    hashIdNumber,
    blobs: new FileBlobStore(join(env.dataDir, "blobs"), env.dbKey),
    limiter: new LoginLimiter(),
    idleLockMinutes: env.idleLockMinutes,
    ratingInvites: new RatingInvites(),
    publicBaseUrl: env.publicUrl,
    sessionHours: env.sessionHours,
  };
  return services;
}
