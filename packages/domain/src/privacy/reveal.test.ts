import { describe, expect, it } from "vitest";
import type { Role } from "../case/types";
import { type RevealTarget, revealRefusal } from "./reveal";

const STATION_A = "330106001001";
const STATION_B = "330106002001";
const CENTER = "330106001000";
const at = (role: Role, siteId: string) => ({ role, siteId });
const open: RevealTarget = {
  status: "ACCEPTED",
  originSiteId: STATION_A,
  handlingSiteId: CENTER,
  pickupSiteId: null,
};
const closed: RevealTarget = { ...open, status: "COMPLETED" };

describe("who may reveal a full ID number (查看完整证件号)", () => {
  it("a helper: only open cases their station started, handles or hands over", () => {
    expect(revealRefusal(at("helper", STATION_A), "station", open)).toBeNull();
    expect(revealRefusal(at("helper", STATION_A), "station", closed)?.field).toBe("caseId");
    expect(revealRefusal(at("helper", STATION_B), "station", open)?.code).toBe("NOT_ALLOWED");
    const pickup = { ...open, pickupSiteId: STATION_B };
    expect(revealRefusal(at("station_lead", STATION_B), "station", pickup)).toBeNull();
  });

  it("back office: at the hub only, open or closed", () => {
    expect(revealRefusal(at("reviewer", CENTER), "hub", closed)).toBeNull();
    expect(revealRefusal(at("center_lead", CENTER), "hub", open)).toBeNull();
    expect(revealRefusal(at("reviewer", CENTER), "station", open)?.code).toBe("NOT_ALLOWED");
    expect(revealRefusal(at("district_admin", "330106"), "hub", open)?.code).toBe("NOT_ALLOWED");
  });
});
