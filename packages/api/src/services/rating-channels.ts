import { type DashboardPeriod, ratingChannelsBySite, type SiteChannelCount } from "@bangban/db";
import { type RatingChannel, ratingChannelSchema } from "@bangban/domain";
import type { ApiContext } from "../context";

type Counts = Record<RatingChannel, number>;

const zero = (): Counts =>
  Object.fromEntries(ratingChannelSchema.options.map((c) => [c, 0])) as Counts;

/** Counts, their sum, and the share given by QR (null when there is nothing to share). */
function row(counts: Counts) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { counts, total, qrShare: total === 0 ? null : counts.qr / total };
}

/**
 * The mix of rating channels (线下 / 线上 / 扫码) per site and over all: how much of the 好差评
 * came from the resident's own phone, never through the helper's hands. Pure: `rows` from
 * ratingChannelsBySite, `sites` for the names.
 */
export function channelMix(
  rows: readonly SiteChannelCount[],
  sites: readonly { siteId: string; name: string }[],
) {
  const names = new Map(sites.map((s) => [s.siteId, s.name]));
  const bySite = new Map<string, Counts>();
  const totals = zero();
  for (const r of rows) {
    const counts = bySite.get(r.siteId) ?? zero();
    counts[r.channel] += r.count;
    totals[r.channel] += r.count;
    bySite.set(r.siteId, counts);
  }
  return {
    channels: [...ratingChannelSchema.options],
    bySite: [...bySite]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([siteId, counts]) => ({ siteId, name: names.get(siteId) ?? siteId, ...row(counts) })),
    totals: row(totals),
  };
}

/** The dashboard's channel mix for the period (cases submitted within it, as its other figures). */
export async function ratingChannelMix(
  ctx: ApiContext,
  period: DashboardPeriod,
  sites: readonly { siteId: string; name: string }[],
) {
  return channelMix(await ratingChannelsBySite(ctx.services.db, period), sites);
}
