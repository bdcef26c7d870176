import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isCenterCode,
  isDistrictCode,
  isStationCode,
  parentOf,
  parseDivisionCode,
} from "./division-code";

describe("parseDivisionCode", () => {
  it("区划代码: 6 digits is a county-level code (GB/T 2260)", () => {
    expect(parseDivisionCode("110105")).toEqual({
      ok: true,
      value: { code: "110105", level: "county", county: "110105" },
    });
  });

  it("区划代码: 9 digits adds the township (GB/T 10114) with its kind from the range", () => {
    const cases: [string, string][] = [
      ["110105001", "街道"],
      ["110105099", "街道"],
      ["110105100", "镇"],
      ["110105199", "镇"],
      ["110105200", "乡"],
      ["110105399", "乡"],
      ["110105400", "政企合一"],
      ["110105599", "政企合一"],
    ];
    for (const [code, kind] of cases) {
      const r = parseDivisionCode(code);
      expect(r.ok && r.value.streetKind).toBe(kind);
      expect(r.ok && r.value.level).toBe("street");
      expect(r.ok && r.value.street).toBe(code);
    }
  });

  it("区划代码: 12 digits adds the village level: 001–199 居委会, 200–399 村委会", () => {
    expect(parseDivisionCode("110105001001")).toEqual({
      ok: true,
      value: {
        code: "110105001001",
        level: "community",
        county: "110105",
        street: "110105001",
        streetKind: "街道",
        community: "110105001001",
        communityKind: "居委会",
      },
    });
    const v = parseDivisionCode("441900101200");
    expect(v.ok && v.value.communityKind).toBe("村委会");
  });

  it("区划代码: township suffix 000 and 600–999 are out of range", () => {
    for (const code of ["110105000", "110105600", "110105999"]) {
      const r = parseDivisionCode(code, "center.code");
      expect(!r.ok && r.error.code).toBe("OUT_OF_RANGE");
      expect(!r.ok && r.error.field).toBe("center.code");
      expect(!r.ok && r.error.zh).toContain("001–599");
    }
  });

  it("区划代码: village suffix 000 and 400–999 are out of range", () => {
    for (const code of ["110105001000", "110105001400", "110105001999"]) {
      const r = parseDivisionCode(code);
      expect(!r.ok && r.error.code).toBe("OUT_OF_RANGE");
      expect(!r.ok && r.error.zh).toContain("001–399");
    }
  });

  it("区划代码: province part must be 11–82", () => {
    for (const code of ["000000", "100105", "830100", "990100"]) {
      const r = parseDivisionCode(code);
      expect(!r.ok && r.error.code).toBe("OUT_OF_RANGE");
    }
    expect(parseDivisionCode("820001").ok).toBe(true);
  });

  it("区划代码: a province-only code (xx0000) is not a county", () => {
    const r = parseDivisionCode("110000");
    expect(!r.ok && r.error.code).toBe("OUT_OF_RANGE");
  });

  it("区划代码: cities without counties (东莞 4419xx) have townships directly", () => {
    expect(parseDivisionCode("441900003").ok).toBe(true);
  });

  it("区划代码: length other than 6/9/12 or non-digits is INVALID_FORMAT; empty is REQUIRED", () => {
    for (const code of ["11010", "1101050", "11010500100", "11010A", "110105-001"]) {
      const r = parseDivisionCode(code);
      expect(!r.ok && r.error.code).toBe("INVALID_FORMAT");
    }
    const e = parseDivisionCode("");
    expect(!e.ok && e.error.code).toBe("REQUIRED");
    expect(!e.ok && e.error.field).toBe("divisionCode");
  });

  it("区划代码 (property): every code built from valid parts parses, and its parents chain", () => {
    const code = fc
      .tuple(
        fc.integer({ min: 11, max: 82 }),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 599 }),
        fc.integer({ min: 1, max: 399 }),
      )
      .map(([p, c, s, v]) =>
        [
          String(p),
          String(c).padStart(4, "0"),
          String(s).padStart(3, "0"),
          String(v).padStart(3, "0"),
        ].join(""),
      );
    fc.assert(
      fc.property(code, (station) => {
        expect(isStationCode(station)).toBe(true);
        const center = parentOf(station);
        expect(center).toBe(station.slice(0, 9));
        expect(isCenterCode(center ?? "")).toBe(true);
        expect(parentOf(center ?? "")).toBe(station.slice(0, 6));
        expect(parentOf(station.slice(0, 6))).toBeUndefined();
      }),
    );
  });
});

describe("center and station codes", () => {
  it("区划代码: a center is a valid 9-digit code, a station a valid 12-digit code", () => {
    expect(isCenterCode("110105001")).toBe(true);
    expect(isCenterCode("110105001001")).toBe(false);
    expect(isCenterCode("110105700")).toBe(false);
    expect(isStationCode("110105001001")).toBe(true);
    expect(isStationCode("110105001")).toBe(false);
    expect(isStationCode("110105001500")).toBe(false);
  });

  it("区划代码: the node kind follows the code — 6 digits a district, 9 a street, 12 a station", () => {
    expect(isDistrictCode("330106")).toBe(true);
    expect(isDistrictCode("330106001")).toBe(false);
    expect(isDistrictCode("33010x")).toBe(false);
    expect(isCenterCode("330106")).toBe(false);
    expect(isStationCode("330106")).toBe(false);
  });

  it("区划代码: parentOf goes station → center → county and is undefined above or when invalid", () => {
    expect(parentOf("110105001001")).toBe("110105001");
    expect(parentOf("110105001")).toBe("110105");
    expect(parentOf("110105")).toBeUndefined();
    expect(parentOf("nonsense")).toBeUndefined();
  });
});
