import {
  caseCountsByDay,
  caseCountsByHour,
  caseCountsByItem,
  caseCountsBySite,
  type DashboardPeriod,
  listSites,
  listStations,
  rectificationCountsBySite,
  type SiteCaseCounts,
  type SiteRectificationCounts,
} from "@bangban/db";
import {
  activeRatingRate,
  addDays,
  onTimeRate,
  RATING_LEVELS,
  type RatingLevel,
  ratingLevelLabels,
  rectificationRate,
  satisfactionRate,
} from "@bangban/domain";
import type { ApiContext } from "../context";
import { todayOf } from "./case-commands";
import { complaintRateFigure, noComplaintRate, substantiatedBySite } from "./complaint-figures";
import { ratingChannelMix } from "./rating-channels";

/** Why a figure is null: the data it needs is not recorded yet (we do not invent numbers). */
export const NOT_RECORDED = {} as const;

/** One row of counts (a site's, a staff member's, the totals). */
export type Counts = Omit<SiteCaseCounts, "siteId">;

const ZERO: Counts = {
  received: 0,
  open: 0,
  completed: 0,
  withVerdict: 0,
  onTime: 0,
  overdueOpen: 0,
  overdueFinished: 0,
  ratedCompleted: 0,
  terminated: 0,
  levels: [0, 0, 0, 0, 0],
};

/** The counts of several rows added up (a total, a street's sites). */
export function sumCounts(rows: readonly Counts[]): Counts {
  return rows.reduce<Counts>(
    (t, r) => ({
      received: t.received + r.received,
      open: t.open + r.open,
      completed: t.completed + r.completed,
      withVerdict: t.withVerdict + r.withVerdict,
      onTime: t.onTime + r.onTime,
      overdueOpen: t.overdueOpen + r.overdueOpen,
      overdueFinished: t.overdueFinished + r.overdueFinished,
      ratedCompleted: t.ratedCompleted + r.ratedCompleted,
      terminated: t.terminated + r.terminated,
      levels: t.levels.map((n, i) => n + (r.levels[i] ?? 0)) as Counts["levels"],
    }),
    ZERO,
  );
}

/** The domain's metric functions take one entry per case; counts are expanded to match. */
function levelsOf(c: Counts): RatingLevel[] {
  return RATING_LEVELS.flatMap((l) => Array<RatingLevel>(c.levels[l - 1] ?? 0).fill(l));
}

function verdictsOf(c: Counts): { onTime: boolean }[] {
  return Array.from({ length: c.withVerdict }, (_, i) => ({ onTime: i < c.onTime }));
}

export type RectCounts = Omit<SiteRectificationCounts, "siteId">;
const NO_RECT: RectCounts = { bad: 0, closed: 0, realName: 0, calledBack: 0, open: 0, overdue: 0 };

export function sumRect(rows: readonly RectCounts[]): RectCounts {
  return rows.reduce<RectCounts>(
    (t, r) => ({
      bad: t.bad + r.bad,
      closed: t.closed + r.closed,
      realName: t.realName + r.realName,
      calledBack: t.calledBack + r.calledBack,
      open: t.open + r.open,
      overdue: t.overdue + r.overdue,
    }),
    NO_RECT,
  );
}

/**
 * 差评整改率 = closed ÷ 差评 and 回访率 = 实名差评 called back ÷ 实名差评, from the rectification
 * records (credited to the site answering for each 差评; an upheld appeal counts in neither).
 */
function rectificationRates(r: RectCounts) {
  return {
    rectification: {
      value: rectificationRate(r.closed, r.bad),
      numerator: r.closed,
      denominator: r.bad,
    },
    callback: {
      value: rectificationRate(r.calledBack, r.realName),
      numerator: r.calledBack,
      denominator: r.realName,
    },
  };
}

/** 按时办结率, 满意率, 主动评价率, 差评整改率 and 回访率 with what they are counted from. */
export function rates(c: Counts, rect: RectCounts = NO_RECT) {
  const rated = c.levels.reduce((a, b) => a + b, 0);
  const bad = c.levels[0] + c.levels[1];
  return {
    onTime: { value: onTimeRate(verdictsOf(c)), numerator: c.onTime, denominator: c.withVerdict },
    satisfaction: {
      value: satisfactionRate(levelsOf(c)),
      numerator: rated - bad,
      denominator: rated,
    },
    activeRating: {
      value: activeRatingRate(c.ratedCompleted, c.completed),
      numerator: c.ratedCompleted,
      denominator: c.completed,
    },
    ...rectificationRates(rect),
  };
}

/**
 * How current each site's cases are at this hub: live for the hub's own; for a station, its
 * last successful exchange, push or pull, empty or not. A round pushes first and pulls only
 * once the hub acknowledged the push, so a station with nothing to send is as fresh as its
 * last pull.
 */
