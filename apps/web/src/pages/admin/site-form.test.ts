import { describe, expect, it } from "vitest";
import { hasLocalItemsSwitch, siteKindOfCode } from "./site-form";

describe("a new site's division code", () => {
  it("names the kind of site by its length", () => {
    expect(siteKindOfCode("330106")).toBe("district");
    expect(siteKindOfCode(" 330106001 ")).toBe("center");
    expect(siteKindOfCode("330106001003")).toBe("station");
    expect(siteKindOfCode("3301060010")).toBeNull();
    expect(siteKindOfCode("33010600100A")).toBeNull();
    expect(siteKindOfCode(undefined)).toBeNull();
  });
});

describe("the district's switch for a street's local 事项", () => {
  it("is on a street's row, at a district node only", () => {
    expect(hasLocalItemsSwitch("district", { kind: "center" })).toBe(true);
    expect(hasLocalItemsSwitch("district", { kind: "station" })).toBe(false);
    expect(hasLocalItemsSwitch("district", { kind: "district" })).toBe(false);
    expect(hasLocalItemsSwitch("center", { kind: "center" })).toBe(false);
    expect(hasLocalItemsSwitch(undefined, { kind: "center" })).toBe(false);
  });
});
