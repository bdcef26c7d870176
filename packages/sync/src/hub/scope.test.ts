import { describe, expect, it } from "vitest";
import { ownsActor, speaksFor, stationScope, streetScope } from "./scope";

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

describe("streetScope: which streets see a case at the district", () => {
  it("a case of one street is in that street's scope only", () => {
    expect(
      streetScope({
        originSiteId: "330106001001",
        handlingSiteId: "330106001",
        pickupSiteId: "330106001002",
      }),
    ).toEqual(["330106001"]);
  });

  it("跨街道通办: taken at a station of one street, handled and picked up in another", () => {
    expect(
      streetScope({
        originSiteId: "330106001001",
        handlingSiteId: "330106002",
        pickupSiteId: "330106002001",
      }),
    ).toEqual(["330106001", "330106002"]);
  });

  it("never names the district itself or an invalid code", () => {
    expect(
      streetScope({ originSiteId: "330106", handlingSiteId: "33010600x", pickupSiteId: null }),
    ).toEqual([]);
  });
});

describe("speaksFor and ownsActor: what a node enrolled below may claim", () => {
  const street = { siteId: "330106001", actorIds: [`3301060010000000${"a".repeat(16)}`] };
  const station = { siteId: "330106001001", actorIds: [`3301060010010000${"b".repeat(16)}`] };

  it("a station speaks for itself only", () => {
    expect(speaksFor("330106001001", "330106001001")).toBe(true);
    expect(speaksFor("330106001001", "330106001002")).toBe(false);
    expect(speaksFor("330106001001", "330106001")).toBe(false);
  });

  it("a street speaks for its center and its own stations, not another street's or the district", () => {
    expect(speaksFor("330106001", "330106001")).toBe(true);
    expect(speaksFor("330106001", "330106001002")).toBe(true);
    expect(speaksFor("330106001", "330106002001")).toBe(false);
    expect(speaksFor("330106001", "330106002")).toBe(false);
    expect(speaksFor("330106001", "330106")).toBe(false);
  });

  it("a station owns only the actors it declared", () => {
    expect(ownsActor(station, station.actorIds[0] as string)).toBe(true);
    expect(ownsActor(station, `3301060010010000${"c".repeat(16)}`)).toBe(false);
  });

  it("a street owns its own node's actors and its stations', never another street's", () => {
    expect(ownsActor(street, `3301060010000000${"1".repeat(16)}`)).toBe(true);
    expect(ownsActor(street, `3301060010020000${"2".repeat(16)}`)).toBe(true);
    expect(ownsActor(street, `3301060020010000${"3".repeat(16)}`)).toBe(false);
    expect(ownsActor(street, `3301060000000000${"4".repeat(16)}`)).toBe(false);
    // Not padded as enrolment requires, or not hex: not the street's.
    expect(ownsActor(street, `3301060010021234${"5".repeat(16)}`)).toBe(false);
    expect(ownsActor(street, `330106001002000${"z".repeat(17)}`)).toBe(false);
  });
});
