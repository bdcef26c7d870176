// The audit chain's hash (chain.ts re-exports it with its types, row-hash.d.mts). Plain
// JavaScript so that a hub's write thread (packages/db write-worker.mjs), which runs without
// TypeScript, chains its audit lines with the very same function: one function, so a node,
// its write thread and the hub checking a station's rows can never disagree about a hash.
import { createHash } from "node:crypto";

/** `prev_hash` of the first chained row. */
export const GENESIS_HASH = "0".repeat(64);

/** SHA-256 (hex) of a row: a JSON array in fixed column order, so no key-order ambiguity. */
export function auditRowHash(r) {
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

/** `rows` (detail already JSON text) chained after `tail`: ids, links and hashes, in order. */
export function chainRows(tail, rows) {
  let prev = tail;
  const out = rows.map((r) => {
    const row = { ...r, id: prev.id + 1, prevHash: prev.hash };
    const hash = auditRowHash(row);
    prev = { id: row.id, hash };
    return { ...row, hash };
  });
  return { rows: out, tail: prev };
}
