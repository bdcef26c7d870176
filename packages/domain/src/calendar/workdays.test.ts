import chineseDays from "chinese-days";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { addDays, type LocalDate } from "./local-date";
import {
  BUILTIN_CALENDAR_FIRST_YEAR,
  BUILTIN_CALENDAR_LAST_YEAR,
  type Pause,
  WorkCalendar,
} from "./workdays";

const cal = new WorkCalendar();

/** Holidays on weekdays or weekends that the library's table lists for a year. */
const holidaysIn = (year: number): string[] =>
  chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false);

describe("WorkCalendar.isWorkday", () => {
  it.each([
    ["2026-10-08", "Thursday after the National Day holiday"],
    ["2026-10-10", "Saturday make-up day"],
    ["2026-02-14", "Saturday make-up day before Spring Festival"],
    ["2026-02-28", "Saturday make-up day after Spring Festival"],
    ["2026-01-04", "Sunday make-up day after New Year"],
    ["2025-10-11", "Saturday make-up day"],
  ])("工作日: %s (%s) is a working day", (d) => {
    expect(cal.isWorkday(d)).toBe(true);
  });

  it("工作日: 2026-10-07 (Wednesday inside the National Day holiday) is not a working day", () => {
    expect(cal.isWorkday("2026-10-07")).toBe(false);
  });

  it("工作日: an ordinary weekend is not a working day", () => {
    expect(cal.isWorkday("2026-10-11")).toBe(false);
    expect(cal.isWorkday("2026-03-07")).toBe(false);
  });

  it("工作日: an override wins over the built-in table", () => {
    const local = new WorkCalendar({
      days: { "2026-10-08": "rest", "2026-10-11": "work" },
      coveredYears: [],
    });
    expect(local.isWorkday("2026-10-08")).toBe(false);
    expect(local.isWorkday("2026-10-11")).toBe(true);
  });

  it("工作日: a malformed date throws INVALID_DATE", () => {
    expect(() => cal.isWorkday("2026-10-32")).toThrow(DomainError);
  });

  it("工作日: a malformed override table is refused as CONFIG", () => {
    const bad = () => new WorkCalendar({ days: {}, coveredYears: [27] });
    expect(bad).toThrow(expect.objectContaining({ code: "CONFIG" }));
  });

  it("工作日: refuses to run where chinese-days would misread dates (time zone west of UTC)", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = "America/Los_Angeles";
      expect(() => new WorkCalendar()).toThrow(expect.objectContaining({ code: "CONFIG" }));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(() => new WorkCalendar()).not.toThrow();
  });
});

describe("calendar coverage", () => {
  it("工作日: chinese-days has holidays in BUILTIN_CALENDAR_LAST_YEAR and none the year after (bump the constant on upgrade)", () => {
    expect(holidaysIn(BUILTIN_CALENDAR_LAST_YEAR).length).toBeGreaterThan(0);
    expect(holidaysIn(BUILTIN_CALENDAR_LAST_YEAR + 1)).toEqual([]);
  });

  it("工作日: chinese-days has holidays in BUILTIN_CALENDAR_FIRST_YEAR and none the year before", () => {
    expect(holidaysIn(BUILTIN_CALENDAR_FIRST_YEAR).length).toBeGreaterThan(0);
    expect(holidaysIn(BUILTIN_CALENDAR_FIRST_YEAR - 1)).toEqual([]);
  });

  it("工作日: unpublished years are uncertain (the library would call 2027-01-01 a working day)", () => {
    expect(cal.isWorkday("2027-01-01")).toBe(true);
    expect(cal.isCertain("2027-01-01")).toBe(false);
    expect(cal.isCertain("2026-12-31")).toBe(true);
    expect(cal.isCertain("2003-06-02")).toBe(false);
  });

  it("工作日: a count that reaches into 2027 is flagged uncertain", () => {
    expect(cal.addWorkdays("2026-12-30", 5).uncertain).toBe(true);
    expect(cal.countWorkdays("2026-12-30", "2027-01-08").uncertain).toBe(true);
    expect(cal.addWorkdays("2026-12-01", 5).uncertain).toBe(false);
  });

  it("工作日: an override year published by the hub makes 2027 certain", () => {
    const next = new WorkCalendar({
      days: { "2027-01-01": "rest" },
      coveredYears: [2027],
    });
    expect(next.isCertain("2027-06-01")).toBe(true);
    expect(next.isWorkday("2027-01-01")).toBe(false);
    expect(next.addWorkdays("2026-12-30", 5)).toEqual({
      blocked: false,
      date: "2027-01-07",
      uncertain: false,
    });
  });

  it("工作日: an explicit override entry makes that day certain even in an uncovered year", () => {
    const partial = new WorkCalendar({ days: { "2027-01-01": "rest" }, coveredYears: [] });
    expect(partial.isCertain("2027-01-01")).toBe(true);
    expect(partial.isCertain("2027-01-04")).toBe(false);
  });
});

