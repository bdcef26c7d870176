import { describe, expect, it } from "vitest";
import { siteKindOfCode } from "./site-form";

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
