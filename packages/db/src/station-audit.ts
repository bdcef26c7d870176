import type {
  AuditLogRow,
  RelayedAuditChains,
  StationAuditSource,
  StationAuditStore,
} from "@bangban/sync";
import type { InValue, Row } from "@libsql/client";
import type { Db } from "./client";
import { stationAuditSites } from "./queries/audit-view";

/**
 * The audit log on the way up: a node reads its own rows after its cursor
 * (`LibsqlAuditSource`, the sync loop's `audit`), the hub keeps each station's rows in
 * `station_audit_log` (`LibsqlStationAudit`, the sync handler's `stationAudit`), and a street
 * hub linked to its district reads them back from there to relay each chain unchanged.
 */

const COLUMNS = "id, at, user_id, site_id, action, case_id, request_id, detail, prev_hash, hash";
/**
 * The same, read from `station_audit_log`: `site_id` there is the chain's, `row_site_id` the
 * row's own where it differs (a street's own log), so the row reads back as it was hashed.
 */
const HELD = COLUMNS.replace("site_id", "coalesce(row_site_id, site_id) AS site_id");

function toRow(r: Row): AuditLogRow {
  const opt = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    at: String(r.at),
    userId: String(r.user_id),
    siteId: String(r.site_id),
    action: String(r.action),
    caseId: opt(r.case_id),
    requestId: opt(r.request_id),
    detail: String(r.detail),
    prevHash: opt(r.prev_hash),
    hash: opt(r.hash),
  };
}

/**
 * One audit chain as the sync loop pushes it: the node's own (`audit_log`), or with `station`
 * that station's copy in `station_audit_log` (a street relaying it to its district).
 */
export class LibsqlAuditSource implements StationAuditSource {
  private readonly from: string;
  private readonly columns: string;
  private readonly site: InValue[];

  constructor(
    private readonly db: Db,
    station?: string,
  ) {
    this.from =
      station === undefined ? "audit_log WHERE" : "station_audit_log WHERE site_id = ? AND";
    this.columns = station === undefined ? COLUMNS : HELD;
    this.site = station === undefined ? [] : [station];
  }

  async rowsAfter(after: number, limit: { maxRows: number; maxBytes: number }) {
    const { rows } = await this.db.client.execute({
      sql: `SELECT ${this.columns}, length(detail) AS size FROM ${this.from} id > ? ORDER BY id LIMIT ?`,
      args: [...this.site, after, Math.max(1, limit.maxRows)],
    });
    const out: AuditLogRow[] = [];
    let bytes = 0;
    for (const r of rows) {
      bytes += Number(r.size) + 400;
      if (out.length && bytes > limit.maxBytes) break;
      out.push(toRow(r));
    }
    return out;
  }

  async countAfter(after: number): Promise<number> {
    const { rows } = await this.db.client.execute({
      sql: `SELECT count(*) AS n FROM ${this.from} id > ?`,
      args: [...this.site, after],
    });
    return Number(rows[0]?.n ?? 0);
  }
}

/** The hub's copy of its stations' audit logs. The table's trigger is the chain's backstop. */
export class LibsqlStationAudit implements StationAuditStore, RelayedAuditChains {
  constructor(private readonly db: Db) {}

  /** The sites whose chains the hub holds, in site order. */
  async sites(): Promise<string[]> {
    return (await stationAuditSites(this.db)).map((s) => s.siteId);
  }

  chain(site: string): StationAuditSource {
    return new LibsqlAuditSource(this.db, site);
  }

  async tail(siteId: string): Promise<AuditLogRow | null> {
    const { rows } = await this.db.client.execute({
      sql: `SELECT ${HELD} FROM station_audit_log WHERE site_id = ? ORDER BY id DESC LIMIT 1`,
      args: [siteId],
    });
    return rows[0] ? toRow(rows[0]) : null;
  }

  async range(siteId: string, from: number, to: number): Promise<AuditLogRow[]> {
    const { rows } = await this.db.client.execute({
      sql: `SELECT ${HELD} FROM station_audit_log
        WHERE site_id = ? AND id BETWEEN ? AND ? ORDER BY id`,
      args: [siteId, from, to],
    });
    return rows.map(toRow);
  }

  /** Rows of `siteId`'s chain; a row naming another site (a street's own log) keeps it. */
  async append(siteId: string, rows: readonly AuditLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.client.batch(
      rows.map((r) => ({
        sql: `INSERT INTO station_audit_log (${COLUMNS}, row_site_id)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          r.id,
          r.at,
          r.userId,
          siteId,
          r.action,
          r.caseId,
          r.requestId,
          r.detail,
          r.prevHash,
          r.hash,
          r.siteId === siteId ? null : r.siteId,
        ] satisfies InValue[],
      })),
      "write",
    );
  }
}
