import { createHash, randomBytes } from "node:crypto";
import { redeemEnrolmentCode } from "@bangban/db";
import {
  Admission,
  BULK_LIMITS,
  batchTooLarge,
  checkProtocol,
  credentialHash,
  decodeBulkFrame,
  decodePushFrame,
  enrolRequest,
  MAX_CHUNK_FRAME_BYTES,
  MAX_JSON_PUSH_BYTES,
  MAX_PUSH_FRAME_BYTES,
  malformedBatch,
  type PushBatch,
  pullComplaintsRequest,
  pullRequest,
  pushBatchFromJson,
  pushComplaintsRequest,
  pushRequest,
  readPushFrame,
  referenceRequest,
  type StationIdentity,
  SyncError,
} from "@bangban/sync";
import type { TRPCRouterRecord } from "@trpc/server";
import { octetInputParser } from "@trpc/server/http";
import type { ApiContext, HubServices, NodeServices } from "../context";
import { auditEntry } from "../services/case-commands";
import { type ApiErrorData, publicProcedure } from "../trpc";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Enrolment codes are typed by people: compare them without case, spaces or dashes. */
export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

function hubOf(services: NodeServices): HubServices {
  if (services.nodeRole !== "hub") throw new Error("sync procedures run only at a hub");
  return services;
}

/** Sync calls carry the station's credential as a bearer token; the sync handler names the station. */
const stationProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const services = hubOf(ctx.services);
  const station = await services.syncHandler.authenticate(ctx.req.bearer);
  return next({ ctx: { ...ctx, services, station } });
});

/** The gates of each hub that was not given its own (`HubServices.admission`): the defaults. */
const defaultGates = new WeakMap<HubServices, { push: Admission; pull: Admission }>();

function gatesOf(services: HubServices): { push: Admission; pull: Admission } {
  if (services.admission) return services.admission;
  let gates = defaultGates.get(services);
  if (!gates) {
    gates = { push: new Admission(), pull: new Admission() };
    defaultGates.set(services, gates);
  }
  return gates;
}

/**
 * Pushes and pulls — the calls whose work grows with the backlog — pass the hub's admission
 * gates once the station is known and its body read: past their limits they are refused at
 * once with RETRY_AFTER and a wait (typed, 429) before anything is checked or stored. The body
 * is read first because a reply sent while the client is still sending makes the server drop
 * the connection: the station would see a network failure instead of the typed answer (seen in
 * B3 as UND_ERR_SOCKET on 1,000-change pushes). A gate each: a pull (a read, usually small)
 * does not wait for a storm of pushes to drain.
 */
function admit<T>(
  ctx: { services: HubServices; station: StationIdentity },
  kind: "push" | "pull",
  work: () => Promise<T>,
  size = 1,
): Promise<T> {
  // The station names the slot a refused caller is given; the size (a push's changes) is
  // what the gate measures its service time by.
  return gatesOf(ctx.services)[kind].run(work, { size, caller: ctx.station.siteId });
}

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
  "sync.pushBlob": { maxBytes: MAX_CHUNK_FRAME_BYTES, refusal: tooLarge() },
  "sync.pushBulk": { maxBytes: BULK_LIMITS.maxFrameBytes, refusal: tooLarge() },
};

/** The body of `sync.pushFrames` and `sync.pushBlob`: a stream of application/octet-stream, nothing else. */
const pushFrameBody: typeof octetInputParser = {
  ...octetInputParser,
  parse(input: unknown) {
    if (input instanceof ReadableStream) return input;
    throw malformedBatch("A push frame is sent as application/octet-stream");
  },
};

