import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../calendar/workdays";
import { defaultRules, rulesWith } from "../config";
import {
  checkDeferredEligibility,
  checkPromiseDate,
  type DeferredEligibilityInput,
  type DeferredPromise,
  outstandingDeferred,
  overdueAction,
  reminderDates,
  resultWithheld,
} from "./rongque";

const calendar = new WorkCalendar();

function eligible(overrides: Partial<DeferredEligibilityInput> = {}): DeferredEligibilityInput {
  return {
    itemAllowsDeferral: true,
    materials: [
      { code: "ID", requirement: "mandatory", state: "provided" },
      { code: "LEASE", requirement: "deferrable", state: "missing" },
      { code: "PHOTO", requirement: "deferrable", state: "provided" },
    ],
    applicantOptsIn: true,
    creditBarred: false,
    commitmentSigned: true,
    agentAuthorised: null,
    ...overrides,
  };
}

function refusedField(input: DeferredEligibilityInput): string | null {
  const check = checkDeferredEligibility(input);
  return check.ok ? null : check.error.field;
}

describe("checkDeferredEligibility", () => {
  it("容缺: eligible when only deferrable materials are missing and all conditions hold", () => {
    expect(checkDeferredEligibility(eligible())).toEqual({
      ok: true,
      value: { deferredCodes: ["LEASE"] },
    });
  });

  it("容缺: an item not on the 容缺清单 is refused", () => {
    expect(refusedField(eligible({ itemAllowsDeferral: false }))).toBe("itemAllowsDeferral");
  });

  it("容缺: a 失信 record or past false commitment bars 容缺", () => {
    const check = checkDeferredEligibility(eligible({ creditBarred: true }));
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.field).toBe("creditBarred");
      expect(check.error.zh).toContain("信用修复");
    }
  });

  it("容缺: a missing main (mandatory) material is refused, naming the material", () => {
    const materials = [
      { code: "ID", requirement: "mandatory", state: "missing" },
      { code: "LEASE", requirement: "deferrable", state: "missing" },
    ] as const;
    const check = checkDeferredEligibility(eligible({ materials: [...materials] }));
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.field).toBe("materials.ID");
      expect(check.error.code).toBe("MATERIALS_OUTSTANDING");
      expect(check.error.zh).toContain("ID");
    }
  });

  it("容缺: a missing conditional material is not deferrable", () => {
    const input = eligible({
      materials: [
        { code: "MARRIAGE", requirement: "conditional", state: "missing" },
        { code: "LEASE", requirement: "deferrable", state: "missing" },
      ],
    });
    expect(refusedField(input)).toBe("materials.MARRIAGE");
  });

  it("容缺: nothing missing means nothing to defer (accept normally)", () => {
    const input = eligible({
      materials: [{ code: "LEASE", requirement: "deferrable", state: "provided" }],
    });
    expect(refusedField(input)).toBe("materials");
  });

  it("容缺: the applicant must opt in", () => {
    expect(refusedField(eligible({ applicantOptsIn: false }))).toBe("applicantOptsIn");
  });

  it("容缺: the 容缺受理承诺书 must be signed", () => {
    expect(refusedField(eligible({ commitmentSigned: false }))).toBe("commitmentSigned");
  });

  it("容缺: an agent needs the applicant's authorisation to commit", () => {
    expect(refusedField(eligible({ agentAuthorised: false }))).toBe("agentAuthorised");
    expect(refusedField(eligible({ agentAuthorised: true }))).toBeNull();
  });

  it("容缺: each refusal has its own Chinese message", () => {
    const messages = [
      eligible({ itemAllowsDeferral: false }),
      eligible({ creditBarred: true }),
      eligible({ applicantOptsIn: false }),
      eligible({ commitmentSigned: false }),
      eligible({ agentAuthorised: false }),
    ].map((i) => {
      const c = checkDeferredEligibility(i);
      return c.ok ? "" : c.error.zh;
    });
    expect(new Set(messages).size).toBe(messages.length);
    expect(messages.every((m) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
  });
});

describe("checkPromiseDate", () => {
  const base = { acceptedOn: "2026-03-02", promisedDays: 5, calendar };

  it("容缺: a promise date within the item's promised limit is accepted", () => {
    expect(checkPromiseDate({ ...base, promisedBy: "2026-03-09" })).toEqual({
      ok: true,
      value: { promisedBy: "2026-03-09", latest: "2026-03-09", calendarUncertain: false },
    });
  });

  it("容缺: the promise date may not pass the item's promised limit", () => {
    const check = checkPromiseDate({ ...base, promisedBy: "2026-03-10" });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.field).toBe("promisedBy");
      expect(check.error.zh).toContain("2026-03-09");
    }
  });

  it("容缺: the promise date must be after acceptance", () => {
    const check = checkPromiseDate({ ...base, promisedBy: "2026-03-02" });
    expect(!check.ok && check.error.field).toBe("promisedBy");
  });

  it("容缺: the limit is in working days (holidays skipped, make-up days counted)", () => {
    const check = checkPromiseDate({
      acceptedOn: "2026-09-30",
      promisedDays: 5,
      promisedBy: "2026-10-13",
      calendar,
    });
    expect(check.ok && check.value.latest).toBe("2026-10-13");
  });
});

