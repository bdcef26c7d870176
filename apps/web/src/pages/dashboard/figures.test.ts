import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/i18n-context";
import { barOption, radarOption } from "./chart-options";
import {
  agoText,
  overdueFigure,
  percentText,
  radarModel,
  rateCards,
  stationFreshness,
} from "./figures";

const t = translator("zh");

describe("the dashboard's figures", () => {
  it("shows rates with one decimal and '—' when they cannot be computed", () => {
    expect(percentText(0.875)).toBe("87.5%");
    expect(percentText(1)).toBe("100.0%");
    expect(percentText(0)).toBe("0.0%");
    expect(percentText(null)).toBe("—");
  });

  it("turns the six rates into cards, a null figure with its note", () => {
    const cards = rateCards(
      {
        onTime: { value: 0.5, numerator: 1, denominator: 2 },
        satisfaction: { value: null, numerator: 0, denominator: 0 },
        activeRating: { value: 1, numerator: 3, denominator: 3 },
        rectification: { value: 0.5, numerator: 1, denominator: 2 },
        callback: {
          value: null,
          numerator: null,
          denominator: 1,
          note: { zh: "回访尚未记录", en: "Not recorded" },
        },
        complaint: { value: 0.01, numerator: 1, denominator: 100 },
      },
      t,
      "zh",
    );
    expect(cards.map((c) => [c.key, c.text, c.count])).toEqual([
      ["onTime", "50.0%", "1 / 2"],
      ["satisfaction", "—", "0 / 0"],
      ["activeRating", "100.0%", "3 / 3"],
      ["rectification", "50.0%", "1 / 2"],
      ["callback", "—", null],
      ["complaint", "1.0%", "1 / 100"],
    ]);
    expect(cards[0]?.note).toBeNull();
    expect(cards[1]?.note).toMatch(/评价/);
    expect(cards[4]?.note).toBe("回访尚未记录");
    expect(
      rateCards(
        {
          onTime: { value: null, numerator: 0, denominator: 0 },
          satisfaction: { value: null, numerator: 0, denominator: 0 },
          activeRating: { value: null, numerator: 0, denominator: 0 },
          rectification: { value: null, numerator: 0, denominator: 0 },
          callback: {
            value: null,
            numerator: null,
            denominator: 0,
            note: { zh: "z", en: "e" },
          },
          complaint: { value: null, numerator: 0, denominator: 0 },
        },
        translator("en"),
        "en",
      )[4]?.note,
    ).toBe("e");
  });

  it("says how fresh each station's data is, the stalest first", () => {
    const base = {
      kind: "station" as const,
      enrolled: true,
      revoked: false,
      lastSeenAt: null,
      lastPushAt: null,
      lastPullAt: null,
      hoursSinceData: null,
    };
    const rows = stationFreshness(
      [
        { ...base, siteId: "A", name: "宝石", dataAsOf: "2026-11-23T05:55:00.000Z" },
        { ...base, siteId: "B", name: "西湖", dataAsOf: null, enrolled: false },
        {
          ...base,
          siteId: "C",
          name: "中心",
          kind: "center" as const,
          dataAsOf: "2026-11-23T06:00:00.000Z",
        },
        { ...base, siteId: "D", name: "古荡", dataAsOf: "2026-11-21T06:00:00.000Z" },
        { ...base, siteId: "E", name: "文新", dataAsOf: "2026-11-23T02:00:00.000Z" },
      ],
      "2026-11-23T06:00:00.000Z",
    );
    expect(rows.map((r) => [r.siteId, r.level, r.minutes])).toEqual([
      ["B", "never", null],
      ["D", "old", 2880],
      ["E", "stale", 240],
      ["A", "fresh", 5],
    ]);
    expect(agoText(5, t)).toBe("5 分钟前");
    expect(agoText(240, t)).toBe("4 小时前");
    expect(agoText(2880, t)).toBe("2 天前");
    expect(agoText(null, t)).toBe("从未同步");
  });

  it("draws the radar over the dimensions some site has, listing the others as missing", () => {
    const site = (siteId: string, onTime: number | null) => ({
      siteId,
      name: siteId,
      dataAsOf: null,
      onTimeRate: onTime,
      satisfactionRate: 0.9,
      noComplaintRate: null,
      activeRatingRate: 0.5,
      rectificationRate: null,
    });
    const none = {
      ...site("C", null),
      satisfactionRate: null,
      activeRatingRate: null,
    };
    const m = radarModel([site("A", 1), site("B", null), none]);
    expect(m.emptySites).toEqual(["C"]);
    expect(m.dims.map((d) => d.key)).toEqual([
      "onTimeRate",
      "satisfactionRate",
      "activeRatingRate",
    ]);
    expect(m.missing.map((d) => d.key)).toEqual(["noComplaintRate", "rectificationRate"]);
    expect(m.series.map((s) => s.values)).toEqual([
      [100, 90, 50],
      [null, 90, 50],
    ]);
    const option = radarOption(m, (k) => t(k));
    const series = option.series as { data: { value: number[] }[] }[];
    expect(series[0]?.data[1]?.value).toEqual([0, 90, 50]);
  });

  it("lays long names out as horizontal bars", () => {
    const o = barOption({
      categories: ["高龄津贴"],
      series: [{ name: "收件", values: [3] }],
      horizontal: true,
    });
    expect((o.yAxis as { type: string }).type).toBe("category");
    expect((o.xAxis as { type: string }).type).toBe("value");
  });
});

describe("the radar without figures", () => {
  it("has no dimension to draw when no site has any", () => {
    const m = radarModel([
      {
        siteId: "A",
        name: "A",
        dataAsOf: null,
        onTimeRate: null,
        satisfactionRate: null,
        noComplaintRate: null,
        activeRatingRate: null,
        rectificationRate: null,
      },
    ]);
    expect(m.dims).toEqual([]);
    expect(m.missing).toHaveLength(5);
  });
});

describe("超期 (against the legal limit)", () => {
  it("adds open cases past their legal due day and cases finished after it", () => {
    expect(overdueFigure({ overdueOpen: 2, overdueFinished: 1 })).toEqual({
      total: 3,
      open: 2,
      finished: 1,
    });
  });
});
