import {
  bulkCountsBySender,
  caseCountsBySite,
  caseCountsByStreet,
  type DashboardPeriod,
  holdsComplaints,
  listCases,
  listReportedSync,
  listSites,
  listStreetSync,
  rectificationCountsBySite,
  rectificationCountsByStreet,
  type Site,
  type SiteCaseCounts,
  type SiteRectificationCounts,
  substantiatedComplaintsByStreet,
} from "@bangban/db";
import { DomainError, isCenterCode, isStationCode } from "@bangban/domain";
import type { ApiContext } from "../context";
import { type AuthedContext, todayOf } from "./case-commands";
import { complaintRateFigure, substantiatedBySite } from "./complaint-figures";
import { radarOf, rates, sumCounts, sumRect } from "./dashboard";
import { staffFigures } from "./reports/staff-figures";
import { listRow, syncStateOf } from "./views";

/**
 * The district administrator's screens: figures per street, station and staff member across
 * the district, the radar across streets, red cases anywhere and each node's data freshness.
 * Every figure is the hub dashboard's (`rates`, `radarOf`, the same credit rules in SQL),
 * grouped one level up: a site's street is its first 9 digits.
 */

/** A site's street: its first 9 digits (DOMAIN §7: a station's 12-digit code extends it). */
export function streetOf(siteId: string): string {
  return siteId.slice(0, 9);
}

/** Only a district node holds every street's cases: elsewhere these figures would be partial. */
export function requireDistrict(ctx: ApiContext): void {
  if (ctx.services.site.kind === "district") return;
  throw new DomainError({
    code: "NOT_ALLOWED",
    field: "site",
    zh: "区级汇总只在区级节点提供；本街道的数字请看数据看板",
    en: "District figures are served by the district node only",
  });
}

/** The last exchange of a node, push or pull (a round pushes first, pulls once acknowledged). */
function lastExchange(...at: (string | null | undefined)[]): string | null {
  return (
    at
      .filter((t): t is string => !!t)
      .sort()
      .at(-1) ?? null
  );
}

function minutesSince(now: Date, at: string | null): number | null {
  return at === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / 60_000));
}

const EMPTY: Omit<SiteCaseCounts, "siteId"> = sumCounts([]);

/**
 * Complaints stay at the street that registered them: they do not sync up to the district yet
 * (SPEC.md, "The district tier"). A district holding none shows the complaint rate as not
 * collected ("—"), never as 0%, which would read as "no complaints".
 */
const NOT_COLLECTED = { value: null, numerator: null, denominator: null };

const complaintFigure = (substantiated: number | null, handled: number) =>
  substantiated === null ? NOT_COLLECTED : complaintRateFigure(substantiated, handled);

/** A row of figures: counts, 差评整改 counts and the five rates, each with its counts. */
function figureRow(
  c: SiteCaseCounts,
  rect: SiteRectificationCounts | undefined,
  substantiated: number | null,
) {
  return {
    ...c,
    rectification: rect ?? { siteId: c.siteId, ...sumRect([]) },
    substantiated,
    rates: { ...rates(c, rect), complaint: complaintFigure(substantiated, c.completed) },
  };
}

/** Rows for every site of the tree of one kind, zeros where it has nothing to count. */
function everySite<T extends { siteId: string }>(
  tree: readonly Site[],
  rows: readonly T[],
  ofTree: (s: Site) => boolean,
  isKind: (id: string) => boolean,
): { site: Site | null; siteId: string; row: T | undefined }[] {
  const byId = new Map(rows.map((r) => [r.siteId, r]));
  const ids = new Set([...tree.filter(ofTree).map((s) => s.id), ...rows.map((r) => r.siteId)]);
  const sites = new Map(tree.map((s) => [s.id, s]));
  return [...ids]
    .filter(isKind)
    .sort()
    .map((siteId) => ({ site: sites.get(siteId) ?? null, siteId, row: byId.get(siteId) }));
}

/**
 * Figures per street and per station across the district over the cases submitted in the
 * period, the district's totals and the radar across streets. Each street and station of the
 * site tree has a row (zeros where it has no case), so a silent one is seen, not left out.
 */
