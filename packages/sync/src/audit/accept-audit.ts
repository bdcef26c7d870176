import { isCenterCode, parentOf } from "@bangban/domain";
import type { StationIdentity } from "../hub/accept-push";
import { speaksFor } from "../hub/scope";
import { KeyedLock } from "../keyed-lock";
import { SyncError } from "../protocol/errors";
import { checkProtocol, malformedBatch } from "../protocol/refusals";
import { type AuditLogRow, auditRowHash, GENESIS_HASH } from "./chain";
import { type AuditPushResponse, auditPushRequest } from "./messages";

/**
 * Where the hub keeps its stations' audit rows: per station site, the rows in id order, each
 * stored once and never changed. The libSQL store (packages/db) and the in-memory one pass
 * the same suite (station-audit-suite.ts).
 */
export interface StationAuditStore {
  /** The last row held for the site, null when none. */
  tail(siteId: string): Promise<AuditLogRow | null>;
  /** The held rows of the site with `from` ≤ id ≤ `to`, in id order. */
  range(siteId: string, from: number, to: number): Promise<AuditLogRow[]>;
  /**
   * Appends rows that continue the site's chain, in one transaction; throws (storing none)
   * if they do not start right after the tail — a concurrent writer got there first.
   */
  append(siteId: string, rows: readonly AuditLogRow[]): Promise<void>;
}

const chainBroken = (en: string) =>
  new SyncError({
    kind: "AUDIT_CHAIN_BROKEN",
    zh: "审计日志哈希链不连续（有记录被改动、删除或调换顺序），未保存任何内容",
    en,
  });

/** Whether two copies of a row are the same row, field by field. */
function sameRow(a: AuditLogRow, b: AuditLogRow): boolean {
  return (
    a.id === b.id &&
    a.at === b.at &&
    a.userId === b.userId &&
    a.siteId === b.siteId &&
    a.action === b.action &&
    a.caseId === b.caseId &&
    a.requestId === b.requestId &&
    a.detail === b.detail &&
    a.prevHash === b.prevHash &&
    a.hash === b.hash
  );
}

/**
 * The sites a row of `chain` may name. A station's rows name the station. A street hub's own
 * rows name the site they concern: the street, one of its stations (a station's push is logged
 * under the station's code) or its district (the district administrator's sign-in) — never
 * another street's site or a site outside the district.
 */
function mayName(chain: string, rowSite: string): boolean {
  if (rowSite === chain) return true;
  if (!isCenterCode(chain)) return false;
  return speaksFor(chain, rowSite) || rowSite === parentOf(chain);
}

/** Each row on its own: a site its chain may name, in id order without a hole, its hash its content's. */
function checkEachRow(siteId: string, rows: readonly AuditLogRow[]): void {
  rows.forEach((r, i) => {
    if (!mayName(siteId, r.siteId)) {
      throw new SyncError({
        kind: "FORGED_ACTOR",
        zh: "审计记录所属站点不在本节点可记录的范围内（本站点、所辖站点或所属区），未保存任何内容",
        en: `Audit row ${r.id} claims site ${r.siteId}, which chain ${siteId} may not name`,
      });
    }
    const before = rows[i - 1];
    if (before && r.id !== before.id + 1) {
      throw chainBroken(`Audit row ${r.id} follows row ${before.id}: rows reordered or skipped`);
    }
    if ((r.hash === null) !== (r.prevHash === null)) {
      throw chainBroken(`Audit row ${r.id} carries only half of its chain link`);
    }
    if (
      r.hash !== null &&
      r.prevHash !== null &&
      auditRowHash({ ...r, prevHash: r.prevHash }) !== r.hash
    ) {
      throw chainBroken(`Audit row ${r.id}: its content no longer matches its hash (edited)`);
    }
  });
}

