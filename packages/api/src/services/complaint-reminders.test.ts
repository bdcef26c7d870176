import { defaultRules, foldComplaint, WorkCalendar } from "@bangban/domain";
import { actors, ComplaintJournal, complaintAboutHelperA } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { complaintReminders } from "./complaint-reminders";

const calendar = new WorkCalendar();
const staff = [
  { id: actors.lead.userId, role: "center_lead" },
  { id: actors.reviewer.userId, role: "reviewer" },
];
const ctx = (today: string) => ({
  today,
  siteId: actors.lead.siteId,
  at: `${today}T01:00:00.000Z`,
  rules: defaultRules,
  calendar,
});
const row = (j: ComplaintJournal) => {
  const state = foldComplaint(j.complaintId, j.events).state;
  if (!state) throw new Error("empty");
  return { id: j.complaintId, state, complainant: null };
};

describe("complaint deadlines as reminders", () => {
  it("投诉提醒: an untaken complaint due today reminds the center lead; once overdue, in red", () => {
    const j = new ComplaintJournal("cp-1", "2026-10-08");
    j.register({ ...complaintAboutHelperA, complexity: "simple" });
    expect(complaintReminders([row(j)], staff, ctx("2026-10-07"))).toEqual([]);
    const today = complaintReminders([row(j)], staff, ctx("2026-10-08"));
    expect(today.map((r) => [r.recipientUserId, r.rule, r.severity])).toEqual([
      [actors.lead.userId, "complaint.answer", "warning"],
    ]);
    const late = complaintReminders([row(j)], staff, ctx("2026-10-09"));
    expect(late[0]).toMatchObject({ severity: "danger", id: today[0]?.id });
  });

  it("投诉提醒: once a handler takes it up, the reminders go to that handler; a closed substantiated complaint reminds of filing and callback", () => {
    const j = new ComplaintJournal("cp-2", "2026-10-08");
    j.register();
    j.add({ type: "accept", payload: {} }, actors.reviewer);
    j.add({ type: "start_handling", payload: {} }, actors.reviewer);
    j.add(
      { type: "close", payload: { substantiated: true, reply: "r", result: "x" } },
      actors.reviewer,
    );
    const r = complaintReminders([row(j)], staff, ctx("2026-10-20"));
    expect(r.map((x) => [x.rule, x.recipientUserId, x.dueOn])).toEqual([
      ["complaint.file_result", actors.reviewer.userId, "2026-10-10"],
      ["complaint.callback", actors.reviewer.userId, "2026-10-13"],
    ]);
  });

  it("办不成事提醒: the coordinator is reminded of the record's deadline, if they work here", () => {
    const j = new ComplaintJournal("fb-1", "2026-10-08");
    j.register(
      {
        kind: "fallback",
        matter: "m",
        coordinatorId: actors.reviewer.userId,
        deadline: "2026-10-09",
      },
      actors.lead,
    );
    expect(
      complaintReminders([row(j)], staff, ctx("2026-10-09")).map((r) => r.recipientUserId),
    ).toEqual([actors.reviewer.userId]);
    expect(complaintReminders([row(j)], [], ctx("2026-10-09"))).toEqual([]);
  });
});
