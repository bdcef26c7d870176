import { z } from "zod";

/**
 * The complaint calls (`sync.pushComplaints`, `sync.pullComplaints`), added beside the case
 * feed without a protocol bump (SPEC.md, Complaints). Complaints are few, so each travels as
 * its whole saved Automerge document (base64), with its complainant beside it.
 */
export const COMPLAINT_LIMITS = {
  /** Complaints per push or pull page. */
  maxPerCall: 20,
  /** Bytes of one saved document: a complaint's journal is a dozen short events. */
  maxDocBytes: 128 * 1024,
  /** Raw document bytes per push, well inside the hub's 1 MB JSON body once in base64. */
  maxPushBytes: 512 * 1024,
} as const;

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64")
  .max(Math.ceil(COMPLAINT_LIMITS.maxDocBytes / 3) * 4 + 4);
const version = z.number().int().min(0);

export const complainantWire = z.object({
  name: z.string().max(50),
  phone: z.string().max(30),
  idNumber: z.string().max(18).optional(),
  address: z.string().max(200).optional(),
});

const complaintWire = z.object({
  id: z.string().min(10).max(40),
  doc: b64,
  /** Sent up by the registering station; sent down only to it (never to a station complained about). */
  complainant: complainantWire.nullable(),
});
export type ComplaintWire = z.infer<typeof complaintWire>;

/** Station → hub: the complaints it saved since its cursor. */
export const pushComplaintsRequest = z.object({
  protocol: version,
  complaints: z.array(complaintWire).min(1).max(COMPLAINT_LIMITS.maxPerCall),
});
export type PushComplaintsRequest = z.infer<typeof pushComplaintsRequest>;
export const pushComplaintsResponse = z.object({ stored: z.number().int() });
export type PushComplaintsResponse = z.infer<typeof pushComplaintsResponse>;

/** Station → hub: the complaints in its scope the hub saved after `after`. */
export const pullComplaintsRequest = z.object({
  protocol: version,
  after: z.number().int().min(0),
});
export type PullComplaintsRequest = z.infer<typeof pullComplaintsRequest>;
export const pullComplaintsResponse = z.object({
  complaints: z.array(complaintWire),
  /** The cursor for the next call. */
  next: z.number().int(),
  /** Whether more are waiting after `next`. */
  more: z.boolean(),
});
export type PullComplaintsResponse = z.infer<typeof pullComplaintsResponse>;