describe("WorkCalendar.addWorkdays", () => {
  it("期限: 1 working day after 2026-09-30 is 2026-10-08 (National Day holiday skipped)", () => {
    expect(cal.addWorkdays("2026-09-30", 1)).toEqual({
      blocked: false,
      date: "2026-10-08",
      uncertain: false,
    });
  });

  it("期限: the Saturday make-up day 2026-10-10 counts", () => {
    expect(cal.addWorkdays("2026-09-30", 3).date).toBe("2026-10-10");
    expect(cal.addWorkdays("2026-09-30", 4).date).toBe("2026-10-12");
  });

  it("期限: acceptance day is not counted (1 working day after Monday is Tuesday)", () => {
    expect(cal.addWorkdays("2026-03-02", 1).date).toBe("2026-03-03");
  });

  it("期限: n = 0 returns the start day itself", () => {
    expect(cal.addWorkdays("2026-10-07", 0).date).toBe("2026-10-07");
  });

  it("期限: a negative or fractional limit is refused", () => {
    expect(() => cal.addWorkdays("2026-03-02", -1)).toThrow(DomainError);
    expect(() => cal.addWorkdays("2026-03-02", 1.5)).toThrow(DomainError);
  });

  it("暂停: the pause day counts, days up to and including the resume day do not", () => {
    // Mon 03-02 accepted; 补正 issued Tue 03-03, supplement arrives Thu 03-05.
    const pauses: Pause[] = [{ from: "2026-03-03", to: "2026-03-05", reason: "correction" }];
    expect(cal.addWorkdays("2026-03-02", 1, pauses).date).toBe("2026-03-03");
    expect(cal.addWorkdays("2026-03-02", 2, pauses).date).toBe("2026-03-06");
    expect(cal.addWorkdays("2026-03-02", 5, pauses).date).toBe("2026-03-11");
  });

  it("暂停: an open pause stops the clock, so the due date is not knowable (blocked)", () => {
    const pauses: Pause[] = [{ from: "2026-03-04", reason: "hearing" }];
    expect(cal.addWorkdays("2026-03-02", 2, pauses).date).toBe("2026-03-04");
    expect(cal.addWorkdays("2026-03-02", 3, pauses)).toEqual({
      blocked: true,
      date: null,
      uncertain: false,
    });
  });

  it("暂停: overlapping pauses are skipped as one", () => {
    const pauses: Pause[] = [
      { from: "2026-03-03", to: "2026-03-06", reason: "testing" },
      { from: "2026-03-05", to: "2026-03-10", reason: "publicity" },
    ];
    expect(cal.addWorkdays("2026-03-02", 2, pauses).date).toBe("2026-03-11");
  });

  it("暂停: a pause ending before it starts is refused, naming the field", () => {
    const pauses: Pause[] = [{ from: "2026-03-05", to: "2026-03-03", reason: "other" }];
    expect(() => cal.addWorkdays("2026-03-02", 2, pauses)).toThrow(
      expect.objectContaining({ code: "INVALID_DATE", field: "pauses[0].to" }),
    );
  });
});

