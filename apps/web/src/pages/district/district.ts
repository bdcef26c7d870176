import type { MessageKey } from "../../i18n/zh";
import { type FreshLevel, freshLevelOf, percentText } from "../dashboard/figures";

/** A rate as the server sends it: the value and what it is counted from. */
export interface Rate {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** The five rates the district ranks by (DOMAIN §5–6). */
export type RankKey = "onTime" | "satisfaction" | "activeRating" | "rectification" | "complaint";

export const RANK_KEYS: readonly { key: RankKey; title: MessageKey }[] = [
  { key: "onTime", title: "dashboard.radar.onTime" },
  { key: "satisfaction", title: "dashboard.rate.satisfaction" },
  { key: "activeRating", title: "dashboard.rate.activeRating" },
  { key: "rectification", title: "dashboard.rate.rectification" },
  { key: "complaint", title: "dashboard.rate.complaint" },
];

/** A complaint rate is better low; every other rate better high. */
export function higherIsBetter(key: RankKey): boolean {
  return key !== "complaint";
}

/**
 * Below this many cases behind a rate, the rate is marked: 1 of 1 is 100% and says little
 * beside 190 of 200 (the count is always shown; the mark makes it hard to miss).
 */
export const SMALL_SAMPLE = 10;

/** One line of a ranking table: a street, a station or a staff member. */
export interface RankRow {
  key: string;
  name: string;
  /** The street's name, for stations and staff. */
  street?: string;
  /** The site's name, for staff. */
  site?: string;
  /** 收件 (a site's intake) or 办件量 (a staff member's cases). */
  volume: number;
  completed: number;
  /** 超期 against the legal limit: open and finished. */
  overdue: number;
  rates: Record<RankKey, Rate>;
}

/** A rate's cell: the percentage, "n / d" beside it, and whether so few cases lie behind it. */
export function rateCell(r: Rate) {
  const known = r.value !== null;
  return {
    text: percentText(r.value),
    count: r.numerator !== null && r.denominator !== null ? `${r.numerator}/${r.denominator}` : "",
    small: known && r.denominator !== null && r.denominator < SMALL_SAMPLE,
  };
}

/**
 * Orders two rates for a table column: better first when `order` is "descend" (a column's
 * first click), a rate that cannot be computed ("—") always last whichever way, and among
 * equal rates the one with more cases behind it first.
 */
export function compareRates(
  key: RankKey,
  a: Rate,
  b: Rate,
  order: "ascend" | "descend" | null | undefined,
): number {
  if (a.value === null || b.value === null) {
    if (a.value === b.value) return 0;
    // antd reverses the result for "descend": keep "—" at the bottom both ways.
    const last = a.value === null ? 1 : -1;
    return order === "descend" ? -last : last;
  }
  const diff = higherIsBetter(key) ? a.value - b.value : b.value - a.value;
  if (diff !== 0) return diff;
  return (a.denominator ?? 0) - (b.denominator ?? 0);
}

/**
 * Rows ranked by one rate, best first, with their place (equal rates share a place); rows
 * whose rate cannot be computed come last, unranked.
 */
export function rankRows<T extends RankRow>(rows: readonly T[], key: RankKey) {
  const sorted = [...rows].sort(
    (a, b) =>
      -compareRates(key, a.rates[key], b.rates[key], "descend") || a.key.localeCompare(b.key),
  );
  let place = 0;
  let previous: number | null = null;
  return sorted.map((r, i) => {
    const v = r.rates[key].value;
    if (v === null) return { ...r, rank: null };
    if (v !== previous) place = i + 1;
    previous = v;
    return { ...r, rank: place };
  });
}

interface SiteFigures {
  siteId: string;
  name: string;
  received: number;
  completed: number;
  overdueOpen: number;
  overdueFinished: number;
  rates: Record<RankKey, Rate>;
}

function siteRow(s: SiteFigures): RankRow {
  return {
    key: s.siteId,
    name: s.name,
    volume: s.received,
    completed: s.completed,
    overdue: s.overdueOpen + s.overdueFinished,
    rates: s.rates,
  };
}

/** The district's street rows as ranking rows. */
export function streetRows(streets: readonly SiteFigures[]): RankRow[] {
  return streets.map(siteRow);
}

/** The district's station rows as ranking rows, each with its street; only one street's if given. */
export function stationRows(
  stations: readonly (SiteFigures & { streetId: string; streetName: string })[],
  streetId?: string,
): RankRow[] {
  return stations
    .filter((s) => !streetId || s.streetId === streetId)
    .map((s) => ({ ...siteRow(s), street: s.streetName }));
}

interface StaffFigures {
  userId: string;
  displayName: string | null;
  siteName: string | null;
  streetId: string | null;
  streetName: string | null;
  handled: number;
  completed: number;
  overdue: number;
  rates: Record<RankKey, Rate>;
}

/** Staff rows as ranking rows, only one street's if given. */
export function staffRows(staff: readonly StaffFigures[], streetId?: string): RankRow[] {
  return staff
    .filter((s) => !streetId || s.streetId === streetId)
    .map((s) => ({
      key: s.userId,
      name: s.displayName ?? s.userId,
      street: s.streetName ?? "—",
      site: s.siteName ?? "—",
      volume: s.handled,
      completed: s.completed,
      overdue: s.overdue,
      rates: s.rates,
    }));
}

/** One node's freshness as the screen shows it. */
export interface NodeFreshness {
  level: Exclude<FreshLevel, "live">;
  minutes: number | null;
  /** Not fresh: an hour or more since its last exchange, or never. */
  stale: boolean;
}

export function nodeFreshness(minutes: number | null): NodeFreshness {
  const level = freshLevelOf(minutes);
  return { level, minutes, stale: level !== "fresh" };
}

interface StationSync {
  siteId: string;
  streetId: string;
  minutesSinceData: number | null;
  reportMinutes: number | null;
}

/**
 * A station's freshness at the district: how old its last exchange with its street was when
 * reported, and how old that report is. It is stale when either is (a street that stopped
 * reporting leaves its stations' last report standing, however good it looked).
 */
export function stationFreshnessAtDistrict<T extends StationSync>(s: T) {
  const data = nodeFreshness(s.minutesSinceData);
  const report = nodeFreshness(s.reportMinutes);
  return { ...s, data, report, stale: data.stale || report.stale };
}

/**
 * The freshness table's rows: one street's or all, only the stale ones when asked, the
 * stalest first (never before old before stale), then by site code.
 */
export function freshnessRows<T extends StationSync>(
  stations: readonly T[],
  filter: { streetId?: string; staleOnly?: boolean },
) {
  const age = (m: number | null) => (m === null ? Number.POSITIVE_INFINITY : m);
  return stations
    .filter((s) => !filter.streetId || s.streetId === filter.streetId)
    .map(stationFreshnessAtDistrict)
    .filter((s) => !filter.staleOnly || s.stale)
    .sort(
      (a, b) =>
        Math.max(age(b.minutesSinceData), age(b.reportMinutes)) -
          Math.max(age(a.minutesSinceData), age(a.reportMinutes)) ||
        a.siteId.localeCompare(b.siteId),
    );
}

/** The red list's filter as the server reads it: a station only inside the chosen street. */
export function redCasesInput(f: {
  colour: "red" | "yellow";
  streetId?: string;
  siteId?: string;
  page: number;
  pageSize: number;
}) {
  const siteId =
    f.siteId && (!f.streetId || f.siteId.startsWith(f.streetId)) ? f.siteId : undefined;
  return {
    colour: f.colour,
    ...(f.streetId ? { streetId: f.streetId } : {}),
    ...(siteId ? { siteId } : {}),
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  };
}

/** The station picker's choices: the stations of the chosen street, or every station. */
export function stationOptions(
  stations: readonly { siteId: string; name: string; streetId: string }[],
  streetId?: string,
) {
  return stations
    .filter((s) => !streetId || s.streetId === streetId)
    .map((s) => ({ value: s.siteId, label: s.name }));
}
