import { describe, expect, it } from "vitest";
import { conflictSides, resolutions } from "./conflict-sides";

const ev = (id: string, at: string, type: string, conflict = false) => ({
  id,
  at: `2026-11-20T${at}:00.000Z`,
  type: type as "approve",
  conflict,
});

describe("both sides of a conflict", () => {
  const timeline = [
    ev("e1", "01:00", "intake"),
    ev("e2", "01:05", "accept"),
    ev("e3", "02:00", "forward"),
    ev("e4", "03:00", "start_review"),
    ev("e5", "03:30", "approve"),
    ev("e6", "03:40", "withdraw", true),
    ev("e7", "04:00", "note"),
  ];

  it("pairs the refused event with the transition that took effect", () => {
    const s = conflictSides({ eventId: "e6", statusAtEvent: "APPROVED" }, timeline);
    expect(s.refused?.id).toBe("e6");
    expect(s.applied?.id).toBe("e5");
  });

  it("finds the applied side even when it was recorded later (made concurrently, offline)", () => {
    const t = [
      ev("a", "01:00", "intake"),
      ev("b", "01:05", "accept"),
      ev("c", "02:00", "complete", true),
      ev("d", "02:30", "withdraw"),
    ];
    expect(conflictSides({ eventId: "c", statusAtEvent: "WITHDRAWN" }, t).applied?.id).toBe("d");
  });

  it("gives null where a side cannot be found", () => {
    const s = conflictSides({ eventId: "nope", statusAtEvent: "DENIED" }, timeline);
    expect(s).toEqual({ applied: null, refused: null });
  });

  it("lists the resolutions recorded", () => {
    expect(
      resolutions([...timeline, ev("r", "05:00", "resolve_conflict")]).map((e) => e.id),
    ).toEqual(["r"]);
  });
});
