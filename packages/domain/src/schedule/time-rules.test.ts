import { describe, expect, it } from "vitest";
import { addDays, type LocalDate } from "../calendar/local-date";
import { WorkCalendar } from "../calendar/workdays";
import {
  actors,
  elderlyAllowance,
  JournalKit,
  residenceCertificate,
  SITES,
} from "../case/fixtures";
import { foldJournal } from "../case/fold";
import { applyEvent } from "../case/machine";
import type { CaseState } from "../case/state";
import type { CaseEvent, ItemRules } from "../case/types";
import { defaultRules, type JurisdictionRules, rulesWith } from "../config";
import {
  evaluateTimeRules,
  nextRuleDate,
  refuseSystemEvent,
  systemActor,
  systemEvent,
  systemEventId,
  type TimeRuleContext,
} from "./time-rules";

const calendar = new WorkCalendar();
const everyMaterial = [
  { code: "BANK_CARD", state: "provided" as const },
  { code: "PHOTO", state: "provided" as const },
];
const stationA = systemActor(SITES.stationA, "station");

/** 2026-11-02 is a Monday. A 高龄津贴 case taken at station A, 容缺 the bank card until `promisedBy`. */
function deferredCase(promisedBy = "2026-11-09") {
  const kit = new JournalKit("2026-11-02T01:00:00.000Z");
  kit.intake(elderlyAllowance, actors.helperA);
  kit.add(
    "update_materials",
    { materials: [{ code: "PHOTO", state: "provided" }] },
    actors.helperA,
  );
  kit.add("accept", { deferred: [{ code: "BANK_CARD", promisedBy }] }, actors.helperA);
  return kit;
}

function stateOf(events: readonly CaseEvent[]): CaseState {
  const s = foldJournal(events).state;
  if (!s) throw new Error("no case");
  return s;
}

function ctx(today: LocalDate, more: Partial<TimeRuleContext> = {}): TimeRuleContext {
  return {
    caseId: "C1",
    today,
    since: addDays(today, -1),
    calendar,
    rules: defaultRules,
    ...more,
  };
}

/** Runs the scheduler's loop on one node from `from` to `to`, one pass a day: what it did. */
function runDays(
  kit: JournalKit,
  from: LocalDate,
  to: LocalDate,
  opts: { rules?: JurisdictionRules; actor?: typeof stationA; everyDays?: number } = {},
) {
  const fired: { day: LocalDate; kind: string; rule: string; firesOn?: string }[] = [];
  let since: LocalDate | null = addDays(from, -1);
  for (let day = from; day <= to; day = addDays(day, opts.everyDays ?? 1)) {
    for (let i = 0; i < 5; i += 1) {
      const r = evaluateTimeRules(stateOf(kit.events), {
        ...ctx(day, { since, rules: opts.rules ?? defaultRules }),
      });
      if (i === 0) {
        for (const m of r.reminders)
          fired.push({ day, kind: "reminder", rule: m.rule, firesOn: m.firesOn });
        for (const n of r.notices)
          fired.push({ day, kind: "sms", rule: n.rule, firesOn: n.firesOn });
      }
      if (!r.event) break;
      const e = systemEvent(r.event, {
        caseId: "C1",
        journal: kit.events,
        actor: opts.actor ?? stationA,
      });
      const applied = applyEvent(stateOf(kit.events), e);
      expect(applied.ok, JSON.stringify(applied)).toBe(true);
      kit.events.push(e);
      fired.push({ day, kind: "event", rule: r.event.rule });
    }
    since = day;
  }
  return fired;
}

