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

/** Counts for one site (cases taken in there: `origin_site_id`). */
export interface SiteCaseCounts {
  siteId: string;
  /** Cases taken in at the site. */
  received: number;
  /** Cases the site is handling now (`handling_site_id`). */
  handling: number;
  /** Not in a terminal status. */
  open: number;
  completed: number;
  /** Completed cases with an on-time verdict (their clock ran: accepted with a due date). */
  withVerdict: number;
  /** Completed cases closed by their due date. */
  onTime: number;
  /** Completed cases that carry a 好差评 rating. */
  ratedCompleted: number;
  /** Rated cases per level, index 0 = level 1 (非常不满意) … index 4 = level 5 (非常满意). */
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

const BY_ORIGIN = `SELECT origin_site_id AS site, count(*) AS received,
    SUM(status NOT IN ${TERMINAL}) AS open,
    SUM(status = 'COMPLETED') AS completed,
    SUM(status = 'COMPLETED' AND on_time IS NOT NULL) AS verdict,
    SUM(status = 'COMPLETED' AND on_time = 1) AS on_time,
    SUM(status = 'COMPLETED' AND rating_level IS NOT NULL) AS rated_completed,
    SUM(rating_level = 1) AS l1, SUM(rating_level = 2) AS l2, SUM(rating_level = 3) AS l3,
    SUM(rating_level = 4) AS l4, SUM(rating_level = 5) AS l5
  FROM case_projections WHERE ${IN_PERIOD} GROUP BY origin_site_id ORDER BY origin_site_id`;
const BY_HANDLING = `SELECT handling_site_id AS site, count(*) AS n FROM case_projections
  WHERE ${IN_PERIOD} GROUP BY handling_site_id`;
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

/** Case counts per site of intake (with the count each site is handling now). */
export async function caseCountsBySite(
  db: Db,
  period: DashboardPeriod = {},
): Promise<SiteCaseCounts[]> {
  const args = periodArgs(period);
  const [origin, handling] = await db.client.batch(
    [
      { sql: BY_ORIGIN, args },
      { sql: BY_HANDLING, args },
    ],
    "read",
  );
  const handlingBy = new Map((handling?.rows ?? []).map((r) => [String(r.site), n(r.n)]));
  const out: SiteCaseCounts[] = (origin?.rows ?? []).map((r) => ({
    siteId: String(r.site),
    received: n(r.received),
    handling: handlingBy.get(String(r.site)) ?? 0,
    open: n(r.open),
    completed: n(r.completed),
    withVerdict: n(r.verdict),
    onTime: n(r.on_time),
    ratedCompleted: n(r.rated_completed),
    levels: [n(r.l1), n(r.l2), n(r.l3), n(r.l4), n(r.l5)],
  }));
  // A site handling cases it did not take in (the center, after forwarding) still gets a row.
  const seen = new Set(out.map((s) => s.siteId));
  for (const [siteId, count] of handlingBy) {
    if (seen.has(siteId)) continue;
    out.push({
      siteId,
      received: 0,
      handling: count,
      open: 0,
      completed: 0,
      withVerdict: 0,
      onTime: 0,
      ratedCompleted: 0,
      levels: [0, 0, 0, 0, 0],
    });
  }
  return out.sort((a, b) => a.siteId.localeCompare(b.siteId));
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
