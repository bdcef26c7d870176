import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../calendar/workdays";
import { defaultRules } from "../config";
import {
  type AbReassignmentInput,
  type AbStaff,
  type AbsencePeriod,
  abReassignment,
  backupFor,
  checkAbsenceDates,
  checkBackup,
  isAbsent,
  routeAssignment,
} from "./ab-posts";

const calendar = new WorkCalendar();
const STATION = "330106001001";
const OTHER = "330106001002";

// 2026-11-02 is a Monday; 2026-10-01..07 is the National Day holiday, 2026-10-10 (Sat) a make-up day.
const directory: AbStaff[] = [
  { id: "u-a", siteId: STATION, active: true, backupUserId: "u-b" },
  { id: "u-b", siteId: STATION, active: true, backupUserId: "u-a" },
  { id: "u-c", siteId: STATION, active: true, backupUserId: null },
  { id: "u-off", siteId: STATION, active: false, backupUserId: null },
  { id: "u-x", siteId: OTHER, active: true, backupUserId: null },
];
const away = (userId: string, from: string, to: string, cancelledAt?: string): AbsencePeriod => ({
  userId,
  from,
  to,
  cancelledAt: cancelledAt ?? null,
});

describe("isAbsent", () => {
  const absences = [away("u-a", "2026-11-03", "2026-11-05")];
  it("counts both ends of the period (from and to are inclusive)", () => {
    expect(isAbsent("u-a", "2026-11-02", absences)).toBe(false);
    expect(isAbsent("u-a", "2026-11-03", absences)).toBe(true);
    expect(isAbsent("u-a", "2026-11-05", absences)).toBe(true);
    expect(isAbsent("u-a", "2026-11-06", absences)).toBe(false);
  });
  it("a cancelled absence does not count; another person's does not either", () => {
    expect(isAbsent("u-a", "2026-11-04", [away("u-a", "2026-11-03", "2026-11-05", "x")])).toBe(
      false,
    );
    expect(isAbsent("u-b", "2026-11-04", absences)).toBe(false);
  });
});

describe("backupFor", () => {
  it("is the B post when active and at work that day", () => {
    expect(backupFor("u-a", "2026-11-04", directory, [])?.id).toBe("u-b");
  });
  it("is null when B is away too, when there is no B, or when B's account is inactive", () => {
    expect(
      backupFor("u-a", "2026-11-04", directory, [away("u-b", "2026-11-04", "2026-11-04")]),
    ).toBeNull();
    expect(backupFor("u-c", "2026-11-04", directory, [])).toBeNull();
    const withInactiveB = directory.map((s) =>
      s.id === "u-c" ? { ...s, backupUserId: "u-off" } : s,
    );
    expect(backupFor("u-c", "2026-11-04", withInactiveB, [])).toBeNull();
    expect(backupFor("u-nobody", "2026-11-04", directory, [])).toBeNull();
  });
});

describe("checkAbsenceDates", () => {
  it("accepts a one-day absence (from = to)", () => {
    expect(checkAbsenceDates("2026-11-03", "2026-11-03")).toEqual({
      ok: true,
      value: { from: "2026-11-03", to: "2026-11-03" },
    });
  });
  it("refuses an end before the start, naming `to`", () => {
    const r = checkAbsenceDates("2026-11-05", "2026-11-03");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ field: "to", code: "OUT_OF_RANGE" });
  });
  it("refuses dates that do not exist, naming the field", () => {
    const r = checkAbsenceDates("2026-02-30", "2026-03-02");
    if (r.ok) throw new Error("accepted 2026-02-30");
    expect(r.error).toMatchObject({ field: "from", code: "INVALID_DATE" });
    const r2 = checkAbsenceDates("2026-03-02", "20260303");
    if (r2.ok) throw new Error("accepted 20260303");
    expect(r2.error).toMatchObject({ field: "to", code: "INVALID_DATE" });
  });
  it("refuses a period longer than a year", () => {
    const r = checkAbsenceDates("2026-01-01", "2027-01-02");
    if (r.ok) throw new Error("accepted 367 days");
    expect(r.error.field).toBe("to");
  });
});

describe("checkBackup", () => {
  const a = { id: "u-a", siteId: STATION };
  it("accepts an active account of the same site", () => {
    expect(checkBackup(a, "u-c", directory[2])).toEqual({ ok: true, value: "u-c" });
  });
  it("refuses self, another site's account, an inactive or unknown one, naming backupUserId", () => {
    const refused = [
      checkBackup(a, "u-a", directory[0]),
      checkBackup(a, "u-x", directory[4]),
      checkBackup(a, "u-off", directory[3]),
      checkBackup(a, "u-gone", undefined),
    ];
    for (const r of refused) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ field: "backupUserId", code: "NOT_ELIGIBLE" });
    }
  });
});

