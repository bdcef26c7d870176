import { actors, ComplaintJournal, complaintAboutHelperA, SITES } from "@bangban/domain/testing";
import { ComplaintBook } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlComplaintStore } from "../complaint-store";
import { type TempDb, tempDb } from "../testing";
import {
  listComplaints,
  substantiatedComplaintsBySite,
  substantiatedComplaintsByStaff,
} from "./complaints";

let t: TempDb;
let book: ComplaintBook;
beforeEach(async () => {
  t = await tempDb();
  book = new ComplaintBook(new LibsqlComplaintStore(t.db), "a".repeat(32));
});
afterEach(() => t.cleanup());

/** A complaint about station A's helper, closed by the center on `day`. */
async function closedComplaint(n: number, day: string, substantiated: boolean) {
  const j = new ComplaintJournal(`01JCOMPLAINT00000000000${String(n).padStart(3, "0")}`, day);
  await book.register(j.complaintId, j.register(), { name: "李四", phone: "13912345678" });
  for (const type of ["accept", "start_handling"] as const) {
    await book.record(j.complaintId, j.add({ type, payload: {} }, actors.reviewer));
  }
  const close = { substantiated, result: "已核实", reply: "书面答复" };
  await book.record(j.complaintId, j.add({ type: "close", payload: close }, actors.lead));
  return j;
}

describe("complaint figures", () => {
  it("属实投诉: substantiated complaints closed in the period count per target site and per staff member", async () => {
    await closedComplaint(1, "2026-03-02", true);
    await closedComplaint(2, "2026-06-01", true);
    await closedComplaint(3, "2026-06-02", false);
    await closedComplaint(4, "2025-12-30", true);
    const sites = await substantiatedComplaintsBySite(t.db, "2026-01-01", "2026-12-31");
    expect([...sites]).toEqual([[SITES.stationA, 2]]);
    const staff = await substantiatedComplaintsByStaff(t.db, "2026-01-01", "2026-12-31");
    expect([...staff]).toEqual([[actors.helperA.userId, 2]]);
  });

  it("投诉台账: lists by kind, stage and site scope, newest first", async () => {
    await closedComplaint(1, "2026-03-02", true);
    const open = new ComplaintJournal("01JCOMPLAINT00000000000009", "2026-04-01");
    const aboutB = { ...complaintAboutHelperA, target: { siteId: SITES.stationB } };
    await book.register(open.complaintId, open.register(aboutB, actors.lead), null);
    const all = await listComplaints(t.db, { kind: "complaint", limit: 10 });
    expect(all.map((r) => r.state.stage)).toEqual(["registered", "closed"]);
    expect(all[1]?.complainant?.name).toBe("李四");
    const atB = await listComplaints(t.db, { siteId: SITES.stationB, limit: 10 });
    expect(atB.map((r) => r.id)).toEqual([open.complaintId]);
    const closed = await listComplaints(t.db, {
      stages: ["closed"],
      from: "2026-03-01",
      limit: 10,
    });
    expect(closed).toHaveLength(1);
    expect(await listComplaints(t.db, { kind: "fallback", limit: 10 })).toEqual([]);
  });
});
