import { actors, elderlyAllowance, JournalKit, SITES } from "@bangban/domain/testing";
import type { CaseProjection } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "../case-store";
import { projectionFixture, projectJournal, type TempDb, tempDb } from "../testing";
import { stationInbox } from "./inbox";

const A = SITES.stationA;
const B = SITES.stationB;
const CENTER = SITES.center;

async function put(t: TempDb, rows: CaseProjection[]) {
  await new LibsqlCaseStore(t.db).commit(
    rows.map((projection) => ({ caseId: projection.caseId, changes: [], projection })),
  );
}

const ids = (rows: { caseId: string }[]) => rows.map((r) => r.caseId);

describe("stationInbox: the cases waiting for this station", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("待转报中心: cases accepted here and not yet forwarded, the earliest limit first; forwarded or elsewhere, not", async () => {
    const later = projectionFixture(11, {
      originSiteId: A,
      handlingSiteId: A,
      forwardDueOn: "2026-11-10",
    });
    const sooner = projectionFixture(12, {
      originSiteId: A,
      handlingSiteId: A,
      forwardDueOn: "2026-11-05",
    });
    const forwarded = projectionFixture(13, {
      originSiteId: A,
      handlingSiteId: CENTER,
      forwardDueOn: null,
    });
    const atB = projectionFixture(14, {
      originSiteId: B,
      handlingSiteId: B,
      forwardDueOn: "2026-11-04",
    });
    const withdrawn = projectionFixture(15, {
      originSiteId: A,
      handlingSiteId: A,
      status: "WITHDRAWN",
      forwardDueOn: "2026-11-03",
    });
    await put(t, [later, sooner, forwarded, atB, withdrawn]);
    const inbox = await stationInbox(t.db, A);
    expect(ids(inbox.toForward)).toEqual([sooner.caseId, later.caseId]);
    expect(inbox.total).toBe(2);
  });

  it("transferred here, pick-up here, and 容缺 promises by due date", async () => {
    const transferredToB = projectionFixture(1, { originSiteId: A, handlingSiteId: B });
    const ownAtB = projectionFixture(2, { originSiteId: B, handlingSiteId: B });
    const readyAtB = projectionFixture(3, {
      originSiteId: A,
      handlingSiteId: CENTER,
      pickupSiteId: B,
      status: "READY_FOR_PICKUP",
    });
    const approvedForB = projectionFixture(4, {
      originSiteId: A,
      handlingSiteId: CENTER,
      pickupSiteId: B,
      status: "APPROVED",
    });
    const readyAtA = projectionFixture(5, {
      originSiteId: B,
      handlingSiteId: CENTER,
      pickupSiteId: A,
      status: "READY_FOR_PICKUP",
    });
    const doneAtB = projectionFixture(6, {
      originSiteId: A,
      handlingSiteId: B,
      pickupSiteId: B,
      status: "COMPLETED",
    });
    const laterPromise = projectionFixture(7, {
      originSiteId: B,
      handlingSiteId: CENTER,
      outstandingDeferred: 1,
      promiseDueOn: "2026-12-10",
    });
    const overduePromise = projectionFixture(8, {
      originSiteId: B,
      handlingSiteId: CENTER,
      outstandingDeferred: 2,
      promiseDueOn: "2026-11-20",
    });
    const promiseElsewhere = projectionFixture(9, {
      originSiteId: A,
      handlingSiteId: CENTER,
      outstandingDeferred: 1,
      promiseDueOn: "2026-11-21",
    });
    // Approved while handled here, no pick-up site named yet: still transferred here.
    const approvedHere = projectionFixture(10, {
      originSiteId: A,
      handlingSiteId: B,
      status: "APPROVED",
    });
    await put(t, [
      approvedHere,
      transferredToB,
      ownAtB,
      readyAtB,
      approvedForB,
      readyAtA,
      doneAtB,
      laterPromise,
      overduePromise,
      promiseElsewhere,
    ]);
    const inbox = await stationInbox(t.db, B);
    expect(ids(inbox.transferred).sort()).toEqual(
      [transferredToB.caseId, approvedHere.caseId].sort(),
    );
    expect(ids(inbox.pickup).sort()).toEqual([readyAtB.caseId, approvedForB.caseId].sort());
    expect(ids(inbox.promises)).toEqual([overduePromise.caseId, laterPromise.caseId]);
    expect(inbox.total).toBe(6);
    const atA = await stationInbox(t.db, A);
    expect(ids(atA.pickup)).toEqual([readyAtA.caseId]);
    expect(ids(atA.promises)).toEqual([promiseElsewhere.caseId]);
    expect(atA.transferred).toEqual([]);
  });

  it("a case in two lists counts once; an empty inbox is empty", async () => {
    expect(await stationInbox(t.db, B)).toMatchObject({
      transferred: [],
      pickup: [],
      promises: [],
      total: 0,
    });
    const both = projectionFixture(1, {
      originSiteId: B,
      handlingSiteId: CENTER,
      pickupSiteId: B,
      status: "APPROVED",
      outstandingDeferred: 1,
      promiseDueOn: "2026-11-25",
    });
    await put(t, [both]);
    const inbox = await stationInbox(t.db, B);
    expect(ids(inbox.pickup)).toEqual([both.caseId]);
    expect(ids(inbox.promises)).toEqual([both.caseId]);
    expect(inbox.total).toBe(1);
  });

  it("a real 容缺 journal projects its earliest outstanding promise, and drops it once supplied", async () => {
    const kit = new JournalKit();
    kit.intake(elderlyAllowance, actors.helperB);
    kit.add(
      "accept",
      {
        deferred: [
          { code: "BANK_CARD", promisedBy: "2026-11-12" },
          { code: "PHOTO", promisedBy: "2026-11-09" },
        ],
      },
      actors.helperB,
    );
    expect(projectJournal(kit.events)).toMatchObject({
      outstandingDeferred: 2,
      promiseDueOn: "2026-11-09",
    });
    kit.add("supplement", { materials: [{ code: "PHOTO", attachments: [] }] }, actors.helperB);
    const one = projectJournal(kit.events);
    expect(one).toMatchObject({ outstandingDeferred: 1, promiseDueOn: "2026-11-12" });
    await put(t, [one]);
    expect(ids((await stationInbox(t.db, B)).promises)).toEqual([one.caseId]);
    kit.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperB);
    const none = { ...projectJournal(kit.events), caseId: one.caseId, caseNumber: one.caseNumber };
    expect(none).toMatchObject({ outstandingDeferred: 0, promiseDueOn: null });
    await put(t, [none]);
    expect((await stationInbox(t.db, B)).promises).toEqual([]);
  });
});
