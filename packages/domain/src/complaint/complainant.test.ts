import { describe, expect, it } from "vitest";
import { complainantShown } from "./complainant";

/** The one rule the 投诉台账 screen and its export both show a complainant by. */
describe("complainantShown", () => {
  const district = { siteId: "330106", siteKind: "district" };
  const north = { siteId: "330106001", siteKind: "center" };
  const west = { siteId: "330106002", siteKind: "center" };
  const row = { complainant: null, complainantHidden: false, siteId: "330106001001" };

  it("masked when held, 已隐藏 to the staff complained about", () => {
    const masked = { nameMasked: "李*", phoneMasked: "139****5678" };
    expect(complainantShown({ ...row, complainant: masked, anonymous: false }, north)).toEqual({
      kind: "masked",
      text: "李*（139****5678）",
    });
    expect(complainantShown({ ...row, complainantHidden: true, anonymous: false }, north)).toEqual({
      kind: "hidden",
    });
  });

  it("匿名 where it would be held, or flagged so; 街道留存 elsewhere, also when the flag is unknown", () => {
    expect(complainantShown({ ...row, anonymous: null }, north).kind).toBe("anonymous");
    expect(complainantShown({ ...row, anonymous: true }, district).kind).toBe("anonymous");
    expect(complainantShown({ ...row, anonymous: false }, district).kind).toBe("keptAtStreet");
    expect(complainantShown({ ...row, anonymous: null }, district).kind).toBe("keptAtStreet");
    expect(complainantShown({ ...row, anonymous: false }, west).kind).toBe("keptAtStreet");
    expect(complainantShown({ ...row, anonymous: false }).kind).toBe("anonymous");
  });
});
