import { describe, expect, it } from "vitest";
import {
  compareRates,
  freshnessRows,
  type RankKey,
  type RankRow,
  rankRows,
  rateCell,
  redCasesInput,
  SMALL_SAMPLE,
  staffRows,
  stationOptions,
  stationRows,
} from "./district";

const rate = (numerator: number, denominator: number) => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});
const NONE = { value: null, numerator: 0, denominator: 0 };

function row(key: string, r: Partial<Record<RankKey, ReturnType<typeof rate>>>): RankRow {
  return {
    key,
    name: key,
    volume: 0,
    completed: 0,
    overdue: 0,
    rates: {
      onTime: NONE,
      satisfaction: NONE,
      activeRating: NONE,
      rectification: NONE,
      complaint: NONE,
      ...r,
    },
  };
}

describe("the ranking table", () => {
  it("ranks best first, equal rates share a place, an uncomputable rate is last and unranked", () => {
    const ranked = rankRows(
      [
        row("x", { satisfaction: rate(9, 10) }),
        row("none", {}),
        row("y", { satisfaction: rate(19, 20) }),
        row("z", { satisfaction: rate(18, 20) }),
      ],
      "satisfaction",
    );
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ["y", 1],
      // Equal at 90%: the one with more cases behind it first.
      ["z", 2],
      ["x", 2],
      ["none", null],
    ]);
  });

  it("a lower complaint rate ranks higher", () => {
    const ranked = rankRows(
      [row("many", { complaint: rate(3, 100) }), row("few", { complaint: rate(1, 100) })],
      "complaint",
    );
    expect(ranked.map((r) => r.key)).toEqual(["few", "many"]);
  });

  it("a column sorted either way keeps “—” at the bottom (antd reverses descend)", () => {
    const a = rate(1, 2);
    const asc = compareRates("onTime", NONE, a, "ascend");
    const desc = -compareRates("onTime", NONE, a, "descend");
    expect(asc).toBeGreaterThan(0);
    expect(desc).toBeGreaterThan(0);
    // Among equal rates, more cases behind it wins.
    expect(compareRates("onTime", rate(10, 20), rate(1, 2), "descend")).toBeGreaterThan(0);
  });

  it("a rate over few cases shows its count and is marked; “—” is not marked", () => {
    expect(rateCell(rate(1, 1))).toEqual({ text: "100.0%", count: "1/1", small: true });
    expect(rateCell(rate(SMALL_SAMPLE, SMALL_SAMPLE)).small).toBe(false);
    expect(rateCell(NONE)).toMatchObject({ text: "—", small: false });
  });

  it("stations of one street, each named with its street", () => {
    const s = (siteId: string, streetId: string) => ({
      siteId,
      name: siteId,
      streetId,
      streetName: `街道${streetId}`,
      received: 3,
      completed: 2,
      overdueOpen: 1,
      overdueFinished: 1,
      rates: row(siteId, {}).rates,
    });
    const rows = stationRows(
      [s("330106001001", "330106001"), s("330106002001", "330106002")],
      "330106002",
    );
    expect(rows).toEqual([
      expect.objectContaining({ key: "330106002001", street: "街道330106002", overdue: 2 }),
    ]);
    expect(stationRows([s("330106001001", "330106001")])).toHaveLength(1);
  });

  it("staff of one street; a staff member without names or site shows “—”", () => {
    const rows = staffRows([
      {
        userId: "u1",
        displayName: null,
        siteName: null,
        streetId: null,
        streetName: null,
        handled: 2,
        completed: 1,
        overdue: 0,
        rates: {
          onTime: rate(1, 1),
          satisfaction: rate(0, 1),
          activeRating: rate(1, 1),
          rectification: rate(0, 1),
          complaint: rate(0, 1),
        },
      },
    ]);
    expect(rows[0]).toMatchObject({ name: "u1", street: "—", site: "—", volume: 2 });
    expect(rows[0]?.rates.rectification).toEqual(rate(0, 1));
    expect(staffRows([], "330106001")).toEqual([]);
  });
});

describe("freshness at the district", () => {
  const st = (siteId: string, minutesSinceData: number | null, reportMinutes: number | null) => ({
    siteId,
    streetId: siteId.slice(0, 9),
    minutesSinceData,
    reportMinutes,
  });

  it("a station is stale when its data or its street's report is an hour old or more", () => {
    const rows = freshnessRows(
      [
        st("330106001001", 5, 10),
        st("330106001002", 5, 120),
        st("330106002001", 30 * 60, 5),
        st("330106002002", null, null),
      ],
      {},
    );
    expect(rows.map((r) => [r.siteId, r.stale, r.data.level, r.report.level])).toEqual([
      ["330106002002", true, "never", "never"],
      ["330106002001", true, "old", "fresh"],
      ["330106001002", true, "fresh", "stale"],
      ["330106001001", false, "fresh", "fresh"],
    ]);
  });

  it("filters by street and to the stale ones only", () => {
    const all = [st("330106001001", 5, 5), st("330106001002", 90, 5), st("330106002001", 90, 5)];
    expect(
      freshnessRows(all, { streetId: "330106001", staleOnly: true }).map((r) => r.siteId),
    ).toEqual(["330106001002"]);
  });
});

describe("the red list's filters", () => {
  it("a station outside the chosen street is dropped, not sent; pages become offsets", () => {
    expect(
      redCasesInput({
        colour: "red",
        streetId: "330106002",
        siteId: "330106001001",
        page: 3,
        pageSize: 20,
      }),
    ).toEqual({ colour: "red", streetId: "330106002", limit: 20, offset: 40 });
    expect(
      redCasesInput({ colour: "yellow", siteId: "330106001001", page: 1, pageSize: 50 }),
    ).toEqual({
      colour: "yellow",
      siteId: "330106001001",
      limit: 50,
      offset: 0,
    });
  });

  it("the station picker offers the chosen street's stations", () => {
    const stations = [
      { siteId: "330106001001", name: "宝石", streetId: "330106001" },
      { siteId: "330106002001", name: "玉泉", streetId: "330106002" },
    ];
    expect(stationOptions(stations, "330106002")).toEqual([
      { value: "330106002001", label: "玉泉" },
    ]);
    expect(stationOptions(stations)).toHaveLength(2);
  });
});