export async function districtFigures(ctx: ApiContext, period: DashboardPeriod) {
  requireDistrict(ctx);
  const { db } = ctx.services;
  const today = todayOf(ctx);
  const to = period.to ?? today;
  const [
    tree,
    byStreet,
    bySite,
    rectStreet,
    rectSite,
    complaintsStreet,
    complaintsSite,
    sync,
    collected,
  ] = await Promise.all([
    listSites(db),
    caseCountsByStreet(db, today, period),
    caseCountsBySite(db, today, period),
    rectificationCountsByStreet(db, today, period),
    rectificationCountsBySite(db, today, period),
    substantiatedComplaintsByStreet(db, period.from ?? "0000-01-01", to),
    substantiatedBySite(db, period, today),
    listStreetSync(db),
    holdsComplaints(db),
  ]);
  const complaintsOf = (m: Map<string, number>, id: string) =>
    collected ? (m.get(id) ?? 0) : null;
  const names = new Map(tree.map((s) => [s.id, s.name]));
  const syncBy = new Map(sync.map((s) => [s.siteId, s]));
  const rectStreetBy = new Map(rectStreet.map((r) => [r.siteId, r]));
  const rectSiteBy = new Map(rectSite.map((r) => [r.siteId, r]));
  const streets = everySite(tree, byStreet, (s) => s.kind === "center", isCenterCode).map(
    ({ siteId, row }) => {
      const st = syncBy.get(siteId);
      return {
        ...figureRow(
          row ?? { siteId, ...EMPTY },
          rectStreetBy.get(siteId),
          complaintsOf(complaintsStreet, siteId),
        ),
        name: names.get(siteId) ?? siteId,
        /** When the district last exchanged cases with the street; null: never. */
        dataAsOf: lastExchange(st?.lastPushAt, st?.lastPullAt),
      };
    },
  );
  const stations = everySite(tree, bySite, (s) => s.kind === "station", isStationCode).map(
    ({ siteId, row }) => ({
      ...figureRow(
        row ?? { siteId, ...EMPTY },
        rectSiteBy.get(siteId),
        complaintsOf(complaintsSite, siteId),
      ),
      name: names.get(siteId) ?? siteId,
      streetId: streetOf(siteId),
      streetName: names.get(streetOf(siteId)) ?? streetOf(siteId),
    }),
  );
  const totals = sumCounts(byStreet);
  const rectTotals = sumRect(rectStreet);
  const substantiated = collected
    ? [...complaintsStreet.values()].reduce((a, b) => a + b, 0)
    : null;
  return {
    asOf: ctx.services.clock().toISOString(),
    today,
    period: { from: period.from ?? null, to: period.to ?? null },
    totals,
    rectification: rectTotals,
    rates: {
      ...rates(totals, rectTotals),
      complaint: complaintFigure(substantiated, totals.completed),
    },
    streets,
    stations,
    radar: streets.map((s) => radarOf(s, s.rectification, s, s.substantiated)),
  };
}

/**
 * Figures per staff member across the district (the hub's staff figures: each case at its
 * 办理人), with the street and site names and the complaint rate beside the others.
 */
export async function districtStaffFigures(ctx: AuthedContext, period: DashboardPeriod) {
  requireDistrict(ctx);
  const [figures, tree, collected] = await Promise.all([
    staffFigures(ctx, period),
    listSites(ctx.services.db),
    holdsComplaints(ctx.services.db),
  ]);
  const names = new Map(tree.map((s) => [s.id, s.name]));
  return {
    ...figures,
    rows: figures.rows.map((r) => {
      const streetId = r.siteId === null ? null : streetOf(r.siteId);
      return {
        ...r,
        siteName: r.siteId === null ? null : (names.get(r.siteId) ?? r.siteId),
        streetId,
        streetName: streetId === null ? null : (names.get(streetId) ?? streetId),
        rates: {
          ...r.rates,
          complaint: complaintFigure(
            collected ? (r.extra.substantiatedComplaints ?? 0) : null,
            r.completed,
          ),
        },
      };
    }),
  };
}

/** Which red cases to list: the colour, and optionally one street and/or one of its sites. */
export interface RedCaseQuery {
  colour: "red" | "yellow";
  streetId?: string;
  siteId?: string;
  limit: number;
  offset: number;
}

/**
 * The sites a red-list filter means, as the case list reads them (origin, handling or pick-up
 * site): one site, or a street's center and stations; undefined for the whole district.
 */
function sitesOf(tree: readonly Site[], q: RedCaseQuery): string[] | undefined {
  if (q.siteId && q.streetId && streetOf(q.siteId) !== q.streetId) {
    throw new DomainError({
      code: "OUT_OF_RANGE",
      field: "siteId",
      zh: `站点 ${q.siteId} 不属于街道 ${q.streetId}`,
      en: `Site ${q.siteId} is not in street ${q.streetId}`,
    });
  }
  if (q.siteId) return [q.siteId];
  if (q.streetId) {
    const street = q.streetId;
    return [
      street,
      ...tree.filter((s) => s.id !== street && streetOf(s.id) === street).map((s) => s.id),
    ];
  }
  return undefined;
}