/** Checks and stores a push, however it travelled, with one audit line in the same commit. */
function storePush(
  ctx: ApiContext & { services: HubServices; station: StationIdentity },
  batch: PushBatch,
) {
  const audit = {
    ...auditEntry(ctx, "sync.push", null, { changes: batch.changes.length }),
    userId: `station:${ctx.station.siteId}`,
    siteId: ctx.station.siteId,
  };
  return ctx.services.syncHandler.push(ctx.station, batch, [audit]);
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
        credentialHash: credentialHash(credential),
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
    .mutation(({ ctx, input }) =>
      admit(ctx, "push", () => storePush(ctx, pushBatchFromJson(input)), input.changes.length),
    ),

  /**
   * Protocol 2's push: the body is a binary push frame (application/octet-stream), read with
   * a hard byte cap, decoded into views of it, then checked and stored as `push` does.
   */
  pushFrames: stationProcedure.input(pushFrameBody).mutation(async ({ ctx, input }) => {
    const frame = await readPushFrame(input, MAX_PUSH_FRAME_BYTES);
    const batch = decodePushFrame(frame);
    return admit(ctx, "push", () => storePush(ctx, batch), batch.changes.length);
  }),

  pull: stationProcedure
    .input(pullRequest)
    .query(({ ctx, input }) =>
      admit(ctx, "pull", () => ctx.services.syncHandler.pull(ctx.station, input)),
    ),

  /**
   * The station's audit rows after its cursor (JSON, bounded: AUDIT_LIMITS): stored once each
   * when they continue the chain the hub holds for it; a broken chain is refused whole. The
   * input is read by the handler, so a malformed one is refused as MALFORMED_BATCH.
   */
  pushAudit: stationProcedure
    .input((raw: unknown) => raw)
    .mutation(({ ctx, input }) => ctx.services.syncHandler.pushAudit(ctx.station, input)),
  /** A station's complaints, whole documents, judged like cases (SPEC.md, Complaints). */
  pushComplaints: stationProcedure
    .input(pushComplaintsRequest)
    .mutation(({ ctx, input }) => ctx.services.syncHandler.pushComplaints(ctx.station, input)),

  /**
   * A street's staff and its stations' freshness, to its district (SPEC.md "The district
   * tier"); checked against the district's own site tree. Read by the handler, so a malformed
   * one is refused as MALFORMED_BATCH.
   */
  pushDirectory: stationProcedure
    .input((raw: unknown) => raw)
    .mutation(({ ctx, input }) => ctx.services.syncHandler.pushDirectory(ctx.station, input)),

  /** The complaints of the station's scope saved after its cursor. */
  pullComplaints: stationProcedure
    .input(pullComplaintsRequest)
    .query(({ ctx, input }) => ctx.services.syncHandler.pullComplaints(ctx.station, input)),

  /**
   * Blob sync (SPEC.md, Blobs): per hash the hub has it, wants it from an offset, or refuses
   * it. The input is read by the handler, so a malformed one is refused as MALFORMED_BATCH.
   */
  offerBlobs: stationProcedure
    .input((raw: unknown) => raw)
    .mutation(({ ctx, input }) => ctx.services.syncHandler.offerBlobs(ctx.station, input)),

  /**
   * A bulk frame of whole case histories from a node's first link (a street's to its district,
   * a station's to its street; SPEC.md "Bulk catch-up"):
   * stored at once as unverified claims, verified in the background. Through the push gate.
   */
  pushBulk: stationProcedure.input(pushFrameBody).mutation(async ({ ctx, input }) => {
    // Decoded before the gate (cheap), so the gate measures it by its changes, as a push.
    const frame = decodeBulkFrame(await readPushFrame(input, BULK_LIMITS.maxFrameBytes));
    const size = frame.cases.reduce((n, c) => n + c.changes.length, 0);
    return admit(ctx, "push", () => ctx.services.syncHandler.pushBulk(ctx.station, frame), size);
  }),

  /** One chunk of a blob as a binary frame (application/octet-stream, ≤ 1 MiB of data). */
  pushBlob: stationProcedure.input(pushFrameBody).mutation(async ({ ctx, input }) => {
    const frame = await readPushFrame(input, MAX_CHUNK_FRAME_BYTES);
    return ctx.services.syncHandler.pushBlob(ctx.station, frame);
  }),

  /** Catalog, sites, users, the staff directory and the calendar — unless the station has them. */
  reference: stationProcedure
    .input(referenceRequest)
    .query(({ ctx, input }) => ctx.services.syncHandler.reference(ctx.station, input)),
} satisfies TRPCRouterRecord;
