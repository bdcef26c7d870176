import type { Figures } from "../../api/types";
import type { MessageKey } from "../../i18n/zh";

export type ChannelMix = Figures["ratingChannels"];
export type Channel = ChannelMix["channels"][number];

/** The label of each rating channel. */
export const CHANNEL_LABELS: Readonly<Record<Channel, MessageKey>> = {
  offline: "channel.offline",
  online: "channel.online",
  qr: "channel.qr",
};

/**
 * The channel columns to show: the counter's and the QR code's always (a zero there is news),
 * 线上 only when this district records online ratings at all.
 */
export function shownChannels(mix: ChannelMix): Channel[] {
  return mix.channels.filter((c) => c !== "online" || mix.totals.counts[c] > 0);
}

/** One table row: a site, or the total over all sites (key "total", no site name). */
export interface ChannelRow {
  key: string;
  name: string | null;
  counts: Record<Channel, number>;
  total: number;
  qrShare: number | null;
}

/** The sites' rows, then the total row; no rows at all when nothing was rated. */
export function channelRows(mix: ChannelMix): ChannelRow[] {
  if (mix.totals.total === 0) return [];
  return [
    ...mix.bySite.map((s) => ({ key: s.siteId, ...s })),
    { key: "total", name: null, ...mix.totals },
  ];
}