describe("rongque.remind", () => {
  it("reminds the helper at acceptance, T-3 and T-1 working days and on the due day; the resident by SMS after acceptance", () => {
    const fired = runDays(deferredCase("2026-11-09"), "2026-11-02", "2026-11-09");
    const ours = fired.filter((f) => f.rule === "rongque.remind");
    expect(ours.filter((f) => f.kind === "reminder").map((f) => f.firesOn)).toEqual([
      "2026-11-02",
      "2026-11-04",
      "2026-11-06",
      "2026-11-09",
    ]);
    expect(ours.filter((f) => f.kind === "sms").map((f) => f.firesOn)).toEqual([
      "2026-11-04",
      "2026-11-06",
      "2026-11-09",
    ]);
  });

  it("the due-day reminder names the material and is marked danger", () => {
    const r = evaluateTimeRules(stateOf(deferredCase().events), ctx("2026-11-09"));
    expect(r.reminders.filter((m) => m.rule === "rongque.remind")).toEqual([
      expect.objectContaining({
        rule: "rongque.remind",
        dueOn: "2026-11-09",
        severity: "danger",
        to: ["assignee", "first_responder"],
      }),
    ]);
    expect(r.reminders[0]?.zh).toContain("银行卡或社保卡");
    expect(r.event).toBeNull();
  });

  it("a supplied material stops its reminders", () => {
    const kit = deferredCase();
    kit.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperA);
    const r = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-09"));
    expect(r.event).toBeNull();
    expect(r.reminders.filter((m) => m.rule.startsWith("rongque"))).toEqual([]);
    expect(r.notices).toEqual([]);
  });
});

describe("rongque.overdue", () => {
  it("terminate policy: the day after the promised day the custodian terminates the case, once", () => {
    const kit = deferredCase("2026-11-09");
    const fired = runDays(kit, "2026-11-09", "2026-11-12");
    expect(fired.filter((f) => f.kind === "event")).toEqual([
      { day: "2026-11-10", kind: "event", rule: "rongque.overdue" },
    ]);
    const s = stateOf(kit.events);
    expect(s.status).toBe("TERMINATED");
    const last = kit.events.at(-1) as CaseEvent;
    expect(last.id).toBe(systemEventId("rongque.overdue", "C1", "2026-11-10"));
    expect(last.actor).toEqual(stationA);
    expect(last.payload).toMatchObject({ outcome: "terminated" });
    expect(last.rule).toEqual({ id: "rongque.overdue", dueOn: "2026-11-10" });
  });

  it("the resident is told by SMS the day it is terminated", () => {
    const fired = runDays(deferredCase("2026-11-09"), "2026-11-10", "2026-11-10");
    expect(fired.filter((f) => f.kind === "sms")).toEqual([
      { day: "2026-11-10", kind: "sms", rule: "rongque.overdue", firesOn: "2026-11-10" },
    ]);
  });

  it("only the custodian may record it: another site's system is refused by the machine", () => {
    const kit = deferredCase();
    const r = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-10"));
    const atHub = systemEvent(r.event as NonNullable<typeof r.event>, {
      caseId: "C1",
      journal: kit.events,
      actor: systemActor(SITES.center, "center"),
    });
    expect(applyEvent(stateOf(kit.events), atHub)).toMatchObject({
      ok: false,
      error: { code: "NOT_ALLOWED" },
    });
  });
});

describe("rongque.return (Taizhou: suspend with grace, then 退件)", () => {
  const taizhou = rulesWith({ deferredOverduePolicy: "suspend_then_return" });

  it("suspends the day after the promised day, then returns the case after 15 working days of grace", () => {
    const kit = deferredCase("2026-11-09");
    const fired = runDays(kit, "2026-11-09", "2026-12-03", { rules: taizhou });
    const events = fired.filter((f) => f.kind === "event");
    // 2026-11-09 + 15 working days = 2026-11-30; 退件 on 2026-12-01.
    expect(events).toEqual([
      { day: "2026-11-10", kind: "event", rule: "rongque.overdue" },
      { day: "2026-12-01", kind: "event", rule: "rongque.return" },
    ]);
    expect(stateOf(kit.events).status).toBe("TERMINATED");
    expect(kit.events.at(-1)?.payload).toMatchObject({ outcome: "returned" });
  });

  it("a material supplied during the grace resumes the case where it was suspended from", () => {
    const kit = deferredCase("2026-11-09");
    runDays(kit, "2026-11-10", "2026-11-10", { rules: taizhou });
    expect(stateOf(kit.events).status).toBe("SUSPENDED");
    kit.add(
      "supplement",
      { materials: [{ code: "BANK_CARD", attachments: [] }] },
      actors.helperA,
      "2026-11-12T02:00:00.000Z",
    );
    const fired = runDays(kit, "2026-11-12", "2026-11-12", { rules: taizhou });
    expect(fired.filter((f) => f.kind === "event").map((f) => f.rule)).toEqual(["rongque.resume"]);
    expect(stateOf(kit.events).status).toBe("ACCEPTED");
  });
});

