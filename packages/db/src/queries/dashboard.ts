import { TERMINAL_STATUSES } from "@bangban/domain";
import type { InValue } from "@libsql/client";
import type { Db } from "../client";

/**
 * The district dashboard's figures, counted in SQL over `case_projections`. Days and hours are
 * China time: instants are stored as ISO strings with a zone, which SQLite's date functions
 * read, so `date(x, '+8 hours')` is the day in China whatever zone the string was written in.
 */

/** Which cases count: those submitted between these China-time days (inclusive); open ends allowed. */
export interface DashboardPeriod {
  from?: string;
  to?: string;
}

/**
 * Counts for one site, each figure at the site it belongs to: 收件 where the case was taken in
 * (`origin_site_id`), open cases where they are handled now (`handling_site_id`), 办结 and its
 * on-time verdict where the case was completed (`completed_site_id`), a rating where it was
 * given (`rated_site_id`). One case can so count at up to three sites (跨域通办).
 */
export interface SiteCaseCounts {
  siteId: string;
  /** Cases taken in at the site. */
  received: number;
  /** Cases not in a terminal status that the site is handling now. */
  open: number;
  /** Cases the site completed. */
  completed: number;
  /** Of those, cases with an on-time verdict (their clock ran: accepted with a due date). */
  withVerdict: number;
  /** Of those, cases closed by their due date. */
  onTime: number;
  /**
   * 超期 against the **legal** limit (法定时限), not the promised one: open cases the site
   * handles that are past their legal due day on `today` (a result already issued is not)…
   */
  overdueOpen: number;
  /** …and cases the site finished after their legal due day. Items without one never count. */
  overdueFinished: number;
  /** Cases the site completed that carry a 好差评 rating. */
  ratedCompleted: number;
  /**
   * Cases closed without a result while the site held them: 终止 or 退件 (a missed 容缺
   * promise, by the rules or a lead). Never on time; not in 按时办结率's denominator either.
   */
  terminated: number;
  /**
   * Ratings given at the site per level, index 0 = level 1 (非常不满意) … 4 = level 5 (非常满意);
   * a 差评 whose appeal was upheld (申诉成立) is left out.
   */
  levels: [number, number, number, number, number];
}

export interface ItemCounts {
  itemCode: string;
  itemName: string;
  received: number;
  completed: number;
}

const CHINA_DAY = "date(submitted_at, '+8 hours')";
const IN_PERIOD = `(?1 IS NULL OR ${CHINA_DAY} >= ?1) AND (?2 IS NULL OR ${CHINA_DAY} <= ?2)`;
// Status names are fixed identifiers from the domain, not input, so inlining them is safe.
const TERMINAL = `(${[...TERMINAL_STATUSES].map((s) => `'${s}'`).join(",")})`;

// One row per (case, figure) crediting the figure to its site, summed per site: a site with
// nothing to count has no row at all (no zeros for a hub that took in nothing). Rows from before
// `completed_site_id` existed fall back to where the machine lets a case be completed.
// `group` is what the rows are summed by: the site itself, or the street a site belongs to.
const credit = (
  group: string,
) => `SELECT ${group} AS site, SUM(received) AS received, SUM(open) AS open, SUM(completed) AS completed,
    SUM(verdict) AS verdict, SUM(on_time) AS on_time, SUM(overdue_open) AS overdue_open,
    SUM(overdue_finished) AS overdue_finished, SUM(rated_completed) AS rated_completed,
    SUM(terminated) AS terminated,
    SUM(level = 1) AS l1, SUM(level = 2) AS l2, SUM(level = 3) AS l3,
    SUM(level = 4) AS l4, SUM(level = 5) AS l5
  FROM (
    SELECT origin_site_id AS site, 1 AS received, 0 AS open, 0 AS completed, 0 AS verdict,
        0 AS on_time, 0 AS overdue_open, 0 AS overdue_finished, 0 AS rated_completed, NULL AS level,
        0 AS terminated
      FROM case_projections WHERE ${IN_PERIOD}
    UNION ALL
    SELECT handling_site_id, 0, 1, 0, 0, 0,
        status != 'READY_FOR_PICKUP' AND legal_due_on IS NOT NULL AND legal_due_on < ?3, 0, 0, NULL, 0
      FROM case_projections WHERE ${IN_PERIOD} AND status NOT IN ${TERMINAL}
    UNION ALL
    SELECT COALESCE(completed_site_id, pickup_site_id, handling_site_id), 0, 0, 1,
        on_time IS NOT NULL, on_time = 1, 0, legal_on_time = 0, rating_level IS NOT NULL, NULL, 0
      FROM case_projections WHERE ${IN_PERIOD} AND status = 'COMPLETED'
    UNION ALL
    SELECT COALESCE(pickup_site_id, handling_site_id), 0, 0, 0, 0, 0, 0, 1, 0, NULL, 0
      FROM case_projections WHERE ${IN_PERIOD} AND status = 'READY_FOR_PICKUP' AND legal_on_time = 0
    UNION ALL
    SELECT COALESCE(rated_site_id, completed_site_id, handling_site_id), 0, 0, 0, 0, 0, 0, 0, 0,
        rating_level, 0
      FROM case_projections WHERE ${IN_PERIOD} AND rating_level IS NOT NULL
        AND rating_excluded = 0
    UNION ALL
    SELECT handling_site_id, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 1
      FROM case_projections WHERE ${IN_PERIOD} AND status = 'TERMINATED'
  ) GROUP BY 1 ORDER BY 1`;
