import { and, asc, count, inArray, isNotNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { ProjectionRow } from "../projection-row";
import { caseProjections as p } from "../schema";
import type { DashboardPeriod } from "./dashboard";

/** 差评: rating levels 1 (非常不满意) and 2 (不满意). */
const BAD_LEVEL = 2;

/**
 * The cases of the period (submitted in it, China time, as the dashboard counts) that carry a
 * 差评, oldest first, at most `limit` of them and how many there are; `siteIds` narrows to the
 * cases rated, taken in or handled at those sites (a station lead's own).
 */
export async function badRatedCases(
  db: Db,
  period: DashboardPeriod,
  opts: { siteIds?: string[]; limit: number },
): Promise<{ rows: ProjectionRow[]; total: number }> {
  const day = sql`date(${p.submittedAt}, '+8 hours')`;
  const where = and(
    isNotNull(p.ratingLevel),
    lte(p.ratingLevel, BAD_LEVEL),
    period.from ? sql`${day} >= ${period.from}` : undefined,
    period.to ? sql`${day} <= ${period.to}` : undefined,
    opts.siteIds
      ? (or(
          inArray(p.ratedSiteId, opts.siteIds),
          inArray(p.originSiteId, opts.siteIds),
          inArray(p.handlingSiteId, opts.siteIds),
        ) as SQL)
      : undefined,
  );
  const [rows, totals] = await db.orm.batch([
    db.orm.select().from(p).where(where).orderBy(asc(p.submittedAt)).limit(opts.limit),
    db.orm.select({ n: count() }).from(p).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}
