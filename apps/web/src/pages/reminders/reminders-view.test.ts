import { describe, expect, it } from "vitest";
import { dueTag, reminderBadge, severityTag, unreadIds } from "./reminders-view";

describe("待办提醒: when it is due", () => {
  it("says 今天 and 明天 in orange", () => {
    expect(dueTag("2026-11-23", "2026-11-23")).toEqual({
      colour: "warning",
      label: "reminders.dueToday",
      params: {},
    });
    expect(dueTag("2026-11-24", "2026-11-23").label).toBe("reminders.dueTomorrow");
  });

  it("counts the days overdue in red, across a month end", () => {
    expect(dueTag("2026-11-28", "2026-12-02")).toEqual({
      colour: "error",
      label: "reminders.dueOverdue",
      params: { n: 4 },
    });
  });

  it("counts the days ahead for a later date", () => {
    expect(dueTag("2026-12-01", "2026-11-23")).toEqual({
      colour: "default",
      label: "reminders.dueIn",
      params: { n: 8 },
    });
  });
});

describe("待办提醒: tags, badge and marking", () => {
  it("colours the severity", () => {
    expect(severityTag("danger").colour).toBe("error");
    expect(severityTag("warning").label).toBe("reminders.severity.warning");
    expect(severityTag("info").colour).toBe("processing");
  });

  it("badges the unread count, none before the first answer", () => {
    expect(reminderBadge({ unread: 3 })).toBe(3);
    expect(reminderBadge(undefined)).toBe(0);
  });

  it("marks only the unread rows shown", () => {
    expect(
      unreadIds([
        { id: "a", readAt: null },
        { id: "b", readAt: "2026-11-23T01:00:00.000Z" },
        { id: "c", readAt: null },
      ]),
    ).toEqual(["a", "c"]);
  });
});