/**
 * Red cases anywhere in the district, as the hub's case list colours them: 超期 (red: past the
 * due day) or 临近超期 (yellow: inside the warning days), earliest due first, each with its
 * street; the count of each colour in the same scope beside them.
 */
export async function districtRedCases(ctx: ApiContext, q: RedCaseQuery) {
  requireDistrict(ctx);
  const { db } = ctx.services;
  const today = todayOf(ctx);
  const tree = await listSites(db);
  const siteIds = sitesOf(tree, q);
  const scope = { siteIds, today, open: true };
  const [page, red, yellow] = await Promise.all([
    listCases(db, { ...scope, colour: q.colour, orderBy: "due", limit: q.limit, offset: q.offset }),
    listCases(db, { ...scope, colour: "red", limit: 1 }),
    listCases(db, { ...scope, colour: "yellow", limit: 1 }),
  ]);
  const names = new Map(tree.map((s) => [s.id, s.name]));
  const calendar = ctx.services.calendar.get();
  return {
    today,
    total: page.total,
    counts: { red: red.total, yellow: yellow.total },
    rows: page.rows.map((p) => ({
      ...listRow(p, today, calendar),
      // As the hub's case list: a hub has nothing of its own waiting to be sent.
      syncState: syncStateOf(null, p.caseId),
      streetId: streetOf(p.handlingSiteId),
      streetName: names.get(streetOf(p.handlingSiteId)) ?? streetOf(p.handlingSiteId),
      handlingSiteName: names.get(p.handlingSiteId) ?? p.handlingSiteId,
      originSiteName: names.get(p.originSiteId) ?? p.originSiteId,
    })),
  };
}

/**
 * Data freshness per node: each street's last exchange with the district (its `stations` row)
 * and each station's last exchange with its street, as the street reported it, with how old
 * the report is. Every street and station of the site tree is listed; never: null.
 */
export async function districtFreshness(ctx: ApiContext) {
  requireDistrict(ctx);
  const { db } = ctx.services;
  const now = ctx.services.clock();
  const [tree, streets, reported, bulk] = await Promise.all([
    listSites(db),
    listStreetSync(db),
    listReportedSync(db),
    bulkCountsBySender(db),
  ]);
  const names = new Map(tree.map((s) => [s.id, s.name]));
  const streetBy = new Map(streets.map((s) => [s.siteId, s]));
  const reportBy = new Map(reported.map((r) => [r.siteId, r]));
  return {
    asOf: now.toISOString(),
    streets: everySite(tree, streets, (s) => s.kind === "center", isCenterCode).map(
      ({ siteId }) => {
        const st = streetBy.get(siteId);
        const dataAsOf = lastExchange(st?.lastPushAt, st?.lastPullAt);
        return {
          siteId,
          name: names.get(siteId) ?? siteId,
          enrolled: st !== undefined,
          revoked: st?.revokedAt != null,
          lastSeenAt: st?.lastSeenAt ?? null,
          lastPushAt: st?.lastPushAt ?? null,
          lastPullAt: st?.lastPullAt ?? null,
          dataAsOf,
          minutesSinceData: minutesSince(now, dataAsOf),
          // Its bulk catch-up (SPEC.md): cases counted by the street's claim until verified.
          bulk: bulk.get(siteId) ?? { waiting: 0, verified: 0, refused: 0 },
        };
      },
    ),
    stations: everySite(tree, reported, (s) => s.kind === "station", isStationCode).map(
      ({ siteId }) => {
        const r = reportBy.get(siteId);
        const dataAsOf = lastExchange(r?.lastPushAt, r?.lastPullAt);
        return {
          siteId,
          name: names.get(siteId) ?? siteId,
          streetId: streetOf(siteId),
          streetName: names.get(streetOf(siteId)) ?? streetOf(siteId),
          lastSeenAt: r?.lastSeenAt ?? null,
          lastPushAt: r?.lastPushAt ?? null,
          lastPullAt: r?.lastPullAt ?? null,
          /** The station's last exchange with its street, as reported; null: never or unknown. */
          dataAsOf,
          minutesSinceData: minutesSince(now, dataAsOf),
          /** When its street sent the report (the street's clock); null: no report yet. */
          reportedAt: r?.reportedAt ?? null,
          reportMinutes: minutesSince(now, r?.reportedAt ?? null),
        };
      },
    ),
  };
}
