import { actors, elderlyAllowance, JournalKit, SITES } from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "../case-store";
import { projectJournal, type TempDb, tempDb } from "../testing";
import { badRatedCases } from "./report-cases";
import { caseCountsByStaff } from "./staff-figures";
import { createUser } from "./users";

async function store(t: TempDb, build: (kit: JournalKit) => void, today?: string) {
  const kit = new JournalKit();
  build(kit);
  const projection = projectJournal(kit.events, today);
  await new LibsqlCaseStore(t.db).commit([{ caseId: projection.caseId, changes: [], projection }]);
  return projection;
}

type Actor = (typeof actors)[keyof typeof actors];

/** Intake with every material in hand, accepted by the same person. */
function accepted(kit: JournalKit, by: Actor, item = elderlyAllowance) {
  kit.intake(item, by);
  const rest = item.materials.filter((m) => m.requirement === "deferrable");
  kit.add("supplement", { materials: rest.map((m) => ({ code: m.code, attachments: [] })) }, by);
  kit.add("accept", { deferred: [] }, by);
}

/** Taken in at A by helper A, decided at the center, handed over and rated at B. */
function completedAtB(kit: JournalKit, level: number) {
  accepted(kit, actors.helperA);
  kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
  kit.add("approve", {}, actors.approver);
  kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
  kit.add("complete", {}, actors.helperB);
  kit.add(
    "rate",
    { level, channel: "offline", stage: "completion" },
    {
      ...actors.resident,
      siteId: SITES.stationB,
    },
  );
}

const TODAY = "2026-11-30";
const user = (id: string, siteId: string, displayName: string) => ({
  id,
  siteId,
  username: id,
  displayName,
  role: "helper" as const,
  passwordHash: "argon2$x",
});

describe("caseCountsByStaff: 谁办理谁负责, every figure at the case's 办理人", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
    await createUser(t.db, user(actors.helperA.userId, SITES.stationA, "王帮办"));
    await createUser(t.db, user("u-helper-a2", SITES.stationA, "李帮办"));
    await createUser(t.db, user(actors.helperB.userId, SITES.stationB, "赵帮办"));
  });
  afterEach(async () => t.cleanup());

  it("credits the person who took the case in, not who decided or handed it over", async () => {
    await store(t, (kit) => completedAtB(kit, 2));
    await store(t, (kit) => completedAtB(kit, 5));
    const rows = await caseCountsByStaff(t.db, TODAY);
    expect(rows.map((r) => r.userId)).toEqual([actors.helperA.userId]);
    expect(rows[0]).toMatchObject({
      displayName: "王帮办",
      siteId: SITES.stationA,
      handled: 2,
      completed: 2,
      withVerdict: 2,
      onTime: 2,
      ratedCompleted: 2,
      open: 0,
    });
    expect(rows[0]?.levels).toEqual([0, 1, 0, 0, 1]);
  });

  it("an AB岗 reassignment moves the case to the person it was reassigned to", async () => {
    await store(t, (kit) => {
      accepted(kit, actors.helperA);
      kit.add("reassign", { toUserId: "u-helper-a2", reason: "A岗请假" }, actors.leadA);
    });
    const rows = await caseCountsByStaff(t.db, TODAY);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: "u-helper-a2", displayName: "李帮办", open: 1 });
  });

  it("超期 against the legal limit, open and finished, judged on `today`", async () => {
    // Promised 15 working days (due 2026-11-23), legal 20 (due 2026-11-30).
    const item = { ...elderlyAllowance, legalDays: 20, publicityWorkdays: null };
    await store(t, (kit) => accepted(kit, actors.helperB, item));
    await store(
      t,
      (kit) => {
        accepted(kit, actors.helperB, item);
        kit.add("forward", { toSiteId: SITES.center }, actors.helperB);
        kit.add("approve", {}, actors.approver);
        kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver, "2026-12-01T02:00:00Z");
        kit.add("complete", {}, actors.helperB, "2026-12-01T02:00:00Z");
      },
      "2026-12-01",
    );
    const on = async (today: string) => (await caseCountsByStaff(t.db, today))[0];
    expect(await on("2026-11-30")).toMatchObject({
      handled: 2,
      overdueOpen: 0,
      overdueFinished: 1,
    });
    expect(await on("2026-12-01")).toMatchObject({
      overdueOpen: 1,
      overdueFinished: 1,
      completed: 1,
      withVerdict: 1,
      onTime: 0,
    });
  });

  it("a station lead's scope: only the station's own staff; the period applies", async () => {
    await store(t, (kit) => completedAtB(kit, 4));
    await store(t, (kit) => accepted(kit, actors.helperB));
    const all = await caseCountsByStaff(t.db, TODAY);
    expect(all.map((r) => r.userId).sort()).toEqual([actors.helperA.userId, actors.helperB.userId]);
    const atB = await caseCountsByStaff(t.db, TODAY, {}, { staffSiteId: SITES.stationB });
    expect(atB.map((r) => r.userId)).toEqual([actors.helperB.userId]);
    expect(await caseCountsByStaff(t.db, TODAY, { from: "2026-11-03" })).toEqual([]);
    expect(await caseCountsByStaff(t.db, TODAY, { to: "2026-11-02" })).toHaveLength(2);
  });
});

describe("badRatedCases: the 差评 of the period", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("lists levels 1 and 2 only, within the period and the sites asked for", async () => {
    const bad = await store(t, (kit) => completedAtB(kit, 2));
    await store(t, (kit) => completedAtB(kit, 3));
    const worst = await store(t, (kit) => completedAtB(kit, 1));
    const all = await badRatedCases(t.db, {}, { limit: 10 });
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.caseId).sort()).toEqual([bad.caseId, worst.caseId].sort());
    expect((await badRatedCases(t.db, {}, { limit: 1 })).rows).toHaveLength(1);
    expect((await badRatedCases(t.db, {}, { limit: 1 })).total).toBe(2);
    expect((await badRatedCases(t.db, { from: "2026-11-03" }, { limit: 10 })).total).toBe(0);
    expect((await badRatedCases(t.db, {}, { siteIds: [SITES.stationB], limit: 10 })).total).toBe(2);
    expect((await badRatedCases(t.db, {}, { siteIds: ["330106001099"], limit: 10 })).total).toBe(0);
  });
});
