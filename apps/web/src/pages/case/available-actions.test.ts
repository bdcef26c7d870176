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

  it("lets the named pick-up station complete an approved case once nothing is outstanding", () => {
    const approved = { ...base, status: "APPROVED" as const, pickupSiteId: "330106001002" };
    expect(availableActions(approved, "helper", "station", "330106001002")).toContain("complete");
    expect(availableActions(approved, "helper", "station", "330106001001")).not.toContain(
      "complete",
    );
    const waiting = { ...approved, materials: [{ state: "deferred", requirement: "deferrable" }] };
    expect(availableActions(waiting, "helper", "station", "330106001002")).not.toContain(
      "complete",
    );
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

describe("the back office's buttons at the hub", () => {
  const review = { ...base, status: "IN_REVIEW" as const };

  it("lets a reviewer start the review, ask for a correction and hand the case over", () => {
    expect(availableActions(base, "reviewer", "hub")).toEqual([
      "transfer",
      "startReview",
      "requestCorrection",
      "reassign",
      "setPickupSite",
    ]);
    expect(availableActions(review, "reviewer", "hub")).toContain("suspend");
  });

  it("keeps the decision to approvers and center leads", () => {
    expect(availableActions(review, "approver", "hub")).toEqual(["approve", "deny", "suspend"]);
    expect(availableActions(review, "reviewer", "hub")).not.toContain("approve");
    expect(availableActions(review, "center_lead", "hub")).toContain("extend");
  });

  it("issues a decided case, with the pick-up site chosen then", () => {
    const decided = { ...base, status: "APPROVED" as const };
    expect(availableActions(decided, "approver", "hub")).toContain("issue");
    expect(availableActions(decided, "front_desk", "hub")).toContain("issue");
    expect(availableActions({ ...base, status: "DENIED" as const }, "reviewer", "hub")).toContain(
      "issue",
    );
  });

  it("offers the conflict resolution only while a conflict is open, to those who settle it", () => {
    const conflicted = { ...base, status: "WITHDRAWN" as const, conflictOpen: true };
    expect(availableActions(conflicted, "reviewer", "hub")).toContain("resolveConflict");
    expect(availableActions(conflicted, "approver", "hub")).not.toContain("resolveConflict");
    expect(availableActions(base, "reviewer", "hub")).not.toContain("resolveConflict");
  });

  it("adds nothing of the back office on a station", () => {
    expect(availableActions(base, "station_lead", "station")).not.toContain("startReview");
  });
});