async function freshness(ctx: ApiContext) {
  const { db, site } = ctx.services;
  const now = ctx.services.clock();
  const [sites, stations] = await Promise.all([listSites(db), listStations(db)]);
  const byId = new Map(stations.map((s) => [s.siteId, s]));
  return sites.map((s) => {
    const st = byId.get(s.id);
    const exchanged = [st?.lastPushAt, st?.lastPullAt].filter((t): t is string => !!t).sort();
    const dataAsOf = s.id === site.id ? now.toISOString() : (exchanged.at(-1) ?? null);
    return {
      siteId: s.id,
      name: s.name,
      kind: s.kind,
      enrolled: st !== undefined,
      revoked: st?.revokedAt != null,
      lastSeenAt: st?.lastSeenAt ?? null,
      lastPushAt: st?.lastPushAt ?? null,
      lastPullAt: st?.lastPullAt ?? null,
      /** When the hub last received this site's cases; null: never (figures lack its cases). */
      dataAsOf,
      hoursSinceData:
        dataAsOf === null ? null : Math.floor((now.getTime() - Date.parse(dataAsOf)) / 3600_000),
    };
  });
}

/** Every day of the window, zero where no case was submitted. */
function filledDays(rows: { day: string; count: number }[], from: string, to: string) {
  const counts = new Map(rows.map((r) => [r.day, r.count]));
  const out: { day: string; count: number }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ day: d, count: counts.get(d) ?? 0 });
  return out;
}

/**
 * The district administrator's figures over the cases this hub holds, submitted within the
 * period (`byDay` always covers the 30 days ending at `to`, or today). Each site figure is
 * counted at the site it belongs to (caseCountsBySite): 收件 at the intake site, 办结 at the
 * completing site, a rating where it was given; each site row says how fresh its data is.
 * 按时办结率 is counted against the promised limit (承诺时限), 超期 against the legal one
 * (法定时限: `totals.overdueOpen` + `totals.overdueFinished`).
 */
export async function dashboardFigures(ctx: ApiContext, period: DashboardPeriod) {
  const { db } = ctx.services;
  const today = todayOf(ctx);
  const dayTo = period.to ?? today;
  const dayFrom = addDays(dayTo, -29);
  const [bySite, byItem, byDay, byHour, fresh, rectBySite, complaints] = await Promise.all([
    caseCountsBySite(db, today, period),
    caseCountsByItem(db, period),
    caseCountsByDay(db, { from: dayFrom, to: dayTo }),
    caseCountsByHour(db, period),
    freshness(ctx),
    rectificationCountsBySite(db, today, period),
    substantiatedBySite(db, period, today),
  ]);
  const substantiated = (siteId: string) => complaints.get(siteId) ?? 0;
  const allSubstantiated = [...complaints.values()].reduce((a, b) => a + b, 0);
  const freshBy = new Map(fresh.map((f) => [f.siteId, f]));
  const rectBy = new Map(rectBySite.map((r) => [r.siteId, r]));
  const totals = sumCounts(bySite);
  const rectTotals = sumRect(rectBySite);
  const hours = new Map(byHour.map((h) => [h.hour, h.count]));
  return {
    asOf: ctx.services.clock().toISOString(),
    today,
    period: { from: period.from ?? null, to: period.to ?? null },
    totals,
    /** 差评整改: counts over the period's 差评 (open, overdue on `today`, closed, called back). */
    rectification: rectTotals,
    rates: {
      ...rates(totals, rectTotals),
      complaint: complaintRateFigure(allSubstantiated, totals.completed),
    },
    ratingLevels: RATING_LEVELS.map((l) => ({
      level: l,
      label: ratingLevelLabels[l],
      count: totals.levels[l - 1] ?? 0,
    })),
    byItem,
    bySite: bySite.map((s) => ({
      ...s,
      name: freshBy.get(s.siteId)?.name ?? s.siteId,
      dataAsOf: freshBy.get(s.siteId)?.dataAsOf ?? null,
      rectification: rectBy.get(s.siteId) ?? { siteId: s.siteId, ...NO_RECT },
      rates: {
        ...rates(s, rectBy.get(s.siteId)),
        complaint: complaintRateFigure(substantiated(s.siteId), s.completed),
      },
    })),
    byDay: filledDays(byDay, dayFrom, dayTo),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, count: hours.get(hour) ?? 0 })),
    radar: bySite.map((s) =>
      radarOf(s, rectBy.get(s.siteId), freshBy.get(s.siteId), substantiated(s.siteId)),
    ),
    notes: NOT_RECORDED,
    freshness: fresh,
    ratingChannels: await ratingChannelMix(ctx, period, fresh),
  };
}

/** The five dimensions of the efficiency radar (DOMAIN §5); null where not computable. */
export function radarOf(
  s: SiteCaseCounts,
  rect: RectCounts | undefined,
  f: { name: string; dataAsOf: string | null } | undefined,
  /** Null: the node does not hold the complaints (a district), so the dimension is unknown. */
  substantiated: number | null,
) {
  const r = rates(s, rect);
  return {
    siteId: s.siteId,
    name: f?.name ?? s.siteId,
    dataAsOf: f?.dataAsOf ?? null,
    onTimeRate: r.onTime.value,
    satisfactionRate: r.satisfaction.value,
    /** 1 − complaint rate (substantiated complaints about the site ÷ its 办结 cases). */
    noComplaintRate: substantiated === null ? null : noComplaintRate(substantiated, s.completed),
    activeRatingRate: r.activeRating.value,
    rectificationRate: r.rectification.value,
  };
}