describe("routeAssignment", () => {
  it("assigns to the chosen person when they are at work", () => {
    expect(routeAssignment("u-a", "2026-11-04", directory, [])).toEqual({
      ok: true,
      value: { toUserId: "u-a", absentUserId: null },
    });
  });
  it("routes to the B post when the chosen person is away that day, and says who was away", () => {
    const r = routeAssignment("u-a", "2026-11-04", directory, [
      away("u-a", "2026-11-04", "2026-11-06"),
    ]);
    expect(r).toEqual({ ok: true, value: { toUserId: "u-b", absentUserId: "u-a" } });
  });
  it("refuses, naming toUserId, when the chosen person is away and has no B at work", () => {
    const r = routeAssignment("u-c", "2026-11-04", directory, [
      away("u-c", "2026-11-04", "2026-11-04"),
    ]);
    if (r.ok) throw new Error("routed to nobody");
    expect(r.error).toMatchObject({ field: "toUserId", code: "NOT_ELIGIBLE" });
  });
});

describe("rule ab.reassign (abReassignment)", () => {
  const base = (over: Partial<AbReassignmentInput>): AbReassignmentInput => ({
    assigneeId: "u-a",
    handlingSiteId: STATION,
    asOf: "2026-11-04",
    absences: [],
    directory,
    delayWorkdays: defaultRules.absenceReassignAfterWorkdays,
    calendar,
    ...over,
  });

  it("defaults to one working day of absence", () => {
    expect(defaultRules.absenceReassignAfterWorkdays).toBe(1);
  });

  it("A at work: nothing to do", () => {
    expect(abReassignment(base({}))).toBeNull();
  });

  it("A away since Monday: on Monday not yet, on Tuesday the case goes to B, due Tuesday", () => {
    const absences = [away("u-a", "2026-11-02", "2026-11-06")];
    expect(abReassignment(base({ absences, asOf: "2026-11-02" }))).toBeNull();
    expect(abReassignment(base({ absences, asOf: "2026-11-03" }))).toEqual({
      toUserId: "u-b",
      dueOn: "2026-11-03",
    });
  });

  it("the due date stays the day it became due however late it is evaluated (one event id)", () => {
    const absences = [away("u-a", "2026-11-02", "2026-11-06")];
    for (const asOf of ["2026-11-04", "2026-11-06"]) {
      expect(abReassignment(base({ absences, asOf }))?.dueOn).toBe("2026-11-03");
    }
  });

  it("with a delay of 0 the case goes to B on the first working day of the absence", () => {
    const absences = [away("u-a", "2026-11-02", "2026-11-06")];
    expect(abReassignment(base({ absences, asOf: "2026-11-02", delayWorkdays: 0 }))?.dueOn).toBe(
      "2026-11-02",
    );
  });

  it("days off do not count: away Friday and the next Monday, due that Monday", () => {
    // Two records bridged by the weekend are one absence; Saturday and Sunday are not counted.
    const absences = [
      away("u-a", "2026-11-06", "2026-11-06"),
      away("u-a", "2026-11-09", "2026-11-10"),
    ];
    expect(abReassignment(base({ absences, asOf: "2026-11-08" }))).toBeNull();
    expect(abReassignment(base({ absences, asOf: "2026-11-10" }))?.dueOn).toBe("2026-11-09");
  });

  it("holidays do not count, a make-up Saturday does: away 2026-09-30 to 10-10, due 10-08", () => {
    const absences = [away("u-a", "2026-09-30", "2026-10-10")];
    expect(abReassignment(base({ absences, asOf: "2026-10-07" }))).toBeNull();
    expect(abReassignment(base({ absences, asOf: "2026-10-10" }))?.dueOn).toBe("2026-10-08");
  });

  it("a working day at work ends the absence: a new absence counts from its own start", () => {
    const absences = [
      away("u-a", "2026-11-02", "2026-11-02"),
      away("u-a", "2026-11-04", "2026-11-05"),
    ];
    expect(abReassignment(base({ absences, asOf: "2026-11-04" }))).toBeNull();
    expect(abReassignment(base({ absences, asOf: "2026-11-05" }))?.dueOn).toBe("2026-11-05");
  });

  it("A back at work (absence over or cancelled): nothing, even if it was due earlier", () => {
    expect(
      abReassignment(
        base({ absences: [away("u-a", "2026-11-02", "2026-11-04")], asOf: "2026-11-05" }),
      ),
    ).toBeNull();
    const cancelled = [away("u-a", "2026-11-02", "2026-11-06", "2026-11-03T01:00:00.000Z")];
    expect(abReassignment(base({ absences: cancelled, asOf: "2026-11-04" }))).toBeNull();
  });

  it("no B at work, or B not at the case's handling site: nothing", () => {
    const absences = [away("u-a", "2026-11-02", "2026-11-06")];
    expect(
      abReassignment(base({ absences: [...absences, away("u-b", "2026-11-04", "2026-11-04")] })),
    ).toBeNull();
    expect(abReassignment(base({ absences, handlingSiteId: OTHER }))).toBeNull();
    expect(abReassignment(base({ absences, assigneeId: null }))).toBeNull();
  });
});
