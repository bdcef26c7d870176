import { z } from "zod";
import type { AttachmentRef } from "../case-doc";

/**
 * The JSON wire messages, one runtime schema each; Automerge changes in them travel as base64.
 * A push travels as a binary frame since protocol 2 (frames.ts); `pushRequest` is protocol 1's,
 * still accepted from stations not yet upgraded. Bounds are part of the protocol: the hub
 * refuses larger batches with BATCH_TOO_LARGE.
 */
export const LIMITS = {
  maxChangesPerPush: 2000,
  maxBytesPerPush: 2 * 1024 * 1024,
  maxChangesPerPull: 5000,
  maxBytesPerPull: 4 * 1024 * 1024,
} as const;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64");
const caseId = z.string().min(10).max(40);
const version = z.number().int().min(0);

/** Station → hub: exchange a one-time code for a station credential. */
export const enrolRequest = z.object({
  protocol: version,
  code: z.string().trim().min(8).max(40),
  /** The Automerge actor ids the station authors changes with. */
  actorIds: z
    .array(z.string().regex(/^[0-9a-f]{32}$/))
    .min(1)
    .max(8),
});
export const enrolResponse = z.object({
  siteId: z.string(),
  credential: z.string(),
  hubSiteId: z.string(),
});

/**
 * Station → hub (protocol 1; since 2 a binary frame, see frames.ts): changes the hub lacks,
 * batched across cases, in the station's log order.
 */
export const pushRequest = z.object({
  protocol: version,
  changes: z.array(z.object({ caseId, bytes: b64 })).min(1),
});
/**
 * The largest JSON push body a full batch makes: base64 of every change byte, plus each
 * entry's envelope with the longest case id (40 characters, up to 3 UTF-8 bytes each).
 */
export const MAX_JSON_PUSH_BYTES =
  64 +
  Math.ceil(LIMITS.maxBytesPerPush / 3) * 4 +
  LIMITS.maxChangesPerPush * ('{"caseId":"","bytes":"===="},'.length + 40 * 3);

/** The hub has durably stored every change of the batch (new or already held). */
export const pushResponse = z.object({
  stored: z.number().int(),
  appended: z.number().int(),
  cases: z.number().int(),
});

/** Station → hub: the feed entries after `after` that fall in the station's scope. */
export const pullRequest = z.object({
  protocol: version,
  after: z.number().int().min(0),
  /**
   * The puller's own Automerge actor: its changes are not sent back (it holds them). A
   * replacement PC has a new actor, so it does get its site's history.
   */
  actorId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  maxChanges: z.number().int().min(1).max(LIMITS.maxChangesPerPull).default(2000),
  maxBytes: z
    .number()
    .int()
    .min(1024)
    .max(LIMITS.maxBytesPerPull)
    .default(2 * 1024 * 1024),
});
export const pullResponse = z.object({
  changes: z.array(z.object({ caseId, bytes: b64 })),
  /** The cursor to send next time: the last feed entry this page covered. */
  next: z.number().int(),
  /** What is still waiting after `next` (catch-up progress). */
  remaining: z.object({
    changes: z.number().int(),
    bytes: z.number().int(),
    cases: z.number().int(),
  }),
});

/**
 * Station → hub: a page of whole cases of its feed, for a first pull with a long history
 * (SPEC.md "Bulk pull"): the cases in its scope after case id `after`, each with its history
 * up to feedSeq `upTo` (null on the first page: the hub fixes it and answers it).
 */
export const pullBulkRequest = z.object({
  protocol: version,
  after: z.string().max(40).default(""),
  upTo: z.number().int().min(0).nullable().default(null),
  maxCases: z.number().int().min(1).max(2000).default(1000),
});
/**
 * Hub → station: the page as a bulk frame (bulk/frame.ts; null when the page has no case), the
 * `upTo` to send with the next page, where it starts (`last`; null: done), and the cases'
 * attachment references (cases without any are left out). On the wire (`GET /sync/bulk`,
 * application/octet-stream): metaLength (uLEB128) · meta (JSON: upTo, last, attachments) ·
 * the frame, if any.
 */
export interface PullBulkResponse {
  frame: Uint8Array | null;
  upTo: number;
  last: string | null;
  attachments: Record<string, AttachmentRef[]>;
}
/** The page's meta on the wire, checked by the station (bounded by the body it came in). */
export const pullBulkMeta = z.object({
  upTo: z.number().int().min(0),
  last: caseId.nullable(),
  attachments: z.record(
    caseId,
    z.array(
      z.object({
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        materialCode: z.string().min(1).max(100),
        name: z.string().max(500),
        mime: z.string().min(1).max(200),
        size: z.number().int().min(0),
        page: z.number().int().min(1).optional(),
      }),
    ),
  ),
});

export const LIMITS_BULK_PULL = {
  /** A page's frame stops growing past this (at least one case). */
  maxFrameBytes: 8 * 1024 * 1024,
} as const;

/** Station → hub: reference data (catalog, sites, this site's users, calendar) if newer. */
export const referenceRequest = z.object({
  protocol: version,
  known: z.string().max(200).default(""),
});

export type EnrolRequest = z.infer<typeof enrolRequest>;
export type EnrolResponse = z.infer<typeof enrolResponse>;
export type PushRequest = z.infer<typeof pushRequest>;
export type PushResponse = z.infer<typeof pushResponse>;
export type PullRequest = z.input<typeof pullRequest>;
export type PullResponse = z.infer<typeof pullResponse>;
export type PullBulkRequest = z.input<typeof pullBulkRequest>;
export type ReferenceRequest = z.input<typeof referenceRequest>;

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export function fromBase64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "base64"));
}

/**
 * Hub → station: the reference data's version (a hash of it) and the data itself, or null when
 * the station holds that version already. The data's shape is the hub's (catalog, sites, the
 * station's users, the street's staff directory, calendar); the sync loop carries it.
 */
export const referenceResponse = z.object({ version: z.string(), data: z.unknown() });
export type ReferenceResponse = { version: string; data: unknown | null };
