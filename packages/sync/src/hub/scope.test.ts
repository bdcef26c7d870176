import { describe, expect, it } from "vitest";
import { stationScope } from "./scope";

describe("stationScope: which stations see a case", () => {
  const base = { originSiteId: "330106001001", handlingSiteId: "330106001", pickupSiteId: null };

  it("the intake station sees its case; the center handling it has no feed", () => {
    expect(stationScope(base)).toEqual(["330106001001"]);
  });

  it("a case transferred to a station and picked up at another is in three stations' scope", () => {
    expect(
      stationScope({ ...base, handlingSiteId: "330106001002", pickupSiteId: "330106001003" }),
    ).toEqual(["330106001001", "330106001002", "330106001003"]);
  });

  it("names a station once, and never a district or an invalid code", () => {
    expect(
      stationScope({ ...base, handlingSiteId: "330106001001", pickupSiteId: "330106001001" }),
    ).toEqual(["330106001001"]);
    expect(stationScope({ ...base, originSiteId: "330106", pickupSiteId: "33010600100x" })).toEqual(
      [],
    );
  });
});
