import { describe, expect, it } from "vitest";
import { availableActions } from "./available-actions";

const base = {
  status: "ACCEPTED" as const,
  item: { stationMayComplete: false, kind: "PROMISED", approvalLevel: "CENTER" },
  materials: [
    { state: "provided", requirement: "mandatory" },
    { state: "missing", requirement: "conditional" },
  ],
  ratings: [],
};

describe("the buttons on a case", () => {
  it("offers a helper forward, transfer, withdraw and rating on an accepted case", () => {
    expect(availableActions(base, "helper", "station")).toEqual([
      "forward",
      "transfer",
      "withdraw",
      "rate",
    ]);
  });

  it("offers supplement when a material is deferred or missing (not a conditional one)", () => {
    const c = { ...base, materials: [{ state: "deferred", requirement: "deferrable" }] };
    expect(availableActions(c, "helper", "station")).toContain("supplement");
  });

  it("lets a helper complete an immediate item right after acceptance", () => {
    const c = { ...base, item: { ...base.item, kind: "IMMEDIATE", approvalLevel: "STATION" } };
    const actions = availableActions(c, "helper", "station");
    expect(actions).toContain("complete");
    expect(actions).not.toContain("forward");
  });

  it("keeps rejection to leads, and nothing but rating invitations off closed cases", () => {
    const submitted = { ...base, status: "SUBMITTED" as const };
    expect(availableActions(submitted, "helper", "station")).not.toContain("reject");
    expect(availableActions(submitted, "station_lead", "station")).toContain("reject");
    const done = { ...base, status: "COMPLETED" as const };
    expect(availableActions(done, "helper", "station")).toEqual(["rate"]);
    const rated = { ...done, ratings: [{ channel: "offline", stage: "completion" }] };
    expect(availableActions(rated, "helper", "station")).toEqual([]);
  });

  it("gives an administrator who only reads no buttons", () => {
    expect(availableActions(base, "district_admin", "hub")).toEqual([]);
  });
});
