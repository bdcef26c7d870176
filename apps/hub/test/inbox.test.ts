import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, ok, stationCaller } from "./cases";
import { CENTER, type HubHarness, hubHarness, STATION_A } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

interface Row {
  caseId: string;
  originSiteId: string;
  pickupSiteId: string | null;
  promiseDueOn: string | null;
  promiseOverdue: boolean;
}
interface Inbox {
  siteId: string;
  transferred: Row[];
  pickup: Row[];
  promises: Row[];
  counts: { transferred: number; pickup: number; promises: number; total: number };
}

const ids = (rows: Row[]) => rows.map((r) => r.caseId);

describe("inbox.list (待本站处理)", () => {
  it("station A sees what waits for it: a transfer, a result to hand over, a 容缺 promise", async () => {
    const lead = await h.as("sunhua");
    const reviewer = await h.as("chenjing");
    const approver = await h.as("zhaolei");
    // Taken in at the center, sent to A for handling.
    const sent = await ok(lead, "cases.intake", elderlyIntake("13700000001"));
    await ok(lead, "cases.accept", { caseId: sent.caseId });
    await ok(lead, "cases.transfer", {
      caseId: sent.caseId,
      toSiteId: STATION_A,
      reason: "就近办理",
    });
    // Decided at the center, to be handed over at A.
    const result = await ok(lead, "cases.intake", elderlyIntake("13700000002"));
    await ok(lead, "cases.accept", { caseId: result.caseId });
    await ok(reviewer, "cases.startReview", { caseId: result.caseId });
    await ok(approver, "cases.approve", { caseId: result.caseId });
    await ok(reviewer, "cases.issue", { caseId: result.caseId, pickupSiteId: STATION_A });
    // Taken in at A with the photo owed (容缺), forwarded to the center.
    const station = stationCaller(h);
    const intake = elderlyIntake("13700000003");
    const owed = await station.cases.intake({
      ...intake,
      materials: intake.materials.filter((m) => m.code !== "PHOTO"),
    } as never);
    await station.cases.accept({
      caseId: owed.caseId,
      deferred: [{ code: "PHOTO", promisedBy: "2026-11-05" }],
      commitmentSigned: true,
    });
    await station.cases.forward({ caseId: owed.caseId });

    const inbox = (await station.inbox.list()) as unknown as Inbox;
    expect(inbox.siteId).toBe(STATION_A);
    expect(ids(inbox.transferred)).toEqual([sent.caseId]);
    expect(ids(inbox.pickup)).toEqual([result.caseId]);
    expect(inbox.pickup[0]?.pickupSiteId).toBe(STATION_A);
    expect(ids(inbox.promises)).toEqual([owed.caseId]);
    expect(inbox.promises[0]).toMatchObject({ promiseDueOn: "2026-11-05", promiseOverdue: false });
    expect(inbox.counts).toEqual({
      transferred: 1,
      pickup: 1,
      promises: 1,
      toForward: 0,
      total: 3,
    });

    // At the hub the inbox is the center's own: the case A forwarded is handled there now.
    const atCenter = await lead.query<Inbox>("inbox.list");
    expect(atCenter.data?.siteId).toBe(CENTER);
    expect(atCenter.data && ids(atCenter.data.transferred)).toEqual([owed.caseId]);
    expect(atCenter.data?.counts).toMatchObject({ pickup: 0, promises: 1, total: 1 });
    // Past the promised day the promise is overdue.
    h.setNow("2026-11-06T02:00:00.000Z");
    const later = (await station.inbox.list()) as unknown as Inbox;
    expect(later.promises[0]?.promiseOverdue).toBe(true);
  });

  it("is for receivers; an approver or an anonymous caller is refused", async () => {
    expect((await (await h.as("zhaolei")).query("inbox.list")).status).toBe(403);
    expect((await h.client().query("inbox.list")).status).toBe(401);
  });
});
