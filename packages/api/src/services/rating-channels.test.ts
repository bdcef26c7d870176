import { describe, expect, it } from "vitest";
import { channelMix } from "./rating-channels";

const names = [
  { siteId: "330106001", name: "北山街道便民服务中心" },
  { siteId: "330106001001", name: "宝石社区" },
];

describe("the mix of rating channels on the dashboard", () => {
  it("扫码评价: counts per channel per site, with each site's total and its share by QR", () => {
    const mix = channelMix(
      [
        { siteId: "330106001001", channel: "offline", count: 3 },
        { siteId: "330106001001", channel: "qr", count: 1 },
        { siteId: "330106001", channel: "qr", count: 2 },
      ],
      names,
    );
    expect(mix.channels).toEqual(["offline", "online", "qr"]);
    expect(mix.bySite).toEqual([
      {
        siteId: "330106001",
        name: "北山街道便民服务中心",
        counts: { offline: 0, online: 0, qr: 2 },
        total: 2,
        qrShare: 1,
      },
      {
        siteId: "330106001001",
        name: "宝石社区",
        counts: { offline: 3, online: 0, qr: 1 },
        total: 4,
        qrShare: 0.25,
      },
    ]);
    expect(mix.totals).toEqual({
      counts: { offline: 3, online: 0, qr: 3 },
      total: 6,
      qrShare: 0.5,
    });
  });

  it("no ratings: no rows, and no share rather than a made-up zero", () => {
    expect(channelMix([], names)).toEqual({
      channels: ["offline", "online", "qr"],
      bySite: [],
      totals: { counts: { offline: 0, online: 0, qr: 0 }, total: 0, qrShare: null },
    });
  });

  it("a site this hub has no name for is listed by its code", () => {
    const mix = channelMix([{ siteId: "330106001009", channel: "offline", count: 1 }], names);
    expect(mix.bySite[0]?.name).toBe("330106001009");
  });
});