describe("a node off for a long weekend fires each due rule once", () => {
  it("off from Thursday to Monday: one reminder (the latest), then one termination, nothing repeated", () => {
    const kit = deferredCase("2026-11-09");
    // Passes on Thursday 11-05, then nothing until Monday 11-09, the promised day.
    const thursday = runDays(kit, "2026-11-05", "2026-11-05");
    expect(thursday).toEqual([]);
    const r = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-09", { since: "2026-11-05" }));
    // Friday's T-1 and Monday's due-day reminders fall in the gap; only the latest is sent.
    const remind = r.reminders.filter((m) => m.rule === "rongque.remind");
    expect(remind.map((m) => m.firesOn)).toEqual(["2026-11-09"]);
    expect(r.notices.map((n) => n.firesOn)).toEqual(["2026-11-09"]);
    const after = runDays(kit, "2026-11-10", "2026-11-13");
    expect(after.filter((f) => f.kind === "event")).toHaveLength(1);
  });

  it("off from Thursday to Tuesday: the missed promise is terminated, and no stale 'due today' reminder is sent", () => {
    const kit = deferredCase("2026-11-09");
    const r = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-10", { since: "2026-11-05" }));
    expect(r.event?.rule).toBe("rongque.overdue");
    expect(r.reminders.filter((m) => m.rule === "rongque.remind")).toEqual([]);
    expect(r.notices.map((n) => n.template)).toEqual(["deferred_overdue"]);
  });

  it("over the National Day holiday: a rule due during the holiday fires once on the first day back", () => {
    // Accepted 2026-09-28 (Mon), bank card promised by 2026-09-30: overdue from 2026-10-01.
    const kit = new JournalKit("2026-09-28T01:00:00.000Z");
    kit.intake(elderlyAllowance, actors.helperA);
    kit.add(
      "update_materials",
      { materials: [{ code: "PHOTO", state: "provided" }] },
      actors.helperA,
    );
    kit.add(
      "accept",
      { deferred: [{ code: "BANK_CARD", promisedBy: "2026-09-30" }] },
      actors.helperA,
    );
    // The PC is off 10-01 to 10-07 and switched on on 10-08; it then runs every day.
    const fired = runDays(kit, "2026-10-08", "2026-10-12");
    expect(fired.filter((f) => f.kind === "event")).toEqual([
      { day: "2026-10-08", kind: "event", rule: "rongque.overdue" },
    ]);
    expect(kit.events.at(-1)?.rule).toEqual({ id: "rongque.overdue", dueOn: "2026-10-01" });
  });
});

describe("two nodes fire the same rule → one event", () => {
  it("the event built on two replicas is identical and folds once", () => {
    const kit = deferredCase();
    const due = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-10")).event;
    if (!due) throw new Error("nothing due");
    const one = systemEvent(due, { caseId: "C1", journal: kit.events, actor: stationA });
    const two = systemEvent(due, { caseId: "C1", journal: [...kit.events], actor: stationA });
    expect(two).toEqual(one);
    const { state } = foldJournal([...kit.events, one, two]);
    expect(state?.status).toBe("TERMINATED");
    expect(state?.applied.filter((id) => id === one.id)).toHaveLength(1);
    expect(state?.conflicts).toEqual([]);
  });

  it("fired again a day later (after a restart) it has the same id: nothing new to record", () => {
    const kit = deferredCase();
    const d1 = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-10")).event;
    const d2 = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-11")).event;
    expect(d2).toEqual(d1);
  });
});

