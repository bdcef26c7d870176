import { describe, expect, it } from "vitest";
import { forwardTag, inboxBadge, promiseTag } from "./inbox-view";

describe("the inbox's 容缺 promises", () => {
  it("marks an overdue promise red with the days overdue", () => {
    expect(promiseTag("2026-11-20", "2026-11-23")).toEqual({
      colour: "error",
      label: "inbox.promiseOverdue",
      params: { n: 3 },
    });
  });

  it("marks a promise due today, and shows a later one by its date", () => {
    expect(promiseTag("2026-11-23", "2026-11-23")?.label).toBe("inbox.promiseToday");
    expect(promiseTag("2026-12-01", "2026-11-23")).toEqual({
      colour: "default",
      label: "inbox.promiseOn",
      params: { date: "2026-12-01" },
    });
    expect(promiseTag(null, "2026-11-23")).toBeNull();
  });

  it("badges the distinct cases waiting", () => {
    expect(inboxBadge({ total: 4 })).toBe(4);
    expect(inboxBadge(undefined)).toBe(0);
  });
});

describe("the inbox's 待转报中心", () => {
  it("a case past its forwarding limit is red with the days late; due today orange; ahead by date", () => {
    expect(forwardTag("2026-11-05", "2026-11-06")).toEqual({
      colour: "error",
      label: "inbox.forwardLate",
      params: { n: 1 },
    });
    expect(forwardTag("2026-11-06", "2026-11-06")?.colour).toBe("warning");
    expect(forwardTag("2026-11-09", "2026-11-06")?.params).toEqual({ date: "2026-11-09" });
    expect(forwardTag(null, "2026-11-06")).toBeNull();
  });
});
