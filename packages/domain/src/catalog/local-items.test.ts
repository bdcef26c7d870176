import { describe, expect, it } from "vitest";
import {
  type ItemDefiner,
  localItemPrefix,
  localItemStreet,
  mayDefineItem,
  mayUseItemAt,
} from "./local-items";
import { parseServiceItem } from "./schema";
import { seedCatalog } from "./seed-catalog";

const X = "330106001";
const Y = "330106002";
const district: ItemDefiner = {
  kind: "district",
  siteId: "330106",
  linked: false,
  localItemsAllowed: false,
};
const street = (over: Partial<ItemDefiner> = {}): ItemDefiner => ({
  kind: "center",
  siteId: X,
  linked: true,
  localItemsAllowed: true,
  ...over,
});
const refusal = (r: ReturnType<typeof mayDefineItem>) => (r.ok ? null : r.error.code);

describe("a local item's code is namespaced by its street", () => {
  it("the street is the 9 digits in front; a district code has none", () => {
    expect(localItemStreet(`${X}-MZ-GF-001`)).toBe(X);
    expect(localItemStreet("MZ-GF-001")).toBeNull();
    expect(localItemStreet("33010600-MZ-GF-001")).toBeNull();
    expect(localItemPrefix(X)).toBe("330106001-");
  });

  it("the item schema takes both forms, and nothing else", () => {
    const base = seedCatalog.items[0];
    if (!base) throw new Error("empty seed catalog");
    expect(parseServiceItem({ ...base, code: `${X}-MZ-GF-901` }).ok).toBe(true);
    const bad = parseServiceItem({ ...base, code: `x${X}-MZ-GF-901` });
    expect(bad.ok ? null : bad.error.field).toBe("code");
  });

  it("a local code can never equal a district code or another street's", () => {
    const codes = [`${X}-MZ-GF-001`, `${Y}-MZ-GF-001`, "MZ-GF-001"];
    expect(new Set(codes.map(localItemStreet)).size).toBe(3);
  });
});

describe("who may define an item", () => {
  it("the district defines district items, never a street's local item", () => {
    expect(mayDefineItem(district, "MZ-GF-001")).toEqual({ ok: true, value: "district" });
    expect(refusal(mayDefineItem(district, `${X}-MZ-GF-001`))).toBe("NOT_ALLOWED");
  });

  it("a street allowed by its district defines local items in its own namespace only", () => {
    expect(mayDefineItem(street(), `${X}-MZ-GF-001`)).toEqual({ ok: true, value: "local" });
    const theirs = mayDefineItem(street(), `${Y}-MZ-GF-001`, "item.code");
    expect(theirs.ok ? null : [theirs.error.code, theirs.error.field]).toEqual([
      "NOT_ALLOWED",
      "item.code",
    ]);
    const districts = mayDefineItem(street(), "MZ-GF-001");
    expect(districts.ok ? null : districts.error.code).toBe("NOT_ELIGIBLE");
    // The refusal tells the street how its own codes start.
    expect(districts.ok ? "" : districts.error.zh).toContain("330106001-");
  });

  it("a street the district does not allow defines nothing", () => {
    const no = street({ localItemsAllowed: false });
    expect(refusal(mayDefineItem(no, `${X}-MZ-GF-001`))).toBe("NOT_ELIGIBLE");
    expect(refusal(mayDefineItem(no, "MZ-GF-001"))).toBe("NOT_ELIGIBLE");
  });

  it("a street with no district keeps its own 清单, but still not another street's items", () => {
    const alone = street({ linked: false, localItemsAllowed: false });
    expect(mayDefineItem(alone, "MZ-GF-001")).toEqual({ ok: true, value: "district" });
    expect(mayDefineItem(alone, `${X}-MZ-GF-001`).ok).toBe(true);
    expect(refusal(mayDefineItem(alone, `${Y}-MZ-GF-001`))).toBe("NOT_ALLOWED");
  });

  it("a station defines nothing", () => {
    const st: ItemDefiner = { ...street(), kind: "station", siteId: `${X}001` };
    expect(refusal(mayDefineItem(st, `${X}-MZ-GF-001`))).toBe("NOT_ALLOWED");
  });
});

describe("where a local item may be used", () => {
  it("a district item anywhere; a local item at its street's center and stations only", () => {
    expect(mayUseItemAt(`${Y}001`, "MZ-GF-001")).toBe(true);
    expect(mayUseItemAt(X, `${X}-MZ-GF-001`)).toBe(true);
    expect(mayUseItemAt(`${X}002`, `${X}-MZ-GF-001`)).toBe(true);
    expect(mayUseItemAt(`${Y}001`, `${X}-MZ-GF-001`)).toBe(false);
    expect(mayUseItemAt(Y, `${X}-MZ-GF-001`)).toBe(false);
    expect(mayUseItemAt("330106", `${X}-MZ-GF-001`)).toBe(false);
  });
});
