import { caseCountsByStaff, type DashboardPeriod, type StaffCaseCounts } from "@bangban/db";
import { type Role, roleLabels } from "@bangban/domain";
import type { AuthedContext } from "../case-commands";
import { todayOf } from "../case-commands";
import { rates } from "../dashboard";
import { substantiatedComplaintsSource } from "./ledgers";

/**
 * A per-staff figure that comes from another record than the case projection (substantiated
 * complaints, rectified 差评 …): the part that owns the record adds one here, and its column
 * appears in the table, the export and the monthly report. Until one is added no such column
 * is shown: a column of zeros would claim that nothing was recorded against anyone.
 */
export interface StaffFigureSource {
  /** Stable key of the figure in each row's `extra`. */
  key: string;
  /** Column header. */
  zh: string;
  en: string;
  /** The figure per staff id over the period (a staff member missing from the map has 0). */
  countsBy(ctx: AuthedContext, period: DashboardPeriod): Promise<ReadonlyMap<string, number>>;
}

/** The figure sources the node has: substantiated complaints (投诉台账). */
export const STAFF_FIGURE_SOURCES: readonly StaffFigureSource[] = [substantiatedComplaintsSource];

/** Whose staff a user may read: a station lead only the station's own. */
function staffScope(ctx: AuthedContext) {
  return ctx.user.role === "station_lead" ? { staffSiteId: ctx.user.siteId } : {};
}

/**
 * 按时办结率 (promised limit), 超期 (legal limit), 满意率, 主动评价率 and the 差评 count per
 * staff member over the cases submitted in the period, each case credited to its 办理人
 * (caseCountsByStaff says why), plus one figure per extra source.
 */
export async function staffFigures(
  ctx: AuthedContext,
  period: DashboardPeriod,
  sources: readonly StaffFigureSource[] = STAFF_FIGURE_SOURCES,
) {
  const [rows, extras] = await Promise.all([
    caseCountsByStaff(ctx.services.db, todayOf(ctx), period, staffScope(ctx)),
    Promise.all(sources.map((s) => s.countsBy(ctx, period))),
  ]);
  return {
    period: { from: period.from ?? null, to: period.to ?? null },
    columns: sources.map(({ key, zh, en }) => ({ key, zh, en })),
    rows: rows.map((r) => staffRow(r, sources, extras)),
  };
}

function staffRow(
  r: StaffCaseCounts,
  sources: readonly StaffFigureSource[],
  extras: readonly ReadonlyMap<string, number>[],
) {
  const r2 = rates({ ...r, received: r.handled }, r.rectification);
  return {
    ...r,
    roleLabel: r.role && r.role in roleLabels ? roleLabels[r.role as Role].zh : null,
    overdue: r.overdueOpen + r.overdueFinished,
    badRatings: r.levels[0] + r.levels[1],
    rates: {
      onTime: r2.onTime,
      satisfaction: r2.satisfaction,
      activeRating: r2.activeRating,
      rectification: r2.rectification,
    },
    extra: Object.fromEntries(sources.map((s, i) => [s.key, extras[i]?.get(r.userId) ?? 0])),
  };
}

export type StaffFigures = Awaited<ReturnType<typeof staffFigures>>;