describe("publicity.end", () => {
  function inPublicity() {
    const kit = new JournalKit("2026-11-02T01:00:00.000Z");
    kit.intake(elderlyAllowance, actors.helperA);
    kit.add("update_materials", { materials: everyMaterial }, actors.helperA);
    kit.add("accept", { deferred: [] }, actors.helperA);
    kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
    kit.add("start_review", {}, actors.reviewer);
    kit.add("suspend", { reason: "publicity" }, actors.reviewer, "2026-11-04T02:00:00.000Z");
    return kit;
  }

  it("the guide's 5 working days of 公示 end by themselves: the center's system resumes the review", () => {
    const kit = inPublicity();
    // Posted Wed 11-04; 5 working days → Wed 11-11; resumed Thu 11-12.
    expect(evaluateTimeRules(stateOf(kit.events), ctx("2026-11-11")).nextOn).toBe("2026-11-12");
    const fired = runDays(kit, "2026-11-11", "2026-11-13", {
      actor: systemActor(SITES.center, "center"),
    });
    expect(fired.filter((f) => f.kind === "event")).toEqual([
      { day: "2026-11-12", kind: "event", rule: "publicity.end" },
    ]);
    expect(stateOf(kit.events).status).toBe("IN_REVIEW");
  });
});

describe("licence.notice_late", () => {
  const licence: ItemRules = {
    ...residenceCertificate,
    code: "XK-001",
    name: "食品经营许可",
    type: "ADMIN_LICENSE",
    stationAssist: true,
  };

  it("a licence with gaps and no 补正 notice within 5 working days is flagged deemed accepted", () => {
    const kit = new JournalKit("2026-11-02T01:00:00.000Z");
    kit.add(
      "intake",
      {
        item: licence,
        mode: "assist",
        residentPresent: true,
        powerOfAttorney: false,
        originSiteId: SITES.stationA,
        materials: [{ code: "ID_CARD", state: "provided" }],
      },
      actors.helperA,
    );
    // Received Mon 11-02; the 5th working day is Mon 11-09; flagged on 11-10.
    expect(evaluateTimeRules(stateOf(kit.events), ctx("2026-11-09")).event).toBeNull();
    const fired = runDays(kit, "2026-11-10", "2026-11-11");
    expect(fired.filter((f) => f.kind !== "sms")).toEqual([
      { day: "2026-11-10", kind: "reminder", rule: "licence.notice_late", firesOn: "2026-11-10" },
      { day: "2026-11-10", kind: "event", rule: "licence.notice_late" },
    ]);
    expect(stateOf(kit.events).flags).toEqual([
      expect.objectContaining({ kind: "correction_notice_late" }),
    ]);
  });
});

describe("deadline.yellow and deadline.red", () => {
  it("remind the handler and their lead when the case turns yellow and again when it turns red", () => {
    const kit = new JournalKit("2026-11-02T01:00:00.000Z");
    kit.intake(residenceCertificate, actors.helperA);
    kit.add(
      "update_materials",
      { materials: [{ code: "STATEMENT", state: "provided" }] },
      actors.helperA,
    );
    kit.add("accept", { deferred: [] }, actors.helperA);
    // Promised 1 working day: due Tue 11-03; yellow from Mon 11-02 (≤2 left); red from 11-04.
    const fired = runDays(kit, "2026-11-02", "2026-11-05");
    expect(fired).toEqual([
      { day: "2026-11-02", kind: "reminder", rule: "deadline.yellow", firesOn: "2026-11-02" },
      { day: "2026-11-04", kind: "reminder", rule: "deadline.red", firesOn: "2026-11-04" },
    ]);
  });
});

