import { createHash } from "node:crypto";

/**
 * The audit log's hash chain, as both ends of sync compute it: a node writes its rows with it
 * (packages/db, audit-chain.ts) and the hub checks a station's rows with it when they sync up
 * (accept-audit.ts). One function, so the two can never disagree about a row's hash.
 */

/** `prev_hash` of the first chained row. */
export const GENESIS_HASH = "0".repeat(64);

/** A row as stored, the input of its hash. `detail` is the stored JSON text, hashed as is. */
export interface ChainRow {
  id: number;
  at: string;
  userId: string;
  siteId: string;
  action: string;
  caseId: string | null;
  requestId: string | null;
  detail: string;
  prevHash: string;
}

/** SHA-256 (hex) of a row: a JSON array in fixed column order, so no key-order ambiguity. */
export function auditRowHash(r: ChainRow): string {
  const canonical = JSON.stringify([
    "bangban.audit.v1",
    r.id,
    r.at,
    r.userId,
    r.siteId,
    r.action,
    r.caseId,
    r.requestId,
    r.detail,
    r.prevHash,
  ]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

/**
 * A row of a node's audit log as stored and as it travels: its id, content and chain link.
 * `prevHash` and `hash` are null only on rows written before the chain existed (a prefix).
 */
export interface AuditLogRow extends Omit<ChainRow, "prevHash"> {
  prevHash: string | null;
  hash: string | null;
}