describe("outstanding promises", () => {
  const promises: DeferredPromise[] = [
    { materialCode: "LEASE", promisedBy: "2026-03-05", suppliedOn: "2026-03-04" },
    { materialCode: "PHOTO", promisedBy: "2026-03-05", suppliedOn: null },
  ];

  it("容缺: outstanding promises are those not yet supplied", () => {
    expect(outstandingDeferred(promises).map((p) => p.materialCode)).toEqual(["PHOTO"]);
  });

  it("容缺: result withheld while a promised material is outstanding", () => {
    expect(resultWithheld(promises)).toBe(true);
  });

  it("容缺: result released once everything is supplied", () => {
    const all = promises.map((p) => ({ ...p, suppliedOn: "2026-03-05" }));
    expect(resultWithheld(all)).toBe(false);
    expect(resultWithheld([])).toBe(false);
  });
});

describe("overdueAction", () => {
  const promises: DeferredPromise[] = [
    { materialCode: "LEASE", promisedBy: "2026-03-05" },
    { materialCode: "PHOTO", promisedBy: "2026-03-20", suppliedOn: "2026-03-03" },
  ];
  const suspend = rulesWith({ deferredOverduePolicy: "suspend_then_return" });

  it("容缺: nothing to do on the promised day itself (deadline is end of day)", () => {
    expect(overdueAction({ promises, asOf: "2026-03-05", rules: defaultRules, calendar })).toEqual({
      action: "none",
      materialCodes: [],
      calendarUncertain: false,
    });
  });

  it("容缺: a missed promise terminates the case under the default policy", () => {
    expect(overdueAction({ promises, asOf: "2026-03-06", rules: defaultRules, calendar })).toEqual({
      action: "terminate",
      materialCodes: ["LEASE"],
      calendarUncertain: false,
    });
  });

  it("容缺: a material supplied on time means no action", () => {
    const supplied = [
      { materialCode: "LEASE", promisedBy: "2026-03-05", suppliedOn: "2026-03-05" },
    ];
    expect(
      overdueAction({ promises: supplied, asOf: "2026-03-10", rules: defaultRules, calendar })
        .action,
    ).toBe("none");
  });

  it("容缺: Taizhou policy suspends through 15 working days of grace", () => {
    expect(overdueAction({ promises, asOf: "2026-03-26", rules: suspend, calendar })).toEqual({
      action: "suspend",
      materialCodes: ["LEASE"],
      graceUntil: "2026-03-26",
      calendarUncertain: false,
    });
  });

  it("容缺: Taizhou policy returns the case (退件) after the grace period", () => {
    expect(overdueAction({ promises, asOf: "2026-03-27", rules: suspend, calendar })).toMatchObject(
      {
        action: "return",
        materialCodes: ["LEASE"],
        graceUntil: "2026-03-26",
      },
    );
  });

  it("容缺: the grace period length comes from config", () => {
    const short = rulesWith({
      deferredOverduePolicy: "suspend_then_return",
      deferredGraceWorkdays: 1,
    });
    expect(overdueAction({ promises, asOf: "2026-03-09", rules: short, calendar }).action).toBe(
      "return",
    );
  });

  it("容缺: supplying during the grace period ends the suspension", () => {
    const late = [{ materialCode: "LEASE", promisedBy: "2026-03-05", suppliedOn: "2026-03-10" }];
    expect(
      overdueAction({ promises: late, asOf: "2026-03-09", rules: suspend, calendar }).action,
    ).toBe("suspend");
    expect(
      overdueAction({ promises: late, asOf: "2026-03-10", rules: suspend, calendar }).action,
    ).toBe("none");
  });
});

describe("reminderDates", () => {
  it("提醒: at acceptance, T-3, T-1 and on the due day, in working days (make-up Saturday included)", () => {
    expect(
      reminderDates({
        promisedBy: "2026-10-12",
        acceptedOn: "2026-09-28",
        rules: defaultRules,
        calendar,
      }),
    ).toEqual(["2026-09-28", "2026-10-08", "2026-10-10", "2026-10-12"]);
  });

  it("提醒: reminders that would fall before acceptance are dropped", () => {
    expect(
      reminderDates({
        promisedBy: "2026-10-12",
        acceptedOn: "2026-10-09",
        rules: defaultRules,
        calendar,
      }),
    ).toEqual(["2026-10-09", "2026-10-10", "2026-10-12"]);
  });

  it("提醒: a reminder on the acceptance day is sent once", () => {
    expect(
      reminderDates({
        promisedBy: "2026-10-12",
        acceptedOn: "2026-10-10",
        rules: defaultRules,
        calendar,
      }),
    ).toEqual(["2026-10-10", "2026-10-12"]);
  });

  it("提醒: the reminder offsets come from config", () => {
    const rules = rulesWith({ deferredReminderWorkdaysBefore: [5] });
    expect(
      reminderDates({ promisedBy: "2026-03-13", acceptedOn: "2026-03-02", rules, calendar }),
    ).toEqual(["2026-03-02", "2026-03-06"]);
  });
});