const BY_ITEM = `SELECT item_code AS code, MAX(item_name) AS name, count(*) AS received,
    SUM(status = 'COMPLETED') AS completed
  FROM case_projections WHERE ${IN_PERIOD} GROUP BY item_code ORDER BY received DESC, item_code`;
const BY_DAY = `SELECT ${CHINA_DAY} AS day, count(*) AS n FROM case_projections
  WHERE ${IN_PERIOD} GROUP BY day ORDER BY day`;
const BY_HOUR = `SELECT CAST(strftime('%H', submitted_at, '+8 hours') AS INTEGER) AS hour,
    count(*) AS n FROM case_projections WHERE ${IN_PERIOD} GROUP BY hour ORDER BY hour`;

function periodArgs(p: DashboardPeriod): InValue[] {
  return [p.from ?? null, p.to ?? null];
}

const n = (v: unknown): number => Number(v ?? 0);

/**
 * Case counts per site, each figure at the site it belongs to (see SiteCaseCounts); `today`
 * (China time) is the day open cases are judged overdue on.
 */
export async function caseCountsBySite(
  db: Db,
  today: string,
  period: DashboardPeriod = {},
): Promise<SiteCaseCounts[]> {
  return creditRows(db, credit("site"), today, period);
}

/**
 * A site's street: its first 9 digits (a 12-digit station's street center, a center itself).
 * The district's own 6-digit code is its own group.
 */
export const STREET_OF_SITE = "substr(site, 1, 9)";

/**
 * caseCountsBySite summed per street (`siteId` is the 9-digit street code): a street's figures
 * are its center's and its stations' together, each case counted at the site the rules count
 * it at, so a case taken in at street X and completed at street Y is 收件 for X, 办结 for Y.
 */
export async function caseCountsByStreet(
  db: Db,
  today: string,
  period: DashboardPeriod = {},
): Promise<SiteCaseCounts[]> {
  return creditRows(db, credit(STREET_OF_SITE), today, period);
}

async function creditRows(
  db: Db,
  sql: string,
  today: string,
  period: DashboardPeriod,
): Promise<SiteCaseCounts[]> {
  const { rows } = await db.client.execute({ sql, args: [...periodArgs(period), today] });
  return rows.map((r) => ({
    siteId: String(r.site),
    received: n(r.received),
    open: n(r.open),
    completed: n(r.completed),
    withVerdict: n(r.verdict),
    onTime: n(r.on_time),
    overdueOpen: n(r.overdue_open),
    overdueFinished: n(r.overdue_finished),
    ratedCompleted: n(r.rated_completed),
    terminated: n(r.terminated),
    levels: [n(r.l1), n(r.l2), n(r.l3), n(r.l4), n(r.l5)],
  }));
}

/** Case counts per service item, busiest first. */
export async function caseCountsByItem(
  db: Db,
  period: DashboardPeriod = {},
): Promise<ItemCounts[]> {
  const { rows } = await db.client.execute({ sql: BY_ITEM, args: periodArgs(period) });
  return rows.map((r) => ({
    itemCode: String(r.code),
    itemName: String(r.name),
    received: n(r.received),
    completed: n(r.completed),
  }));
}

/** Cases submitted on each China-time day of the period that had any (days without are left out). */
export async function caseCountsByDay(
  db: Db,
  period: Required<DashboardPeriod>,
): Promise<{ day: string; count: number }[]> {
  const { rows } = await db.client.execute({ sql: BY_DAY, args: periodArgs(period) });
  return rows.map((r) => ({ day: String(r.day), count: n(r.n) }));
}

/** Cases submitted in each China-time hour of the day (0–23) that had any. */
export async function caseCountsByHour(
  db: Db,
  period: DashboardPeriod = {},
): Promise<{ hour: number; count: number }[]> {
  const { rows } = await db.client.execute({ sql: BY_HOUR, args: periodArgs(period) });
  return rows.map((r) => ({ hour: n(r.hour), count: n(r.n) }));
}
