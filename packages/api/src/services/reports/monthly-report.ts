import {
  badRatedCases,
  type DashboardPeriod,
  listCases,
  listSites,
  type ProjectionRow,
  staffNames,
} from "@bangban/db";
import { addDays, caseStatusLabels, ratingLevelLabels, type WorkCalendar } from "@bangban/domain";
import { type AuthedContext, todayOf } from "../case-commands";
import { dashboardFigures } from "../dashboard";
import { complaintSection, rectificationSection } from "./ledgers";
import { staffFigures } from "./staff-figures";

/** The most red cases and 差评 the report lists; it says how many more there are. */
export const REPORT_LIST_LIMIT = 200;

/**
 * A section another part of the node fills (差评整改, complaints): a table of its own columns.
 * The report renders what it is given and nothing else.
 */
export interface ReportTable {
  columns: { key: string; zh: string }[];
  rows: Record<string, string | number | null>[];
}

/** Where a section's rows come from, once the part that owns the record adds it. */
export type ReportSectionSource = (
  ctx: AuthedContext,
  period: Required<DashboardPeriod>,
) => Promise<ReportTable>;

/**
 * The sections filled from other records: `rectification` (差评整改 and 回访, the 差评台账) and
 * `complaints` (the 投诉台账). A node without one says the record does not exist rather than
 * showing an empty table as if nothing happened.
 */
export interface MonthlySectionSources {
  rectification?: ReportSectionSource;
  complaints?: ReportSectionSource;
}

export const MONTHLY_SECTION_SOURCES: MonthlySectionSources = {
  rectification: rectificationSection,
  complaints: complaintSection,
};

const NOT_YET = {
  rectification: "差评整改与回访记录尚未接入本系统，本节暂无数据",
  complaints: "投诉记录尚未接入本系统，本节暂无数据",
} as const;

/** `2026-11` → the first and last day of that month. */
export function monthPeriod(month: string): Required<DashboardPeriod> {
  const from = `${month}-01`;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
}

/** The sites a user's report covers: a station lead's own; everyone else's, all. */
function siteScope(ctx: AuthedContext): string[] | undefined {
  return ctx.user.role === "station_lead" ? [ctx.user.siteId] : undefined;
}

/**
 * Why a red case is red, deadline by deadline: the promised due day (承诺时限) and, when passed
 * too, the legal one (法定时限), each with the working days since; a paused case carries the
 * colour it had when its clock stopped.
 */
export function overdueReasons(p: ProjectionRow, today: string, calendar: WorkCalendar) {
  const late = (due: string) => calendar.countWorkdays(due, today).count;
  const out: {
    deadline: "promised" | "legal" | "paused";
    dueOn: string | null;
    workdays: number | null;
  }[] = [];
  if (p.paused) out.push({ deadline: "paused", dueOn: p.dueOn, workdays: null });
  else if (p.dueOn && p.dueOn < today)
    out.push({ deadline: "promised", dueOn: p.dueOn, workdays: late(p.dueOn) });
  if (p.legalDueOn && p.legalDueOn < today)
    out.push({ deadline: "legal", dueOn: p.legalDueOn, workdays: late(p.legalDueOn) });
  return out;
}

async function redCases(ctx: AuthedContext, today: string, names: Names) {
  const calendar = ctx.services.calendar.get();
  const { rows, total } = await listCases(ctx.services.db, {
    siteIds: siteScope(ctx),
    colour: "red",
    open: true,
    today,
    orderBy: "due",
    limit: REPORT_LIST_LIMIT,
  });
  return {
    total,
    rows: rows.map((p) => ({
      caseId: p.caseId,
      caseNumber: p.caseNumber,
      itemName: p.itemName,
      status: caseStatusLabels[p.status].zh,
      handlingSite: names.site(p.handlingSiteId),
      holder: names.user(p.assigneeId ?? p.firstResponderId),
      reasons: overdueReasons(p, today, calendar),
    })),
  };
}

async function badRatings(ctx: AuthedContext, period: Required<DashboardPeriod>, names: Names) {
  const { rows, total } = await badRatedCases(ctx.services.db, period, {
    siteIds: siteScope(ctx),
    limit: REPORT_LIST_LIMIT,
  });
  return {
    total,
    rows: rows.map((p) => ({
      caseId: p.caseId,
      caseNumber: p.caseNumber,
      itemName: p.itemName,
      level: p.ratingLevel,
      levelLabel: p.ratingLevel ? ratingLevelLabels[p.ratingLevel as 1 | 2] : null,
      ratedSite: names.site(p.ratedSiteId ?? p.handlingSiteId),
      handler: names.user(p.assigneeId ?? p.firstResponderId),
      status: caseStatusLabels[p.status].zh,
    })),
  };
}

interface Names {
  site(id: string): string;
  user(id: string): string;
}

async function namesOf(ctx: AuthedContext): Promise<Names> {
  const [sites, u] = await Promise.all([listSites(ctx.services.db), staffNames(ctx.services.db)]);
  const s = new Map(sites.map((x) => [x.id, x.name]));
  return { site: (id) => s.get(id) ?? id, user: (id) => u.get(id) ?? id };
}

async function section(
  ctx: AuthedContext,
  period: Required<DashboardPeriod>,
  source: ReportSectionSource | undefined,
  note: string,
) {
  if (!source) return { recorded: false as const, note };
  return { recorded: true as const, table: await source(ctx, period) };
}

/**
 * 月报 for the Monday meeting: the month's figures per site and the radar (the dashboard's,
 * over the cases submitted in the month), the per-staff figures, the cases red today with
 * their reasons, the month's 差评, and the sections other records fill. A station lead gets
 * the station's own rows only.
 */
export async function monthlyReport(
  ctx: AuthedContext,
  month: string,
  sources: MonthlySectionSources = MONTHLY_SECTION_SOURCES,
) {
  const period = monthPeriod(month);
  const today = todayOf(ctx);
  const names = await namesOf(ctx);
  const scope = siteScope(ctx);
  const [figures, staff, red, bad, rectification, complaints] = await Promise.all([
    dashboardFigures(ctx, period),
    staffFigures(ctx, period),
    redCases(ctx, today, names),
    badRatings(ctx, period, names),
    section(ctx, period, sources.rectification, NOT_YET.rectification),
    section(ctx, period, sources.complaints, NOT_YET.complaints),
  ]);
  const ours = <T extends { siteId: string }>(rows: T[]) =>
    scope ? rows.filter((r) => scope.includes(r.siteId)) : rows;
  return {
    month,
    period,
    today,
    asOf: figures.asOf,
    scopeSite: scope ? names.site(ctx.user.siteId) : null,
    figures: {
      // A station lead's totals are the station's row, not the node's sum over every site.
      totals: scope ? null : figures.totals,
      rates: scope ? null : figures.rates,
      bySite: ours(figures.bySite),
      radar: ours(figures.radar),
      notes: figures.notes,
    },
    staff,
    redCases: { ...red, limit: REPORT_LIST_LIMIT },
    badRatings: { ...bad, limit: REPORT_LIST_LIMIT },
    rectification,
    complaints,
  };
}

export type MonthlyReport = Awaited<ReturnType<typeof monthlyReport>>;
