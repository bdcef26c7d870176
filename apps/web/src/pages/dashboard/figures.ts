import type { Figures } from "../../api/types";
import type { Translate } from "../../i18n/i18n-context";
import type { Lang } from "../../i18n/lang";
import type { MessageKey } from "../../i18n/zh";

/** A rate as people read it: one decimal, or "—" when it cannot be computed. */
export function percentText(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

export type RateKey =
  | "onTime"
  | "satisfaction"
  | "activeRating"
  | "rectification"
  | "callback"
  | "complaint";

export const RATE_KEYS: readonly RateKey[] = [
  "onTime",
  "satisfaction",
  "activeRating",
  "rectification",
  "callback",
  "complaint",
];

/** Why a rate with nothing to count from is shown as "—" (the server's note when it gave one). */
const EMPTY_NOTE: Record<RateKey, MessageKey> = {
  onTime: "dashboard.note.onTime",
  satisfaction: "dashboard.note.satisfaction",
  activeRating: "dashboard.note.activeRating",
  rectification: "dashboard.note.rectification",
  callback: "dashboard.note.callback",
  complaint: "dashboard.note.complaint",
};

export interface RateCard {
  key: RateKey;
  title: MessageKey;
  text: string;
  /** "n / d" when both are known. */
  count: string | null;
  /** Why the figure is missing, in the current language; null when it is there. */
  note: string | null;
}

type Rate = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  note?: { zh: string; en: string };
};

/** The headline rates (按时办结率, 满意率, 主动评价率, 差评整改率, 回访率) as cards. */
export function rateCards(rates: Record<RateKey, Rate>, t: Translate, lang: Lang): RateCard[] {
  return RATE_KEYS.map((key) => {
    const r = rates[key];
    const known = r.value !== null && r.value !== undefined;
    return {
      key,
      title: `dashboard.rate.${key}`,
      text: percentText(r.value),
      count:
        r.numerator !== null && r.denominator !== null ? `${r.numerator} / ${r.denominator}` : null,
      note: known ? null : r.note ? r.note[lang] || r.note.zh : t(EMPTY_NOTE[key]),
    };
  });
}

export type FreshLevel = "live" | "fresh" | "stale" | "old" | "never";

export interface StationFreshness {
  siteId: string;
  name: string;
  level: FreshLevel;
  /** Minutes since the hub last received the station's cases; null: never. */
  minutes: number | null;
  revoked: boolean;
}

/** Under an hour is fresh, under a day stale, older old; null minutes: never synced. */
export function freshLevelOf(minutes: number | null): Exclude<FreshLevel, "live"> {
  return minutes === null ? "never" : minutes < 60 ? "fresh" : minutes < 24 * 60 ? "stale" : "old";
}

/**
 * How fresh each station's figures are: when the hub last received its cases (its last
 * push). Under an hour is fresh, under a day stale, older old; never synced says so.
 */
export function stationFreshness(
  freshness: Figures["freshness"],
  asOf: string,
): StationFreshness[] {
  const now = Date.parse(asOf);
  return freshness
    .filter((f) => f.kind === "station")
    .map((f) => {
      const minutes =
        f.dataAsOf === null
          ? null
          : Math.max(0, Math.floor((now - Date.parse(f.dataAsOf)) / 60_000));
      const level = freshLevelOf(minutes);
      return { siteId: f.siteId, name: f.name, level, minutes, revoked: f.revoked };
    })
    .sort(
      (a, b) => (b.minutes ?? Number.POSITIVE_INFINITY) - (a.minutes ?? Number.POSITIVE_INFINITY),
    );
}

/** "5 分钟前", "3 小时前", "2 天前", "从未同步" — how long ago, in words. */
export function agoText(minutes: number | null, t: Translate): string {
  if (minutes === null) return t("fresh.never");
  if (minutes < 1) return t("fresh.justNow");
  if (minutes < 60) return t("fresh.minutes", { n: minutes });
  if (minutes < 24 * 60) return t("fresh.hours", { n: Math.floor(minutes / 60) });
  return t("fresh.days", { n: Math.floor(minutes / (24 * 60)) });
}

export const FRESH_COLOUR: Record<FreshLevel, string> = {
  live: "success",
  fresh: "success",
  stale: "warning",
  old: "error",
  never: "default",
};

/** The radar's dimensions, with the key of its name; null dims are dropped when all sites lack them. */
export const RADAR_DIMS = [
  { key: "onTimeRate", name: "dashboard.radar.onTime" },
  { key: "satisfactionRate", name: "dashboard.radar.satisfaction" },
  { key: "noComplaintRate", name: "dashboard.radar.noComplaint" },
  { key: "activeRatingRate", name: "dashboard.radar.activeRating" },
  { key: "rectificationRate", name: "dashboard.radar.rectification" },
] as const satisfies readonly { key: string; name: MessageKey }[];

type RadarRow = Figures["radar"][number];
type RadarKey = (typeof RADAR_DIMS)[number]["key"];

/**
 * The efficiency radar: one polygon per site with a figure, over the dimensions some site has a value for
 * (a dimension nobody records is listed as missing instead of drawn as zero). A site's own
 * missing value is drawn at the centre and named "—" in the tooltip.
 */
export function radarModel(rows: readonly RadarRow[]) {
  const dims = RADAR_DIMS.filter((d) => rows.some((r) => r[d.key as RadarKey] !== null));
  const missing = RADAR_DIMS.filter((d) => !dims.includes(d));
  // A site with nothing computable is named, not drawn as a dot at the centre.
  const drawn = rows.filter((r) => dims.some((d) => r[d.key as RadarKey] !== null));
  const emptySites = rows.filter((r) => !drawn.includes(r)).map((r) => r.name);
  const series = drawn.map((r) => ({
    siteId: r.siteId,
    name: r.name,
    values: dims.map((d) => {
      const v = r[d.key as RadarKey];
      return v === null ? null : Math.round(v * 1000) / 10;
    }),
  }));
  return { dims, missing, series, emptySites };
}

/**
 * 超期, counted against the legal limit (法定时限): open cases past their legal due day and
 * cases finished after it. Items the law sets no limit for never count.
 */
export function overdueFigure(totals: { overdueOpen: number; overdueFinished: number }) {
  return {
    total: totals.overdueOpen + totals.overdueFinished,
    open: totals.overdueOpen,
    finished: totals.overdueFinished,
  };
}
