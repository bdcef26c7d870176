import { createHash, randomBytes } from "node:crypto";
import {
  findStationByCredential,
  loadHubAuthority,
  readReference,
  redeemEnrolmentCode,
  touchStation,
} from "@bangban/db";
import {
  acceptPush,
  batchTooLarge,
  checkProtocol,
  decodePushFrame,
  enrolRequest,
  MAX_JSON_PUSH_BYTES,
  MAX_PUSH_FRAME_BYTES,
  malformedBatch,
  type PushBatch,
  pullRequest,
  pushBatchFromJson,
  pushRequest,
  readPushFrame,
  referenceRequest,
  type StationIdentity,
  SyncError,
  servePull,
} from "@bangban/sync";
import type { TRPCRouterRecord } from "@trpc/server";
import { octetInputParser } from "@trpc/server/http";
import type { ApiContext } from "../context";
import { auditEntry, todayOf } from "../services/case-commands";
import { type ApiErrorData, publicProcedure } from "../trpc";

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

/** A procedure's own bound on its request body, and the refusal a client gets past it. */
export interface BodyLimit {
  maxBytes: number;
  refusal: ApiErrorData;
}

const tooLarge = (): ApiErrorData => {
  const { kind, zh, en } = batchTooLarge().data;
  return { code: kind, field: null, zh, en };
};

/**
 * The pushes' bodies may pass /trpc's general JSON limit: a full batch (LIMITS) as protocol
 * 1's base64 JSON, or as protocol 2's binary frame. The HTTP layer refuses a body declared
 * larger with BATCH_TOO_LARGE before reading it; `pushFrames` also reads its body with this cap.
 */
export const SYNC_BODY_LIMITS: Readonly<Record<string, BodyLimit>> = {
  "sync.push": { maxBytes: MAX_JSON_PUSH_BYTES, refusal: tooLarge() },
  "sync.pushFrames": { maxBytes: MAX_PUSH_FRAME_BYTES, refusal: tooLarge() },
};

/** The body of `sync.pushFrames`: a stream of application/octet-stream, nothing else. */
const pushFrameBody: typeof octetInputParser = {
  ...octetInputParser,
  parse(input: unknown) {
    if (input instanceof ReadableStream) return input;
    throw malformedBatch("A push frame is sent as application/octet-stream");
  },
};

/**
 * A station's last push/pull time is for people (the dashboard's data freshness), to the
 * minute; writing it on every call cost a second durable transaction per push. It is written
 * when it moved by TOUCH_EVERY_MS or more since this hub last wrote it.
 */
const TOUCH_EVERY_MS = 10_000;
const touched = new WeakMap<object, Map<string, number>>();

async function touch(ctx: ApiContext & { station: StationIdentity }, kind: "push" | "pull") {
  const now = ctx.services.clock();
  let last = touched.get(ctx.services);
  if (!last) {
    last = new Map();
    touched.set(ctx.services, last);
  }
  const key = `${ctx.station.siteId} ${kind}`;
  const before = last.get(key);
  if (before !== undefined && Math.abs(now.getTime() - before) < TOUCH_EVERY_MS) return;
  await touchStation(ctx.services.db, ctx.station.siteId, kind, now.toISOString());
  last.set(key, now.getTime());
}

/** Checks and stores a push, however it travelled; one audit line, the station's last push time. */
async function storePush(ctx: ApiContext & { station: StationIdentity }, batch: PushBatch) {
  hubOnly(ctx.services.hubStore);
  const audit = [
    {
      ...auditEntry(ctx, "sync.push", null, { changes: batch.changes.length }),
      userId: `station:${ctx.station.siteId}`,
      siteId: ctx.station.siteId,
    },
  ];
  const r = await acceptPush(ctx.services.repo, ctx.services.hubStore, ctx.station, batch, {
    authority: () => loadHubAuthority(ctx.services.db, todayOf(ctx)),
    audit,
  });
  await touch(ctx, "push");
  return r;
}

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
        reserved: [ctx.services.actorId],
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

  /** Protocol 1's push, kept while stations upgrade: the changes as base64 in JSON. */
  push: stationProcedure
    .input(pushRequest)
    .mutation(async ({ ctx, input }) => storePush(ctx, pushBatchFromJson(input))),

  /**
   * Protocol 2's push: the body is a binary push frame (application/octet-stream), read with
   * a hard byte cap, decoded into views of it, then checked and stored as `push` does.
   */
  pushFrames: stationProcedure.input(pushFrameBody).mutation(async ({ ctx, input }) => {
    const frame = await readPushFrame(input, MAX_PUSH_FRAME_BYTES);
    return storePush(ctx, decodePushFrame(frame));
  }),

  pull: stationProcedure.input(pullRequest).query(async ({ ctx, input }) => {
    hubOnly(ctx.services.hubStore);
    const r = await servePull(ctx.services.hubStore, ctx.station, input);
    await touch(ctx, "pull");
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
