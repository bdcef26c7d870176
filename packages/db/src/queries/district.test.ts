import type { Actor } from "@bangban/domain";
import {
  actors,
  elderlyAllowance,
  JournalKit,
  residenceCertificate,
  SITES,
} from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "../case-store";
import { districtStaff, reportedSync, stations } from "../schema";
import { projectJournal, type TempDb, tempDb } from "../testing";
import { caseCountsBySite, caseCountsByStreet } from "./dashboard";
import { listReportedSync, listStreetSync } from "./district";
import { rectificationCountsByStreet } from "./rectifications";
import { caseCountsByStaff } from "./staff-figures";
import { createUser } from "./users";

/**
 * A district holding two streets' cases: street X (330106001, the fixtures' center with
 * stations A and B) and street Y (330106002, one station).
 */
const STREET_X = SITES.center;
const STREET_Y = "330106002";
const STATION_Y = "330106002001";
const helperY: Actor = {
  userId: "u-helper-y",
  role: "helper",
  siteId: STATION_Y,
  siteKind: "station",
};
const residentAt = (siteId: string): Actor => ({ ...actors.resident, siteId });
const TODAY = "2026-11-30";

async function store(t: TempDb, build: (kit: JournalKit) => void) {
  const kit = new JournalKit();
  build(kit);
  const projection = projectJournal(kit.events, TODAY);
  await new LibsqlCaseStore(t.db).commit([{ caseId: projection.caseId, changes: [], projection }]);
  return projection;
}

/** A 居住证明 taken in, completed and rated `level` at one station by its helper. */
function doneAt(kit: JournalKit, helper: Actor, level: number) {
  const item = residenceCertificate;
  kit.add(
    "intake",
    {
      item,
      mode: "assist",
      residentPresent: true,
      powerOfAttorney: false,
      originSiteId: helper.siteId,
      materials: item.materials.map((m) => ({ code: m.code, state: "provided" as const })),
    },
    helper,
  );
  kit.add("accept", { deferred: [] }, helper);
  kit.add("complete", {}, helper);
  kit.add("rate", { level, channel: "offline", stage: "completion" }, residentAt(helper.siteId));
}

/** 高龄津贴 taken in at X's station A, decided at X's center, handed over at `pickup`. */
function takenAtAHandedOverAt(kit: JournalKit, pickup: Actor, level: number) {
  kit.intake(elderlyAllowance, actors.helperA, true);
  kit.add("accept", { deferred: [] }, actors.helperA);
  kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
  kit.add("approve", {}, actors.approver);
  kit.add("issue", { pickupSiteId: pickup.siteId }, actors.approver);
  kit.add("complete", {}, pickup);
  kit.add("rate", { level, channel: "offline", stage: "completion" }, residentAt(pickup.siteId));
}

describe("district figures per street", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("a street's figures are its center's and its stations' summed, each at its own site", async () => {
    await store(t, (kit) => takenAtAHandedOverAt(kit, actors.helperB, 5));
    await store(t, (kit) => doneAt(kit, actors.helperA, 1));
    await store(t, (kit) => doneAt(kit, helperY, 4));
    const bySite = await caseCountsBySite(t.db, TODAY);
    const byStreet = await caseCountsByStreet(t.db, TODAY);
    expect(byStreet.map((s) => s.siteId)).toEqual([STREET_X, STREET_Y]);
    const x = byStreet.find((s) => s.siteId === STREET_X);
    expect(x).toMatchObject({ received: 2, completed: 2, ratedCompleted: 2, open: 0 });
    expect(x?.levels).toEqual([1, 0, 0, 0, 1]);
    // Nothing is invented or lost: the street's row is the sum of its sites' rows.
    const ofX = bySite.filter((s) => s.siteId.startsWith(STREET_X));
    expect(x?.completed).toBe(ofX.reduce((n, s) => n + s.completed, 0));
    expect(byStreet.find((s) => s.siteId === STREET_Y)).toMatchObject({
      received: 1,
      completed: 1,
      levels: [0, 0, 0, 1, 0],
    });
  });

  it("a case taken in at street X and completed at street Y: 收件 for X, 办结 and rating for Y", async () => {
    const p = await store(t, (kit) => takenAtAHandedOverAt(kit, helperY, 2));
    expect(p).toMatchObject({ completedSiteId: STATION_Y, ratedSiteId: STATION_Y });
    const rows = await caseCountsByStreet(t.db, TODAY);
    expect(rows.find((s) => s.siteId === STREET_X)).toMatchObject({ received: 1, completed: 0 });
    expect(rows.find((s) => s.siteId === STREET_Y)).toMatchObject({
      received: 0,
      completed: 1,
      ratedCompleted: 1,
      levels: [0, 1, 0, 0, 0],
    });
    // The 差评 is answered for where it was given: street Y.
    const rect = await rectificationCountsByStreet(t.db, TODAY);
    expect(rect).toEqual([expect.objectContaining({ siteId: STREET_Y, bad: 1, closed: 0 })]);
  });

  it("the period applies per street as per site", async () => {
    await store(t, (kit) => doneAt(kit, helperY, 4));
    expect(await caseCountsByStreet(t.db, TODAY, { from: "2026-11-03" })).toEqual([]);
  });
});

