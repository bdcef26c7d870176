import { describe, expect, it } from "vitest";
import { type ChannelMix, channelRows, shownChannels } from "./channel-mix";

const mix = (over: Partial<ChannelMix> = {}): ChannelMix => ({
  channels: ["offline", "online", "qr"],
  bySite: [
    {
      siteId: "330106001001",
      name: "宝石社区",
      counts: { offline: 3, online: 0, qr: 1 },
      total: 4,
      qrShare: 0.25,
    },
  ],
  totals: { counts: { offline: 3, online: 0, qr: 1 }, total: 4, qrShare: 0.25 },
  ...over,
});

describe("扫码评价: the channel mix on the dashboard", () => {
  it("shows the counter's and the QR code's columns always, 线上 only when there are online ratings", () => {
    expect(shownChannels(mix())).toEqual(["offline", "qr"]);
    const online = mix({
      totals: { counts: { offline: 3, online: 2, qr: 1 }, total: 6, qrShare: 1 / 6 },
    });
    expect(shownChannels(online)).toEqual(["offline", "online", "qr"]);
  });

  it("one row per site, then the total; no rows when nothing was rated", () => {
    const rows = channelRows(mix());
    expect(rows.map((r) => [r.key, r.name, r.total, r.qrShare])).toEqual([
      ["330106001001", "宝石社区", 4, 0.25],
      ["total", null, 4, 0.25],
    ]);
    const none = mix({
      bySite: [],
      totals: { counts: { offline: 0, online: 0, qr: 0 }, total: 0, qrShare: null },
    });
    expect(channelRows(none)).toEqual([]);
  });
});
