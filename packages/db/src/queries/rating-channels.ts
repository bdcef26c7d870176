import { type RatingChannel, ratingChannelSchema } from "@bangban/domain";
import type { Db } from "../client";
import type { DashboardPeriod } from "./dashboard";

/** Ratings counted at one site on one channel (线下 / 线上 / 扫码). */
export interface SiteChannelCount {
  siteId: string;
  channel: RatingChannel;
  count: number;
}

const CHINA_DAY = "date(submitted_at, '+8 hours')";

// One row per rating of each case submitted in the period, from the projection's JSON list.
const BY_SITE_AND_CHANNEL = `SELECT json_extract(r.value, '$.siteId') AS site,
    json_extract(r.value, '$.channel') AS channel, count(*) AS n
  FROM case_projections, json_each(case_projections.rating_channels) AS r
  WHERE rating_channels IS NOT NULL
    AND (?1 IS NULL OR ${CHINA_DAY} >= ?1) AND (?2 IS NULL OR ${CHINA_DAY} <= ?2)
  GROUP BY site, channel ORDER BY site, channel`;

/**
 * The mix of rating channels: how many ratings each site received on each channel, for cases
 * submitted within the period (the same window as the dashboard's other figures). A channel
 * this build does not know (a newer node's) is left out rather than mislabelled.
 */
export async function ratingChannelsBySite(
  db: Db,
  period: DashboardPeriod = {},
): Promise<SiteChannelCount[]> {
  const { rows } = await db.client.execute({
    sql: BY_SITE_AND_CHANNEL,
    args: [period.from ?? null, period.to ?? null],
  });
  return rows.flatMap((r) => {
    const channel = ratingChannelSchema.safeParse(r.channel);
    if (!channel.success) return [];
    return [{ siteId: String(r.site), channel: channel.data, count: Number(r.n ?? 0) }];
  });
}
