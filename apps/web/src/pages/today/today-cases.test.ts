import { describe, expect, it } from "vitest";
import { countByColour, receivedOn, todaysCases } from "./today-cases";

const HERE = "330106001002";
const ELSEWHERE = "330106001001";

const row = (
  id: string,
  colour: "red" | "yellow" | "green" | "none",
  dueOn: string | null,
  at: string,
  originSiteId = HERE,
) => ({
  id,
  colour,
  dueOn,
  submittedAt: at,
  originSiteId,
});

const rows = [
  row("a", "green", "2026-12-14", "2026-11-20T02:00:00.000Z"),
  row("b", "none", null, "2026-11-23T03:00:00.000Z"),
  row("c", "red", "2026-11-20", "2026-11-02T02:00:00.000Z"),
  row("d", "yellow", "2026-11-25", "2026-11-10T02:00:00.000Z"),
  row("e", "green", "2026-11-30", "2026-11-23T01:00:00.000Z"),
  // Taken in at another station today and to be picked up here: in the list, not our intake.
  row("f", "none", null, "2026-11-23T02:00:00.000Z", ELSEWHERE),
];

describe("today's cases", () => {
  it("puts the most urgent first: red, yellow, green by due date, then unstarted", () => {
    expect(todaysCases(rows, "all", "2026-11-23", HERE).map((r) => r.id)).toEqual([
      "c",
      "d",
      "e",
      "a",
      "b",
      "f",
    ]);
  });

  it("filters by colour and by 'received today'", () => {
    expect(todaysCases(rows, "green", "2026-11-23", HERE).map((r) => r.id)).toEqual(["e", "a"]);
    expect(todaysCases(rows, "new", "2026-11-23", HERE).map((r) => r.id)).toEqual(["e", "b"]);
  });

  it("counts the lights and today's intake: only cases this station took in", () => {
    expect(countByColour(rows, "2026-11-23", HERE)).toEqual({
      red: 1,
      yellow: 1,
      green: 2,
      none: 2,
      newToday: 2,
    });
    expect(receivedOn(rows[0] as (typeof rows)[number], "2026-11-20", HERE)).toBe(true);
    expect(receivedOn(rows[5] as (typeof rows)[number], "2026-11-23", HERE)).toBe(false);
  });
});
