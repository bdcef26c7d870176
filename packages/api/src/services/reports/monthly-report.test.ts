import { projectionFixture } from "@bangban/db/testing";
import { WorkCalendar } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { monthPeriod, overdueReasons } from "./monthly-report";

describe("monthPeriod", () => {
  it("runs from the first to the last day of the month, December and leap Februaries too", () => {
    expect(monthPeriod("2026-11")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(monthPeriod("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(monthPeriod("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });
});

describe("overdueReasons: why a red case is red", () => {
  const calendar = new WorkCalendar();
  const today = "2026-11-30";

  it("names the promised and the legal deadline with the working days past each", () => {
    const p = projectionFixture(1, { dueOn: "2026-11-23", legalDueOn: "2026-11-27" });
    expect(overdueReasons(p, today, calendar)).toEqual([
      { deadline: "promised", dueOn: "2026-11-23", workdays: 5 },
      { deadline: "legal", dueOn: "2026-11-27", workdays: 1 },
    ]);
  });

  it("a paused case is red by the colour frozen when its clock stopped", () => {
    const p = projectionFixture(2, { paused: true, frozenColour: "red", dueOn: null });
    expect(overdueReasons(p, today, calendar)).toEqual([
      { deadline: "paused", dueOn: null, workdays: null },
    ]);
  });
});
