import { isRetryable, SyncError, type SyncErrorData } from "../protocol/errors";
import { PROTOCOL_VERSION } from "../protocol/version";
import type { CaseStore } from "../store";
import type { AuditLogRow } from "./chain";
import { AUDIT_LIMITS, type AuditPushRequest, type AuditPushResponse } from "./messages";

/** One audit chain as the sync loop reads it (packages/db: `LibsqlAuditSource`, …). */
export interface StationAuditSource {
  /** Rows with id > `after`, in id order, bounded by count and bytes (at least one row). */
  rowsAfter(after: number, limit: { maxRows: number; maxBytes: number }): Promise<AuditLogRow[]>;
  /** How many rows have id > `after` (not yet acknowledged upstream). */
  countAfter(after: number): Promise<number>;
}

/**
 * The chains a node holds for others and relays upstream: a street hub's copies of its
 * stations' logs (packages/db: `LibsqlStationAudit`), each carried to the district unchanged.
 */
export interface RelayedAuditChains {
  /** The sites whose chains are held, in a stable order. */
  sites(): Promise<string[]>;
  chain(site: string): StationAuditSource;
}

/** The audit log's way up, as the sync status shows it. */
export interface AuditUplinkStatus {
  /** Rows of every chain not acknowledged upstream yet. */
  pending: number;
  /**
   * The first refusal of the last round (a broken chain needs a person; the rest keeps going),
   * with the relayed chain's site (absent: the node's own chain).
   */
  refusal: (Pick<SyncErrorData, "kind" | "zh" | "en"> & { at: string; site?: string }) | null;
  /** The upstream node is too old to take audit rows. */
  hubLacksCall: boolean;
}

/** The cursor of the node's own chain (the last row id upstream acknowledged). */
export const AUDIT_CURSOR = "hub-audit";
/** The cursor of a relayed chain: one per site, so a restart resumes each where it was. */
export const relayCursor = (site: string) => `${AUDIT_CURSOR}:${site}`;

export interface AuditUplinkDeps {
  own?: StationAuditSource;
  relayed?: RelayedAuditChains;
  /** Where the cursors live (the node's store: durable, so a restart sends nothing twice). */
  cursors: Pick<CaseStore, "getCursor" | "setCursor">;
  /** `sync.pushAudit`; null: the upstream node does not know the call. */
  push: (req: AuditPushRequest) => Promise<AuditPushResponse | null>;
  limit?: { maxRows: number; maxBytes: number };
  now?: () => Date;
}

type ChainResult = { refusal: AuditUplinkStatus["refusal"]; lacksCall: boolean };

/**
 * The audit log's way up, a round at a time: the node's own chain, then each relayed chain,
 * each in bounded batches from its own cursor. A cursor moves only when upstream acknowledged a
 * batch, so a cut connection resends at most that batch (stored once upstream: a replay stores
 * nothing). A typed refusal stops that chain only and is reported; a network failure or
 * RETRY_AFTER throws and fails the round like any other. `status` is current even then.
 */
export class AuditUplink {
  status: AuditUplinkStatus = { pending: 0, refusal: null, hubLacksCall: false };

  constructor(private readonly d: AuditUplinkDeps) {}

  async round(): Promise<void> {
    const { d } = this;
    const chains: Chain[] = [];
    if (d.own) chains.push({ source: d.own, cursor: AUDIT_CURSOR });
    const relayed = d.relayed;
    for (const site of (await relayed?.sites()) ?? []) {
      if (relayed) chains.push({ source: relayed.chain(site), cursor: relayCursor(site), site });
    }
    const next: AuditUplinkStatus = { pending: 0, refusal: null, hubLacksCall: false };
    let error: { e: unknown } | null = null;
    for (const c of chains) {
      if (!error && !next.hubLacksCall) {
        try {
          const r = await pushChain(d, c);
          next.refusal ??= r.refusal;
          next.hubLacksCall = r.lacksCall;
        } catch (e) {
          error = { e };
        }
      }
      next.pending += await c.source.countAfter(await d.cursors.getCursor(c.cursor));
    }
    // A failed round tells nothing new of refusals: those of the last full round stand.
    this.status = error ? { ...this.status, pending: next.pending } : next;
    if (error) throw error.e;
  }
}

type Chain = { source: StationAuditSource; cursor: string; site?: string };

async function pushChain(d: AuditUplinkDeps, c: Chain): Promise<ChainResult> {
  const limit = d.limit ?? {
    maxRows: AUDIT_LIMITS.maxRowsPerPush,
    maxBytes: AUDIT_LIMITS.maxBytesPerPush,
  };
  let after = await d.cursors.getCursor(c.cursor);
  try {
    for (;;) {
      const rows = await c.source.rowsAfter(after, limit);
      const last = rows[rows.length - 1];
      if (!last) return { refusal: null, lacksCall: false };
      const site = c.site === undefined ? {} : { site: c.site };
      const r = await d.push({ protocol: PROTOCOL_VERSION, ...site, rows });
      if (r === null) return { refusal: null, lacksCall: true };
      await d.cursors.setCursor(c.cursor, last.id);
      after = last.id;
    }
  } catch (e) {
    if (!(e instanceof SyncError) || isRetryable(e.data.kind)) throw e;
    const { kind, zh, en } = e.data;
    const at = (d.now ?? (() => new Date()))().toISOString();
    return { refusal: { kind, zh, en, at, ...(c.site ? { site: c.site } : {}) }, lacksCall: false };
  }
}
