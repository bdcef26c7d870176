import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../calendar/workdays";
import { defaultRules } from "../config";
import { caseDeadline, caseLegalDeadline } from "./deadline-of";
import { actors, elderlyAllowance, JournalKit, SITES } from "./fixtures";
import { foldJournal } from "./fold";
import type { CaseState } from "./state";

const calendar = new WorkCalendar();
const ctx = (asOf: string) => ({ asOf, calendar, rules: defaultRules });
// Promised 15 working days within a legal limit of 20 (a licence-like benefit).
const item = { ...elderlyAllowance, legalDays: 20, publicityWorkdays: null };

function fold(kit: JournalKit): CaseState {
  const { state } = foldJournal(kit.events);
  if (!state) throw new Error("no case");
  return state;
}

/** Accepted on Monday 2026-11-02 (the kit's clock, China time), all materials in hand. */
function accepted(): JournalKit {
  const kit = new JournalKit();
  kit.intake(item);
  const rest = [
    { code: "BANK_CARD", attachments: [] },
    { code: "PHOTO", attachments: [] },
  ];
  kit.add("supplement", { materials: rest }, actors.helperA);
  kit.add("accept", { deferred: [] }, actors.helperA);
  return kit;
}

/** Accepted on Monday 2026-11-02, decided at the center. */
function decided(): JournalKit {
  const kit = accepted();
  kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
  kit.add("start_review", {}, actors.reviewer);
  kit.add("approve", {}, actors.approver);
  return kit;
}

describe("法定时限 beside 承诺时限", () => {
  it("counts the legal limit from the same acceptance day as the promised one", () => {
    const s = fold(decided());
    expect(caseDeadline(s, ctx("2026-11-03")).dueOn).toBe("2026-11-23");
    expect(caseLegalDeadline(s, ctx("2026-11-03"))?.dueOn).toBe("2026-11-30");
  });

  it("an item the law sets no limit for has no legal clock", () => {
    const kit = new JournalKit();
    kit.intake(elderlyAllowance);
    expect(caseLegalDeadline(fold(kit), ctx("2026-11-03"))).toBeNull();
  });

  it("a case issued between the two due dates is late against the promise, on time against the law", () => {
    const kit = decided();
    kit.add("issue", { pickupSiteId: SITES.stationA }, actors.approver, "2026-11-25T02:00:00.000Z");
    const s = fold(kit);
    expect(caseDeadline(s, ctx("2026-11-26")).onTime).toBe(false);
    expect(caseLegalDeadline(s, ctx("2026-11-26"))?.onTime).toBe(true);
  });

  it("an open case past the legal due day is overdue on both clocks", () => {
    const s = fold(decided());
    const legal = caseLegalDeadline(s, ctx("2026-12-01"));
    expect(legal).toMatchObject({ overdue: true, colour: "red", onTime: null });
    expect(caseLegalDeadline(s, ctx("2026-11-30"))?.overdue).toBe(false);
  });

  it("an approved extension lengthens the legal limit too", () => {
    const kit = accepted();
    kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
    kit.add("extend", { workdays: 10, reason: "需实地核查" }, actors.lead);
    expect(caseLegalDeadline(fold(kit), ctx("2026-11-03"))?.dueOn).toBe("2026-12-14");
  });
});
