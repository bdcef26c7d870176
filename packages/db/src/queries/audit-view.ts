import type { InValue } from "@libsql/client";
import { type AuditBreak, checkRow } from "../audit-chain";
import type { Db } from "../client";

/**
 * The audit viewer's reads: one node's own log (`audit_log`) or, at a hub, one station's log as
 * it synced up (`station_audit_log`), filtered, newest first, a page at a time by row id, each
 * row with the person's name and post, the case number, and its own place in the chain.
 */

export interface AuditViewFilter {
  /** null: this node's own log; else a chain held in station_audit_log (a station's, or a street's own). */
  station: string | null;
  userId?: string;
  /** One action (`person.reveal`), or a family of them (`case.*`). */
  action?: string;
  /** Any of these actions (the 查阅记录 quick filter). */
  actions?: readonly string[];
  caseId?: string;
  /** Instants as stored (ISO, UTC): from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** Rows with a smaller id than this (the last row of the page before). */
  beforeId?: number;
  limit: number;
}

/** A row's place in the chain: intact, edited, not linked to the row before, or from before the chain. */
export type AuditRowChain = "ok" | AuditBreak;

export interface AuditViewRow {
  id: number;
  at: string;
  siteId: string;
  userId: string;
  /** The person as this node's users table knows them (null: system, a station, or unknown). */
  userName: string | null;
  userRole: string | null;
  action: string;
  caseId: string | null;
  caseNumber: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  chain: AuditRowChain;
}

const STORED =
  "a.id, a.at, a.user_id, a.site_id, a.action, a.case_id, a.request_id, a.detail, a.prev_hash, a.hash";
/** The same from `station_audit_log`, each row with the site it names (station-audit.ts). */
const HELD = STORED.replace("a.site_id", "coalesce(a.row_site_id, a.site_id) AS site_id");

/** The page of rows matching the filter, newest first. */
export async function listAuditView(db: Db, f: AuditViewFilter): Promise<AuditViewRow[]> {
  const own = f.station === null;
  const table = own ? "audit_log" : "station_audit_log";
  const where: string[] = [];
  const args: InValue[] = [];
  const add = (sql: string, ...values: InValue[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (!own) add("a.site_id = ?", f.station);
  if (f.userId !== undefined) add("a.user_id = ?", f.userId);
  if (f.action?.endsWith(".*")) {
    const prefix = f.action.slice(0, -1);
    add("substr(a.action, 1, ?) = ?", prefix.length, prefix);
  } else if (f.action !== undefined) add("a.action = ?", f.action);
  if (f.actions?.length) add(`a.action IN (${f.actions.map(() => "?").join(", ")})`, ...f.actions);
  if (f.caseId !== undefined) add("a.case_id = ?", f.caseId);
  if (f.from !== undefined) add("a.at >= ?", f.from);
  if (f.to !== undefined) add("a.at < ?", f.to);
  if (f.beforeId !== undefined) add("a.id < ?", f.beforeId);
  // The row before each one (same log, id − 1) gives its link; the chain check needs its hash.
  const before = own
    ? "LEFT JOIN audit_log b ON b.id = a.id - 1"
    : "LEFT JOIN station_audit_log b ON b.site_id = a.site_id AND b.id = a.id - 1";
  const { rows } = await db.client.execute({
    sql: `SELECT ${own ? STORED : HELD}, b.hash AS before_hash, u.display_name, u.role, p.case_number
      FROM ${table} a ${before}
      LEFT JOIN users u ON u.id = a.user_id
      LEFT JOIN case_projections p ON p.case_id = a.case_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY a.id DESC LIMIT ?`,
    args: [...args, Math.max(1, f.limit)],
  });
  return rows.map((r) => {
    const opt = (v: unknown) => (v === null || v === undefined ? null : String(v));
    const beforeHash = opt(r.before_hash);
    return {
      id: Number(r.id),
      at: String(r.at),
      siteId: String(r.site_id),
      userId: String(r.user_id),
      userName: opt(r.display_name),
      userRole: opt(r.role),
      action: String(r.action),
      caseId: opt(r.case_id),
      caseNumber: opt(r.case_number),
      requestId: opt(r.request_id),
      detail: JSON.parse(String(r.detail)) as Record<string, unknown>,
      chain: r.hash === null ? "unchained" : (checkRow(r, beforeHash) ?? "ok"),
    };
  });
}

/** The station sites whose logs this hub holds, with their row counts. */
export async function stationAuditSites(db: Db): Promise<{ siteId: string; rows: number }[]> {
  const { rows } = await db.client.execute(
    "SELECT site_id, max(id) AS n FROM station_audit_log GROUP BY site_id ORDER BY site_id",
  );
  return rows.map((r) => ({ siteId: String(r.site_id), rows: Number(r.n) }));
}
