import type { ChainRow } from "./chain";

/** `prev_hash` of the first chained row. */
export declare const GENESIS_HASH: string;

/** SHA-256 (hex) of a row: a JSON array in fixed column order, so no key-order ambiguity. */
export declare function auditRowHash(r: ChainRow): string;

/** The end of a chain: its last row's id and hash (id 0 and GENESIS_HASH when empty). */
export interface ChainTail {
  id: number;
  hash: string;
}

/** `rows` (detail already JSON text) chained after `tail`: ids, links and hashes, in order. */
export declare function chainRows(
  tail: ChainTail,
  rows: readonly Omit<ChainRow, "id" | "prevHash">[],
): { rows: (ChainRow & { hash: string })[]; tail: ChainTail };
