import { seedDemoComplaints } from "@bangban/api";
import { ulid } from "ulid";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness("2026-12-04T02:00:00.000Z");
});
afterEach(async () => {
  await h.close();
});

interface Row {
  stage: string;
  kind: string;
  substantiated: boolean | null;
  dues: { what: string; overdue: boolean }[];
}

describe("the demo's complaints", () => {
  it("every record passes the complaint machine, and the ledger and board show a month's loop", async () => {
    const n = await seedDemoComplaints({
      book: h.services.complaints,
      now: h.services.clock(),
      newId: (at, random) => ulid(at, random),
    });
    expect(n).toBe(9);
    const lead = await h.as("sunhua");
    const list = await lead.query<{ rows: Row[] }>("complaints.list", { state: "all" });
    expect(list.error).toBeUndefined();
    const stages = list.data?.rows.map((r) => r.stage).sort();
    expect(stages).toEqual([
      "accepted",
      "followed_up",
      "followed_up",
      "handling",
      "not_accepted",
      "registered",
    ]);
    // The suggestion box's complaint (simple: answered the day it came in) is red two days on.
    const waiting = list.data?.rows.find((r) => r.stage === "registered");
    expect(waiting?.dues).toEqual([expect.objectContaining({ what: "answer", overdue: true })]);
    const board = await lead.query<{
      fallbacks: Row[];
      flagged: { staffId: string; substantiated: number }[];
    }>("complaints.board", { kind: "fallback", state: "open" });
    expect(board.data?.fallbacks.map((f) => f.dues.map((d) => d.overdue))).toEqual(
      expect.arrayContaining([[true], [false]]),
    );
    // Two substantiated complaints about 张丽 this year: the center lead is told.
    expect(board.data?.flagged).toEqual([
      expect.objectContaining({ staffId: "u-zhangli", substantiated: 2 }),
    ]);
  });
});
