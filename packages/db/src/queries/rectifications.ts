import { RECTIFICATION_STATES, type RectificationState } from "@bangban/domain";
import type { InValue } from "@libsql/client";
import type { Db } from "../client";
import type { DashboardPeriod } from "./dashboard";

/**
 * 差评整改 read from the projections (CaseProjection.rectify*): the 差评台账 and the counts
 * behind 差评整改率 and 回访率, each credited to the site answering for the 差评.
 */

/** Per site: 差评 (appeal not upheld), closed among them, 实名 among them, called back. */
export interface SiteRectificationCounts {
  siteId: string;
  bad: number;
  closed: number;
  realName: number;
  calledBack: number;
  /** Records not finished, and those of them past their due day on `today`. */
  open: number;
  overdue: number;
}

const CHINA_DAY = "date(submitted_at, '+8 hours')";
const IN_PERIOD = `(?1 IS NULL OR ${CHINA_DAY} >= ?1) AND (?2 IS NULL OR ${CHINA_DAY} <= ?2)`;

const n = (v: unknown): number => Number(v ?? 0);

/** Counts per responsible site over cases submitted in the period (as the dashboard's). */
export function rectificationCountsBySite(
  db: Db,
  today: string,
  period: DashboardPeriod = {},
): Promise<SiteRectificationCounts[]> {
  return rectificationCounts(db, "rectify_site_id", today, period);
}

/** rectificationCountsBySite summed per street (the responsible site's first 9 digits). */
export function rectificationCountsByStreet(
  db: Db,
  today: string,
  period: DashboardPeriod = {},
): Promise<SiteRectificationCounts[]> {
  return rectificationCounts(db, "substr(rectify_site_id, 1, 9)", today, period);
}

async function rectificationCounts(
  db: Db,
  group: string,
  today: string,
  period: DashboardPeriod,
): Promise<SiteRectificationCounts[]> {
  const { rows } = await db.client.execute({
    sql: `SELECT ${group} AS site, SUM(rectify_bad) AS bad, SUM(rectify_closed) AS closed,
            SUM(rectify_real_name) AS real_name, SUM(rectify_called_back) AS called_back,
            SUM(rectify_open) AS open,
            SUM(CASE WHEN rectify_open > 0 AND rectify_due_on < ?3 THEN rectify_open ELSE 0 END) AS overdue
          FROM case_projections
          WHERE rectify_site_id IS NOT NULL AND ${IN_PERIOD}
          GROUP BY 1 ORDER BY 1`,
    args: [period.from ?? null, period.to ?? null, today],
  });
  return rows.map((r) => ({
    siteId: String(r.site),
    bad: n(r.bad),
    closed: n(r.closed),
    realName: n(r.real_name),
    calledBack: n(r.called_back),
    open: n(r.open),
    overdue: n(r.overdue),
  }));
}

/** One case's 差评 as the 台账 lists them. */
export interface RectificationLedgerRow {
  caseId: string;
  caseNumber: string;
  itemName: string;
  siteId: string;
  level: number;
  ratedOn: string;
  state: RectificationState;
  open: number;
  /** The earliest due day among the open records; null once all are finished. */
  dueOn: string | null;
  /** Open and past the due day on `today`: shown red. */
  overdue: boolean;
}

export interface LedgerFilter {
  /** Only this responsible site's (a station lead sees their own). */
  siteId?: string;
  state?: RectificationState;
  /** Only the unfinished. */
  openOnly?: boolean;
  /**
   * Only the cases submitted in this period (China days), as the dashboard and the monthly
   * report count them, so the report's 差评 list and its rectifications are the same cases.
   */
  period?: DashboardPeriod;
  limit?: number;
}

/** The 差评台账: unfinished first by due day, then the finished, newest first. */
export async function listRectificationLedger(
  db: Db,
  today: string,
  filter: LedgerFilter = {},
): Promise<RectificationLedgerRow[]> {
  const where = ["rectify_site_id IS NOT NULL"];
  const args: InValue[] = [];
  if (filter.siteId) {
    where.push("rectify_site_id = ?");
    args.push(filter.siteId);
  }
  if (filter.state) {
    where.push("rectify_state = ?");
    args.push(filter.state);
  }
  if (filter.openOnly) where.push("rectify_open > 0");
  if (filter.period?.from) {
    where.push(`${CHINA_DAY} >= ?`);
    args.push(filter.period.from);
  }
  if (filter.period?.to) {
    where.push(`${CHINA_DAY} <= ?`);
    args.push(filter.period.to);
  }
  const { rows } = await db.client.execute({
    sql: `SELECT case_id, case_number, item_name, rectify_site_id, rectify_level, rectify_rated_on,
            rectify_state, rectify_open, rectify_due_on
          FROM case_projections WHERE ${where.join(" AND ")}
          ORDER BY rectify_open = 0, rectify_due_on, rectify_rated_on DESC, case_number
          LIMIT ?`,
    args: [...args, filter.limit ?? 500],
  });
  return rows.map((r) => {
    const state = String(r.rectify_state) as RectificationState;
    const dueOn = r.rectify_due_on === null ? null : String(r.rectify_due_on);
    const open = n(r.rectify_open);
    return {
      caseId: String(r.case_id),
      caseNumber: String(r.case_number),
      itemName: String(r.item_name),
      siteId: String(r.rectify_site_id),
      level: n(r.rectify_level),
      ratedOn: String(r.rectify_rated_on),
      state: RECTIFICATION_STATES.includes(state) ? state : "open",
      open,
      dueOn,
      overdue: open > 0 && dueOn !== null && dueOn < today,
    };
  });
}
