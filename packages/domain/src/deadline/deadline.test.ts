import { describe, expect, it } from "vitest";
import type { LocalDate } from "../calendar/local-date";
import { type Pause, WorkCalendar } from "../calendar/workdays";
import { defaultRules, rulesWith } from "../config";
import { DomainError } from "../errors";
import {
  computeDeadline,
  type DeadlineInput,
  extensionFor,
  onTimeRate,
  validateLimits,
} from "./deadline";

const calendar = new WorkCalendar();

/** Accepted Monday 2026-03-02 with a 5-working-day promise: due Monday 2026-03-09. */
function input(overrides: Partial<DeadlineInput> & { asOf: LocalDate }): DeadlineInput {
  return {
    acceptedOn: "2026-03-02",
    workdays: 5,
    pauses: [],
    extensionWorkdays: 0,
    calendar,
    rules: defaultRules,
    ...overrides,
  };
}

describe("computeDeadline: start and due date", () => {
  it("期限: the clock does not run before acceptance (not started, no colour)", () => {
    expect(computeDeadline(input({ acceptedOn: null, asOf: "2026-03-05" }))).toEqual({
      state: "not_started",
      dueOn: null,
      workdaysLeft: null,
      colour: "none",
      overdue: false,
      onTime: null,
      calendarUncertain: false,
    });
  });

  it("期限: acceptance day is not counted (5 working days from Monday is next Monday)", () => {
    const view = computeDeadline(input({ asOf: "2026-03-02" }));
    expect(view.dueOn).toBe("2026-03-09");
    expect(view.state).toBe("running");
    expect(view.workdaysLeft).toBe(5);
    expect(view.colour).toBe("green");
  });

  it("期限: holidays are skipped and make-up Saturdays count (accepted 2026-09-30, 3 days → 2026-10-10)", () => {
    const view = computeDeadline(
      input({ acceptedOn: "2026-09-30", workdays: 3, asOf: "2026-09-30" }),
    );
    expect(view.dueOn).toBe("2026-10-10");
  });

  it("期限: 即办 (0 working days) is due on the acceptance day itself", () => {
    const sameDay = computeDeadline(input({ workdays: 0, asOf: "2026-03-02" }));
    expect(sameDay.dueOn).toBe("2026-03-02");
    expect(sameDay.overdue).toBe(false);
    expect(sameDay.workdaysLeft).toBe(0);
    const nextDay = computeDeadline(input({ workdays: 0, asOf: "2026-03-03" }));
    expect(nextDay.overdue).toBe(true);
    expect(nextDay.colour).toBe("red");
  });

  it("期限: an approved extension adds its working days to the limit", () => {
    const view = computeDeadline(
      input({ extensionWorkdays: extensionFor("licence", defaultRules), asOf: "2026-03-02" }),
    );
    // 15 working days after Mon 2026-03-02.
    expect(view.dueOn).toBe("2026-03-23");
    expect(view.workdaysLeft).toBe(15);
  });

  it("期限: a negative limit is refused", () => {
    expect(() => computeDeadline(input({ workdays: -1, asOf: "2026-03-02" }))).toThrow(DomainError);
  });
});

describe("computeDeadline: warnings", () => {
  it("预警: green while more than 2 working days are left", () => {
    const view = computeDeadline(input({ asOf: "2026-03-04" }));
    expect(view.workdaysLeft).toBe(3);
    expect(view.colour).toBe("green");
  });

  it("预警: yellow at 2 working days left or fewer", () => {
    expect(computeDeadline(input({ asOf: "2026-03-05" }))).toMatchObject({
      workdaysLeft: 2,
      colour: "yellow",
    });
    expect(computeDeadline(input({ asOf: "2026-03-06" })).colour).toBe("yellow");
  });

  it("预警: the yellow threshold comes from the jurisdiction's rules", () => {
    const rules = rulesWith({ yellowAtWorkdaysLeft: 3 });
    expect(computeDeadline(input({ asOf: "2026-03-04", rules })).colour).toBe("yellow");
  });

  it("期限: the due day itself is not overdue (the deadline is close of business)", () => {
    expect(computeDeadline(input({ asOf: "2026-03-09" }))).toMatchObject({
      workdaysLeft: 0,
      overdue: false,
      colour: "yellow",
    });
  });

  it("预警: red when overdue, with the working days past due as a negative count", () => {
    expect(computeDeadline(input({ asOf: "2026-03-11" }))).toMatchObject({
      state: "running",
      workdaysLeft: -2,
      overdue: true,
      colour: "red",
    });
  });

  it("预警: overdue from the day after the due day even if that day is a weekend", () => {
    // Due Friday 2026-03-06 (4 working days after Monday); Saturday is already late.
    expect(computeDeadline(input({ workdays: 4, asOf: "2026-03-07" }))).toMatchObject({
      dueOn: "2026-03-06",
      workdaysLeft: 0,
      overdue: true,
      colour: "red",
    });
  });
});

