import { z } from "zod";

/**
 * `sync.pushAudit` (station → hub, street → district): one node's audit rows after its cursor,
 * in id order, exactly as stored (detail as its JSON text: the hash covers that text). Added to
 * protocol 2 without a bump, as was `site` (an older hub ignores it and refuses a relayed chain
 * as not the street's own); see SPEC.md, "Audit log" and "The district tier".
 */
export const AUDIT_LIMITS = {
  maxRowsPerPush: 500,
  /** A row's detail text; a station writes small objects, this only bounds a hostile one. */
  maxDetailChars: 64 * 1024,
  /** What the station puts in one push (at least one row): well under /trpc's 1 MB JSON bound. */
  maxBytesPerPush: 512 * 1024,
} as const;

const hash = z.string().regex(/^[0-9a-f]{64}$/, "not a SHA-256 hex digest");
const text = (max: number) => z.string().min(1).max(max);

export const auditLogRowSchema = z.object({
  id: z.number().int().min(1),
  at: text(40),
  userId: text(200),
  siteId: text(40),
  action: text(120),
  caseId: z.string().min(1).max(64).nullable(),
  requestId: z.string().min(1).max(200).nullable(),
  detail: z.string().max(AUDIT_LIMITS.maxDetailChars),
  prevHash: hash.nullable(),
  hash: hash.nullable(),
});

export const auditPushRequest = z.object({
  protocol: z.number().int().min(0),
  /**
   * Whose chain the rows are. Absent: the pushing node's own. A street hub relaying to its
   * district names each of its stations' chains (the district checks `speaksFor`).
   */
  site: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/, "a 6-, 9- or 12-digit site code")
    .optional(),
  rows: z.array(auditLogRowSchema).min(1).max(AUDIT_LIMITS.maxRowsPerPush),
});

/** The hub holds the batch: `stored` rows were new; `last` is the last row id it holds now. */
export const auditPushResponse = z.object({
  stored: z.number().int(),
  last: z.number().int(),
});

export type AuditPushRequest = z.infer<typeof auditPushRequest>;
export type AuditPushResponse = z.infer<typeof auditPushResponse>;