describe("a node's first pass (no previous pass)", () => {
  it("tells a case that is already red once (the red reminder, not the yellow one before it)", () => {
    const kit = new JournalKit("2026-11-02T01:00:00.000Z");
    kit.intake(residenceCertificate, actors.helperA);
    kit.add(
      "update_materials",
      { materials: [{ code: "STATEMENT", state: "provided" }] },
      actors.helperA,
    );
    kit.add("accept", { deferred: [] }, actors.helperA);
    const r = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-20", { since: null }));
    expect(r.reminders.map((m) => [m.rule, m.firesOn])).toEqual([["deadline.red", "2026-11-04"]]);
  });
});

describe("forward.late", () => {
  it("a station case not forwarded within 3 working days reminds the station lead", () => {
    const kit = new JournalKit("2026-11-02T01:00:00.000Z");
    kit.intake(elderlyAllowance, actors.helperA);
    kit.add("update_materials", { materials: everyMaterial }, actors.helperA);
    kit.add("accept", { deferred: [] }, actors.helperA);
    const r = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-06"));
    expect(r.reminders.find((m) => m.rule === "forward.late")).toMatchObject({
      dueOn: "2026-11-05",
      firesOn: "2026-11-06",
      severity: "danger",
      to: ["lead", "assignee"],
    });
    kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
    const after = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-06"));
    expect(after.reminders.find((m) => m.rule === "forward.late")).toBeUndefined();
  });
});

describe("rating.invite and result.ready", () => {
  function completed() {
    const kit = new JournalKit("2026-11-02T01:00:00.000Z");
    kit.intake(residenceCertificate, actors.helperA);
    kit.add(
      "update_materials",
      { materials: [{ code: "STATEMENT", state: "provided" }] },
      actors.helperA,
    );
    kit.add("accept", { deferred: [] }, actors.helperA);
    kit.add("approve", {}, actors.leadA);
    kit.add("issue", {}, actors.leadA);
    return kit;
  }

  it("the resident is told the result is ready on the day it is issued", () => {
    const r = evaluateTimeRules(stateOf(completed().events), ctx("2026-11-02"));
    expect(r.notices.map((n) => n.template)).toEqual(["result_ready"]);
  });

  it("an unrated case gets one invitation 3 days after completion; a rated one none; a stale one none", () => {
    const kit = completed();
    kit.add("complete", {}, actors.helperA);
    const fired = runDays(kit, "2026-11-03", "2026-11-08");
    expect(fired.filter((f) => f.rule === "rating.invite")).toEqual([
      { day: "2026-11-05", kind: "sms", rule: "rating.invite", firesOn: "2026-11-05" },
    ]);
    const late = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-20", { since: "2026-11-01" }));
    expect(late.notices).toEqual([]);
    kit.add("rate", { level: 5, channel: "offline", stage: "completion" }, actors.resident);
    expect(evaluateTimeRules(stateOf(kit.events), ctx("2026-11-05")).notices).toEqual([]);
  });
});

describe("ab.reassign", () => {
  it("while the assignee is away the case goes to the B post once the delay is due", () => {
    const kit = deferredCase("2026-11-20");
    const abReassign = () => ({ toUserId: "u-lead-a", dueOn: "2026-11-04" });
    expect(evaluateTimeRules(stateOf(kit.events), ctx("2026-11-03", { abReassign })).nextOn).toBe(
      "2026-11-04",
    );
    const r = evaluateTimeRules(stateOf(kit.events), ctx("2026-11-04", { abReassign }));
    expect(r.event).toMatchObject({ rule: "ab.reassign", type: "reassign" });
    const e = systemEvent(r.event as NonNullable<typeof r.event>, {
      caseId: "C1",
      journal: kit.events,
      actor: stationA,
    });
    const s = applyEvent(stateOf(kit.events), e);
    expect(s.ok && s.value.assigneeId).toBe("u-lead-a");
    expect(s.ok && s.value.firstResponderId).toBe("u-helper-a");
  });
});

