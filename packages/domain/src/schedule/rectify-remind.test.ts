import { describe, expect, it } from "vitest";
import { addDays, type LocalDate } from "../calendar/local-date";
import { WorkCalendar } from "../calendar/workdays";
import { actors, type JournalKit, ratedResidenceCase } from "../case/fixtures";
import { foldJournal } from "../case/fold";
import type { CaseState } from "../case/state";
import { defaultRules } from "../config";
import { evaluateTimeRules, fromRuleState, nextRuleDate, ruleStateOf } from "./time-rules";

/**
 * rectify.remind (DOMAIN.md §5): a 差评 given on Mon 2026-11-02 is due in 5 working days, on
 * Mon 2026-11-09. Its lead is reminded on Thu 11-05 (2 working days before) and on 11-09; from
 * Tue 11-10 it is red and the center lead is told too.
 */

const calendar = new WorkCalendar();

function badlyRated(anonymous = false) {
  const { kit, rating } = ratedResidenceCase(1, { anonymous });
  return { kit, ratingEventId: rating.id };
}

const fold = (kit: JournalKit): CaseState => {
  const s = foldJournal(kit.events).state;
  if (!s) throw new Error("no case");
  return s;
};

function remindersOn(s: CaseState, today: LocalDate, since: LocalDate | null = addDays(today, -1)) {
  return evaluateTimeRules(s, {
    caseId: "C1",
    today,
    since,
    calendar,
    rules: defaultRules,
  }).reminders.filter((r) => r.rule === "rectify.remind");
}

describe("rectify.remind", () => {
  it("整改提醒: 2 working days before the due day and on it, to the responsible lead", () => {
    const s = fold(badlyRated().kit);
    const seen: Record<string, unknown> = {};
    for (let d = "2026-11-02"; d <= "2026-11-12"; d = addDays(d, 1)) {
      const r = remindersOn(s, d);
      if (r.length) seen[d] = r.map((m) => [m.firesOn, m.severity, m.to.join("+")]);
    }
    expect(seen).toEqual({
      "2026-11-05": [["2026-11-05", "warning", "rectify_lead"]],
      "2026-11-09": [["2026-11-09", "warning", "rectify_lead"]],
      "2026-11-10": [["2026-11-10", "danger", "rectify_lead+center_lead"]],
    });
  });

  it("整改超期变红: overdue goes red to the lead and the center lead; told once, not every day", () => {
    const s = fold(badlyRated().kit);
    const [red] = remindersOn(s, "2026-11-10");
    expect(red).toMatchObject({ dueOn: "2026-11-09", severity: "danger" });
    expect(red?.zh).toContain("超期");
    expect(remindersOn(s, "2026-11-11")).toEqual([]);
    // A node that first looks at the case long after still tells it once.
    expect(remindersOn(s, "2026-11-20", null)).toHaveLength(1);
  });

  it("已整改不再提醒: a closed record is not reminded of, and nothing more falls due", () => {
    const { kit, ratingEventId } = badlyRated(true);
    kit.add("rectify_classify", { ratingEventId, kind: "immediate" }, actors.leadA);
    kit.add("rectify_record", { ratingEventId, text: "已整改" }, actors.leadA);
    const s = fold(kit);
    expect(remindersOn(s, "2026-11-10")).toEqual([]);
    expect(
      nextRuleDate(s, { caseId: "C1", today: "2026-11-03", calendar, rules: defaultRules }),
    ).toBeNull();
  });

  it("台账期限: a ledger deadline moves the reminders to it", () => {
    const { kit, ratingEventId } = badlyRated();
    kit.add("rectify_classify", { ratingEventId, kind: "ledger", due: "2026-11-20" }, actors.leadA);
    const s = fold(kit);
    expect(remindersOn(s, "2026-11-10")).toEqual([]);
    // 2026-11-20 is a Friday: two working days before is Wednesday 11-18.
    expect(remindersOn(s, "2026-11-18").map((r) => r.firesOn)).toEqual(["2026-11-18"]);
    expect(remindersOn(s, "2026-11-21").map((r) => r.severity)).toEqual(["danger"]);
  });

  it("调度器读得到: the projection's rule state carries the records, and next_rule_on finds the first reminder", () => {
    const s = fold(badlyRated().kit);
    const back = fromRuleState(ruleStateOf(s));
    expect(back.rectifications).toEqual(s.rectifications);
    expect(
      nextRuleDate(back, { caseId: "C1", today: "2026-11-03", calendar, rules: defaultRules }),
    ).toBe("2026-11-05");
  });

  it("旧规则状态: a rule state stored before rectifications existed still evaluates", () => {
    const { rectifications: _r, ...old } = fold(badlyRated().kit);
    expect(() => remindersOn(old as CaseState, "2026-11-10")).not.toThrow();
  });
});