describe("computeDeadline: pauses", () => {
  const correction: Pause = { from: "2026-03-03", to: "2026-03-05", reason: "correction" };

  it("暂停: a closed pause stops the clock and moves the due date", () => {
    const view = computeDeadline(input({ pauses: [correction], asOf: "2026-03-06" }));
    expect(view.dueOn).toBe("2026-03-11");
    expect(view.state).toBe("running");
    expect(view.workdaysLeft).toBe(3);
  });

  it("暂停: while a pause is in effect the state is paused and the count is frozen", () => {
    const view = computeDeadline(input({ pauses: [correction], asOf: "2026-03-04" }));
    expect(view.state).toBe("paused");
    expect(view.workdaysLeft).toBe(4);
  });

  it("暂停: an open pause freezes the working days left at its start; no due date yet", () => {
    const pauses: Pause[] = [{ from: "2026-03-03", reason: "expert_review" }];
    expect(computeDeadline(input({ pauses, asOf: "2026-04-30" }))).toMatchObject({
      state: "paused",
      dueOn: null,
      workdaysLeft: 4,
      colour: "green",
      overdue: false,
    });
  });

  it("暂停: paused time never turns a case red (yellow kept from the start of the pause)", () => {
    const pauses: Pause[] = [{ from: "2026-03-05", reason: "hearing" }];
    expect(computeDeadline(input({ pauses, asOf: "2026-06-30" }))).toMatchObject({
      state: "paused",
      workdaysLeft: 2,
      colour: "yellow",
      overdue: false,
    });
  });

  it("暂停: a case already overdue when paused stays red", () => {
    const pauses: Pause[] = [{ from: "2026-03-11", reason: "verification" }];
    expect(computeDeadline(input({ pauses, asOf: "2026-06-30" }))).toMatchObject({
      state: "paused",
      dueOn: "2026-03-09",
      workdaysLeft: -2,
      colour: "red",
      overdue: true,
    });
  });
});

describe("computeDeadline: completion", () => {
  it("办结: completed on or before the due day is on time; the clock stops", () => {
    expect(computeDeadline(input({ completedOn: "2026-03-09", asOf: "2026-04-01" }))).toMatchObject(
      {
        state: "stopped",
        dueOn: "2026-03-09",
        workdaysLeft: 0,
        colour: "none",
        overdue: false,
        onTime: true,
      },
    );
  });

  it("办结: completed after the due day is late", () => {
    expect(computeDeadline(input({ completedOn: "2026-03-10", asOf: "2026-04-01" }))).toMatchObject(
      {
        state: "stopped",
        workdaysLeft: -1,
        onTime: false,
      },
    );
  });

  it("办结: a completion date later than asOf is not yet true", () => {
    expect(computeDeadline(input({ completedOn: "2026-03-06", asOf: "2026-03-04" })).state).toBe(
      "running",
    );
  });

  it("办结: a completion before acceptance is refused", () => {
    expect(() => computeDeadline(input({ completedOn: "2026-03-01", asOf: "2026-03-04" }))).toThrow(
      expect.objectContaining({ field: "completedOn" }),
    );
  });
});

describe("computeDeadline: calendar coverage", () => {
  it("工作日: a deadline running into an unpublished year is flagged uncertain", () => {
    const view = computeDeadline(
      input({ acceptedOn: "2026-12-28", workdays: 10, asOf: "2026-12-28" }),
    );
    expect(view.calendarUncertain).toBe(true);
  });

  it("工作日: the same deadline is certain once the hub publishes that year", () => {
    const published = new WorkCalendar({ days: { "2027-01-01": "rest" }, coveredYears: [2027] });
    const view = computeDeadline(
      input({ acceptedOn: "2026-12-28", workdays: 10, asOf: "2026-12-28", calendar: published }),
    );
    expect(view.calendarUncertain).toBe(false);
    expect(view.dueOn).toBe("2027-01-12");
  });
});

describe("validateLimits", () => {
  it("时限: a promised limit within the legal one is accepted", () => {
    expect(validateLimits(20, 10)).toEqual({
      ok: true,
      value: { legalDays: 20, promisedDays: 10 },
    });
    expect(validateLimits(null, 3).ok).toBe(true);
    expect(validateLimits(5, 5).ok).toBe(true);
  });

  it("时限: promised must not exceed legal (§3.5)", () => {
    const check = validateLimits(10, 15);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.field).toBe("promisedDays");
      expect(check.error.zh).toContain("法定时限");
    }
  });

  it("时限: limits are non-negative whole working days", () => {
    const promised = validateLimits(10, 1.5);
    expect(!promised.ok && promised.error.field).toBe("promisedDays");
    const legal = validateLimits(-1, 0);
    expect(!legal.ok && legal.error.field).toBe("legalDays");
  });
});

describe("extensionFor", () => {
  it("延期: licences and joint handling take their extension from config (§3.4)", () => {
    expect(extensionFor("licence", defaultRules)).toBe(defaultRules.licenceExtensionWorkdays);
    expect(extensionFor("joint", defaultRules)).toBe(defaultRules.jointExtensionWorkdays);
    expect(extensionFor("joint", rulesWith({ jointExtensionWorkdays: 20 }))).toBe(20);
    expect(extensionFor("other", defaultRules)).toBe(0);
  });
});

describe("onTimeRate", () => {
  it("按时办结率: completed on time ÷ completed", () => {
    expect(
      onTimeRate([{ onTime: true }, { onTime: false }, { onTime: true }, { onTime: true }]),
    ).toBe(0.75);
  });

  it("按时办结率: none completed gives null, not 0 or 100%", () => {
    expect(onTimeRate([])).toBeNull();
  });
});