describe("WorkCalendar.countWorkdays", () => {
  it("工作日: counts (from, to], make-up days in, holidays out", () => {
    expect(cal.countWorkdays("2026-09-30", "2026-10-12")).toEqual({ count: 4, uncertain: false });
  });

  it("工作日: 0 when the end is not after the start", () => {
    expect(cal.countWorkdays("2026-03-02", "2026-03-02").count).toBe(0);
    expect(cal.countWorkdays("2026-03-09", "2026-03-02").count).toBe(0);
  });

  it("暂停: an open pause stops counting after its first day", () => {
    const pauses: Pause[] = [{ from: "2026-03-04", reason: "appraisal" }];
    expect(cal.countWorkdays("2026-03-02", "2026-12-31", pauses).count).toBe(2);
  });
});

describe("WorkCalendar.subtractWorkdays", () => {
  it("提醒: 1 working day before Monday 2026-10-12 is the make-up Saturday 2026-10-10", () => {
    expect(cal.subtractWorkdays("2026-10-12", 1).date).toBe("2026-10-10");
    expect(cal.subtractWorkdays("2026-10-12", 3).date).toBe("2026-10-08");
    expect(cal.subtractWorkdays("2026-10-12", 0).date).toBe("2026-10-12");
  });
});

// Dates from 2025-01-01 over ~3 years, so runs cross holidays, make-up days and 2027.
const startArb = fc.integer({ min: 0, max: 1000 }).map((k) => addDays("2025-01-01", k));
const closedPausesArb = (start: LocalDate) =>
  fc
    .array(
      fc.record({
        offset: fc.integer({ min: -10, max: 60 }),
        length: fc.integer({ min: 0, max: 12 }),
      }),
      { maxLength: 4 },
    )
    .map((ps) =>
      ps.map(({ offset, length }): Pause => {
        const from = addDays(start, offset);
        return { from, to: addDays(from, length), reason: "other" };
      }),
    );

describe("working-day properties", () => {
  it("期限: adding N working days then counting them back gives N", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 40 }), (start, n) => {
        const target = cal.addWorkdays(start, n);
        expect(target.blocked).toBe(false);
        if (target.date === null) return;
        expect(cal.countWorkdays(start, target.date).count).toBe(n);
      }),
    );
  });

  it("暂停: adding N working days then counting them back gives N, with random pauses", () => {
    const arb = startArb.chain((start) =>
      fc.tuple(fc.constant(start), fc.integer({ min: 0, max: 40 }), closedPausesArb(start)),
    );
    fc.assert(
      fc.property(arb, ([start, n, pauses]) => {
        const target = cal.addWorkdays(start, n, pauses);
        if (target.date === null) throw new Error("closed pauses never block");
        expect(cal.countWorkdays(start, target.date, pauses).count).toBe(n);
        if (n > 0) expect(cal.isWorkday(target.date)).toBe(true);
      }),
    );
  });

  it("暂停: with an open pause, addWorkdays is blocked exactly when the limit is not reached before it", () => {
    const arb = startArb.chain((start) =>
      fc.tuple(
        fc.constant(start),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: -5, max: 30 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([start, n, offset]) => {
        const pauses: Pause[] = [{ from: addDays(start, offset), reason: "hearing" }];
        const target = cal.addWorkdays(start, n, pauses);
        const reachable = cal.countWorkdays(start, addDays(start, 400), pauses).count;
        expect(target.blocked).toBe(reachable < n);
      }),
    );
  });

  it("期限: addWorkdays is strictly increasing in N", () => {
    const arb = startArb.chain((start) =>
      fc.tuple(fc.constant(start), fc.integer({ min: 0, max: 40 }), closedPausesArb(start)),
    );
    fc.assert(
      fc.property(arb, ([start, n, pauses]) => {
        const a = cal.addWorkdays(start, n, pauses).date;
        const b = cal.addWorkdays(start, n + 1, pauses).date;
        expect(a !== null && b !== null && a < b).toBe(true);
      }),
    );
  });
});
