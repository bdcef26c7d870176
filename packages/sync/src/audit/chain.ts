/**
 * The audit log's hash chain, as both ends of sync compute it: a node writes its rows with it
 * (packages/db, audit-chain.ts) and the hub checks a station's rows with it when they sync up
 * (accept-audit.ts). One function, so the two can never disagree about a row's hash.
 */

// The hash itself is plain JavaScript (row-hash.mjs), so that a hub's write thread uses it too.
export { auditRowHash, type ChainTail, chainRows, GENESIS_HASH } from "./row-hash.mjs";

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

/**
 * A row of a node's audit log as stored and as it travels: its id, content and chain link.
 * `prevHash` and `hash` are null only on rows written before the chain existed (a prefix).
 */
export interface AuditLogRow extends Omit<ChainRow, "prevHash"> {
  prevHash: string | null;
  hash: string | null;
}
