import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zh } from "../../i18n/zh";
import { purposeOf, purposeOptions, revealOffered } from "./reveal-id";

const detail = {
  status: "ACCEPTED" as const,
  originSiteId: "330106001001",
  handlingSiteId: "330106001000",
  pickupSiteId: null,
  agent: null,
};
const helper = { role: "helper" as const, siteId: "330106001001" };

describe("查看完整证件号", () => {
  it("the web app offers no way to reveal a full ID: now a link beside the masked ID", () => {
    expect(zh["case.revealId"]).toBe("查看完整证件号");
    expect(en["case.revealId"]).toBe("Show full ID number");
    expect(revealOffered(detail, helper, "station")).toBe(true);
  });

  it("is offered only where the server would allow it", () => {
    expect(revealOffered({ ...detail, status: "COMPLETED" }, helper, "station")).toBe(false);
    expect(revealOffered(detail, { role: "reviewer", siteId: "330106001000" }, "hub")).toBe(true);
    expect(revealOffered(detail, { role: "district_admin", siteId: "330106" }, "hub")).toBe(false);
  });

  it("asks a purpose from the fixed list, Chinese first", () => {
    expect(purposeOptions("zh").map((o) => o.label)).toEqual([
      "办理业务",
      "核实身份",
      "投诉处理",
      "其他",
    ]);
    expect(purposeOf({ kind: "other", note: " 家属来电 " })).toEqual({
      kind: "other",
      note: "家属来电",
    });
    expect(purposeOf({ kind: "business", note: "" })).toEqual({ kind: "business" });
  });
});
