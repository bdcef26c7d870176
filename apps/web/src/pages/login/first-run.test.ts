import { describe, expect, it } from "vitest";
import { needsEnrolment } from "./first-run";

describe("the station's first run", () => {
  it("asks a new station, with no accounts, to enrol before anyone signs in", () => {
    expect(needsEnrolment({ enrolled: false, localUsers: 0, forceLogin: false })).toBe(true);
  });

  it("lets an enrolled station, the hub and a station with local accounts sign in", () => {
    expect(needsEnrolment({ enrolled: true, localUsers: 0, forceLogin: false })).toBe(false);
    expect(needsEnrolment({ enrolled: null, localUsers: 0, forceLogin: false })).toBe(false);
    expect(needsEnrolment({ enrolled: false, localUsers: 3, forceLogin: false })).toBe(false);
    expect(needsEnrolment({ enrolled: false, localUsers: 0, forceLogin: true })).toBe(false);
  });

  it("waits until it knows whether there are accounts", () => {
    expect(needsEnrolment({ enrolled: false, localUsers: undefined, forceLogin: false })).toBe(
      false,
    );
  });
});
