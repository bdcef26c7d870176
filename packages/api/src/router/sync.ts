import { createHash, randomBytes } from "node:crypto";
import {
  findStationByCredential,
  readReference,
  redeemEnrolmentCode,
  touchStation,
} from "@bangban/db";
import {
  acceptPush,
  checkProtocol,
  enrolRequest,
  pullRequest,
  pushBatchFromJson,
  pushRequest,
  referenceRequest,
  type StationIdentity,
  SyncError,
  servePull,
} from "@bangban/sync";
import type { TRPCRouterRecord } from "@trpc/server";
import { auditEntry } from "../services/case-commands";
import { publicProcedure } from "../trpc";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Enrolment codes are typed by people: compare them without case, spaces or dashes. */
export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

function hubOnly(hubStore: unknown): asserts hubStore {
  if (!hubStore) throw new Error("sync procedures run only at a hub");
}

/** Sync calls carry the station's credential as a bearer token; it names the station. */
const stationProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const token = ctx.req.bearer;
  const station = token ? await findStationByCredential(ctx.services.db, sha256(token)) : null;
  if (!station) {
    throw new SyncError({
      kind: "UNKNOWN_STATION",
      zh: "本站点未在街道中心登记，请重新登记",
      en: "Unknown station credential",
    });
  }
  if (station.revokedAt) {
    throw new SyncError({
      kind: "REVOKED",
      zh: "本站点的同步凭证已被停用，请联系街道中心",
      en: "This station's credential was revoked",
    });
  }
  const identity: StationIdentity = {
    siteId: station.siteId,
    actorIds: JSON.parse(station.actorIds) as string[],
  };
  return next({ ctx: { ...ctx, station: identity } });
});

/**
 * The hub's sync procedures (see packages/sync/SPEC.md). Stations call them from their sync
 * loop; every refusal is a typed SyncError and stores nothing.
 */
export const syncRouter = {
  /** Exchanges a one-time enrolment code for a station credential, once. */
  enrol: publicProcedure.input(enrolRequest).mutation(async ({ ctx, input }) => {
    checkProtocol(input.protocol);
    const credential = randomBytes(32).toString("base64url");
    const now = ctx.services.clock().toISOString();
    const station = await redeemEnrolmentCode(
      ctx.services.db,
      sha256(normaliseEnrolmentCode(input.code)),
      now,
      {
        credentialHash: sha256(credential),
        actorIds: input.actorIds,
      },
    );
    if (!station) {
      throw new SyncError({
        kind: "BAD_ENROLMENT_CODE",
        zh: "登记码无效、已使用或已过期，请向街道中心重新申请",
        en: "Enrolment code unknown, used or expired",
      });
    }
    await ctx.services.repo.store.commit(
      [],
      [
        {
          ...auditEntry(ctx, "station.enrol", null, { actorIds: input.actorIds }),
          userId: `station:${station.siteId}`,
          siteId: station.siteId,
        },
      ],
    );
    return { siteId: station.siteId, credential, hubSiteId: ctx.services.site.id };
  }),

  push: stationProcedure.input(pushRequest).mutation(async ({ ctx, input }) => {
    hubOnly(ctx.services.hubStore);
    const now = ctx.services.clock().toISOString();
    const audit = [
      {
        ...auditEntry(ctx, "sync.push", null, { changes: input.changes.length }),
        userId: `station:${ctx.station.siteId}`,
        siteId: ctx.station.siteId,
      },
    ];
    const batch = pushBatchFromJson(input);
    const r = await acceptPush(ctx.services.repo, ctx.services.hubStore, ctx.station, batch, audit);
    await touchStation(ctx.services.db, ctx.station.siteId, "push", now);
    return r;
  }),

  pull: stationProcedure.input(pullRequest).query(async ({ ctx, input }) => {
    hubOnly(ctx.services.hubStore);
    const r = await servePull(ctx.services.hubStore, ctx.station, input);
    await touchStation(
      ctx.services.db,
      ctx.station.siteId,
      "pull",
      ctx.services.clock().toISOString(),
    );
    return r;
  }),

  /** Catalog, sites, the station's users and the calendar — unless the station has them already. */
  reference: stationProcedure.input(referenceRequest).query(async ({ ctx, input }) => {
    checkProtocol(input.protocol);
    const data = await readReference(ctx.services.db, ctx.station.siteId);
    const version = sha256(JSON.stringify(data));
    return version === input.known ? { version, data: null } : { version, data };
  }),
} satisfies TRPCRouterRecord;