/** Why `r` cannot follow `prev` (null: the site's first row), or null when it links. */
function linkBreak(prev: AuditLogRow | null, r: AuditLogRow): string | null {
  const expectedId = (prev?.id ?? 0) + 1;
  if (r.id !== expectedId) {
    return `Audit row ${r.id} does not follow the hub's last row ${expectedId - 1}: rows missing`;
  }
  // Rows from before the chain existed (no hash) are allowed only as the log's prefix.
  if (r.hash === null) {
    return prev?.hash == null ? null : `Audit row ${r.id} has no hash inside the chain`;
  }
  const expected = prev?.hash ?? GENESIS_HASH;
  return r.prevHash === expected
    ? null
    : `Audit row ${r.id} does not link to row ${prev?.id ?? 0}'s hash: a row removed, inserted or reordered`;
}

/**
 * The rows of a batch the hub does not hold yet, after checking that the batch continues the
 * station's chain as the hub holds it (`tail`, and `held`: the held rows the batch overlaps).
 * A row the hub holds must come again unchanged (a replay stores nothing); the first new row
 * must follow the tail. Throws the typed refusal; the caller stores nothing then.
 */
export function checkAuditBatch(
  siteId: string,
  tail: AuditLogRow | null,
  held: readonly AuditLogRow[],
  rows: readonly AuditLogRow[],
): AuditLogRow[] {
  checkEachRow(siteId, rows);
  const heldById = new Map(held.map((h) => [h.id, h]));
  const tailId = tail?.id ?? 0;
  let prev = tail;
  const fresh: AuditLogRow[] = [];
  for (const r of rows) {
    if (r.id <= tailId) {
      const h = heldById.get(r.id);
      if (!h || !sameRow(h, r)) {
        throw new SyncError({
          kind: "HISTORY_REWRITTEN",
          zh: "已同步的审计记录被改动，未保存任何内容",
          en: `Audit row ${r.id} differs from the copy the hub holds`,
        });
      }
      continue;
    }
    const broken = linkBreak(prev, r);
    if (broken) throw chainBroken(broken);
    fresh.push(r);
    prev = r;
  }
  return fresh;
}

/**
 * The hub's side of `sync.pushAudit`: reads the request, and under a per-chain lock checks
 * the batch against what the hub holds and stores its new rows in one transaction. A replayed
 * batch stores nothing; a refused one stores nothing. The chain is the node's own unless the
 * request names another: a street hub relays its stations' chains to its district, and may
 * name only a site it speaks for (scope.ts) — the rule that keeps a station to its own chain.
 */
export class AuditIntake {
  private readonly lock = new KeyedLock();

  constructor(private readonly store: StationAuditStore) {}

  async push(station: StationIdentity, input: unknown): Promise<AuditPushResponse> {
    const protocol = (input as { protocol?: unknown } | null)?.protocol;
    checkProtocol(typeof protocol === "number" ? protocol : -1);
    const parsed = auditPushRequest.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw malformedBatch(`Audit push: ${issue?.path.join(".")}: ${issue?.message}`);
    }
    const rows = parsed.data.rows;
    const site = parsed.data.site ?? station.siteId;
    if (!speaksFor(station.siteId, site)) {
      throw new SyncError({
        kind: "FORGED_ACTOR",
        zh: "只能上传本节点及其下属站点的审计日志，未保存任何内容",
        en: `Node ${station.siteId} may not send the audit log of site ${site}`,
      });
    }
    return this.lock.run(site, async () => {
      const tail = await this.store.tail(site);
      const first = rows[0] as AuditLogRow;
      const last = rows[rows.length - 1] as AuditLogRow;
      const held =
        tail && first.id <= tail.id
          ? await this.store.range(site, first.id, Math.min(last.id, tail.id))
          : [];
      const fresh = checkAuditBatch(site, tail, held, rows);
      if (fresh.length) await this.store.append(site, fresh);
      return { stored: fresh.length, last: fresh.at(-1)?.id ?? tail?.id ?? 0 };
    });
  }
}