describe("nextRuleDate", () => {
  it("is today while something is due today, else the next day something falls due", () => {
    const s = stateOf(deferredCase("2026-11-09").events);
    expect(nextRuleDate(s, ctx("2026-11-02"))).toBe("2026-11-02");
    expect(nextRuleDate(s, ctx("2026-11-03"))).toBe("2026-11-04");
    expect(nextRuleDate(s, ctx("2026-11-10"))).toBe("2026-11-10");
  });
});

describe("refuseSystemEvent (the hub's check of a station's system event)", () => {
  const hubCtx = (today: LocalDate) => ({ caseId: "C1", today, calendar, rules: defaultRules });

  function fired() {
    const kit = deferredCase("2026-11-09");
    const before = stateOf(kit.events);
    const due = evaluateTimeRules(before, ctx("2026-11-10")).event;
    if (!due) throw new Error("nothing due");
    return { before, e: systemEvent(due, { caseId: "C1", journal: kit.events, actor: stationA }) };
  }

  it("accepts the event the rules make due", () => {
    const { before, e } = fired();
    expect(refuseSystemEvent(before, e, hubCtx("2026-11-10"))).toBeNull();
    expect(refuseSystemEvent(before, e, hubCtx("2026-11-20"))).toBeNull();
  });

  it("refuses it before it is due by the hub's clock", () => {
    const { before, e } = fired();
    expect(refuseSystemEvent(before, e, hubCtx("2026-11-09"))?.en).toMatch(/not due/);
  });

  it("refuses a forged termination: no rule, another id, an earlier due date or another payload", () => {
    const { before, e } = fired();
    const { rule: _drop, ...noRule } = e;
    expect(refuseSystemEvent(before, noRule as CaseEvent, hubCtx("2026-11-10"))).not.toBeNull();
    expect(
      refuseSystemEvent(
        before,
        { ...e, id: "sys.rongque.overdue.C1.2026-11-10x" },
        hubCtx("2026-11-10"),
      ),
    ).not.toBeNull();
    const early = {
      ...e,
      id: systemEventId("rongque.overdue", "C1", "2026-11-05"),
      at: "2026-11-04T16:00:00.000Z",
      rule: { id: "rongque.overdue", dueOn: "2026-11-05" },
    };
    expect(refuseSystemEvent(before, early, hubCtx("2026-11-10"))).not.toBeNull();
    const other = { ...e, payload: { reason: "随便终止", outcome: "terminated" } } as CaseEvent;
    expect(refuseSystemEvent(before, other, hubCtx("2026-11-10"))).not.toBeNull();
  });

  it("refuses a system termination of a case whose material was supplied", () => {
    const kit = deferredCase("2026-11-09");
    const { e } = fired();
    kit.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperA);
    expect(refuseSystemEvent(stateOf(kit.events), e, hubCtx("2026-11-10"))).not.toBeNull();
  });

  it("an AB岗 reassignment must go to someone the hub accepts as staff there", () => {
    const kit = deferredCase("2026-11-20");
    const before = stateOf(kit.events);
    const e = systemEvent(
      {
        rule: "ab.reassign",
        dueOn: "2026-11-04",
        type: "reassign",
        payload: { toUserId: "u-x", reason: "A岗缺岗" },
      },
      { caseId: "C1", journal: kit.events, actor: stationA },
    );
    expect(
      refuseSystemEvent(before, e, { ...hubCtx("2026-11-04"), assignable: (u) => u === "u-x" }),
    ).toBeNull();
    expect(
      refuseSystemEvent(before, e, { ...hubCtx("2026-11-04"), assignable: () => false }),
    ).not.toBeNull();
  });
});