describe("staff named at the district from what each street reported", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("a street's helper, with no account at the district, is named from district_staff", async () => {
    await store(t, (kit) => doneAt(kit, helperY, 5));
    await store(t, (kit) => doneAt(kit, actors.helperA, 5));
    await t.db.orm.insert(districtStaff).values({
      userId: helperY.userId,
      streetId: STREET_Y,
      siteId: STATION_Y,
      displayName: "周帮办",
      role: "helper",
      active: true,
      reportedAt: "2026-11-29T00:00:00.000Z",
    });
    // A node's own account wins over a report about the same id.
    await createUser(t.db, {
      id: actors.helperA.userId,
      siteId: SITES.stationA,
      username: "wang",
      displayName: "王帮办",
      role: "helper",
      passwordHash: "argon2$x",
    });
    const rows = await caseCountsByStaff(t.db, TODAY);
    expect(rows.find((r) => r.userId === helperY.userId)).toMatchObject({
      displayName: "周帮办",
      siteId: STATION_Y,
      role: "helper",
      handled: 1,
      completed: 1,
    });
    expect(rows.find((r) => r.userId === actors.helperA.userId)).toMatchObject({
      displayName: "王帮办",
      siteId: SITES.stationA,
    });
    const onlyY = await caseCountsByStaff(t.db, TODAY, {}, { staffSiteId: STATION_Y });
    expect(onlyY.map((r) => r.userId)).toEqual([helperY.userId]);
  });
});

describe("差评整改 per staff member", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("a 差评 counts for the case's 办理人, as every other figure of the case", async () => {
    await store(t, (kit) => doneAt(kit, helperY, 1));
    await store(t, (kit) => doneAt(kit, helperY, 5));
    await store(t, (kit) => doneAt(kit, actors.helperA, 4));
    const rows = await caseCountsByStaff(t.db, TODAY);
    expect(rows.find((r) => r.userId === helperY.userId)?.rectification).toEqual({
      bad: 1,
      closed: 0,
      realName: 1,
      calledBack: 0,
      open: 1,
      overdue: 1,
    });
    expect(rows.find((r) => r.userId === actors.helperA.userId)?.rectification.bad).toBe(0);
  });
});

describe("data freshness at the district", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("streets are the enrolled 9-digit sites; stations as their street reported them", async () => {
    const enrolled = (siteId: string, lastPushAt: string | null) => ({
      siteId,
      credentialHash: `hash-${siteId}`,
      actorIds: "[]",
      enrolledAt: "2026-11-01T00:00:00.000Z",
      lastSeenAt: lastPushAt,
      lastPushAt,
      lastPullAt: null,
    });
    await t.db.orm
      .insert(stations)
      .values([
        enrolled(STREET_Y, "2026-11-30T01:00:00.000Z"),
        enrolled(STREET_X, null),
        enrolled(STATION_Y, "2026-11-30T02:00:00.000Z"),
      ]);
    await t.db.orm.insert(reportedSync).values({
      siteId: STATION_Y,
      streetId: STREET_Y,
      lastSeenAt: "2026-11-29T23:00:00.000Z",
      lastPushAt: "2026-11-29T23:00:00.000Z",
      lastPullAt: "2026-11-29T22:00:00.000Z",
      reportedAt: "2026-11-30T01:00:00.000Z",
    });
    const streets = await listStreetSync(t.db);
    expect(streets.map((s) => [s.siteId, s.lastPushAt])).toEqual([
      [STREET_X, null],
      [STREET_Y, "2026-11-30T01:00:00.000Z"],
    ]);
    expect(await listReportedSync(t.db)).toEqual([
      expect.objectContaining({
        siteId: STATION_Y,
        streetId: STREET_Y,
        reportedAt: "2026-11-30T01:00:00.000Z",
      }),
    ]);
  });
});
