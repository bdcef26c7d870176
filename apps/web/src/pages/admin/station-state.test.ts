import { describe, expect, it } from "vitest";
import { stationState } from "./station-state";

const now = "2026-11-23T06:00:00.000Z";

describe("a station's state on the enrolment page", () => {
  it("tells enrolled, revoked, silent and in-touch stations apart", () => {
    expect(stationState({ enrolled: false, active: false, lastSeenAt: null }, now).label).toBe(
      "enrolment.state.notEnrolled",
    );
    expect(stationState({ enrolled: true, active: false, lastSeenAt: now }, now).label).toBe(
      "enrolment.state.revoked",
    );
    expect(stationState({ enrolled: true, active: true, lastSeenAt: null }, now).label).toBe(
      "enrolment.state.neverSeen",
    );
    expect(
      stationState({ enrolled: true, active: true, lastSeenAt: "2026-11-23T05:50:00.000Z" }, now)
        .label,
    ).toBe("enrolment.state.online");
    expect(
      stationState({ enrolled: true, active: true, lastSeenAt: "2026-11-22T05:50:00.000Z" }, now)
        .label,
    ).toBe("enrolment.state.silent");
  });
});
