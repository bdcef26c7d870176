import type { ItemRules } from "@bangban/domain";
import { actors, elderlyAllowance, JournalKit, SITES } from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "../case-store";
import { projectJournal, type TempDb, tempDb } from "../testing";
import { caseCountsBySite } from "./dashboard";

/** A case from a real journal, projected the way every node projects it, stored in libSQL. */
async function store(t: TempDb, build: (kit: JournalKit) => void, today?: string) {
  const kit = new JournalKit();
  build(kit);
  const projection = projectJournal(kit.events, today);
  await new LibsqlCaseStore(t.db).commit([{ caseId: projection.caseId, changes: [], projection }]);
  return projection;
}

/** Intake at A with every material in hand, accepted there. */
function acceptedAtA(kit: JournalKit, item: ItemRules = elderlyAllowance) {
  kit.intake(item, actors.helperA);
  const rest = item.materials.filter((m) => m.requirement === "deferrable");
  kit.add(
    "supplement",
    { materials: rest.map((m) => ({ code: m.code, attachments: [] })) },
    actors.helperA,
  );
  kit.add("accept", { deferred: [] }, actors.helperA);
}

const TODAY = "2026-11-30";
const residentAtB = { ...actors.resident, siteId: SITES.stationB };

/** Taken in at A, decided at the center, handed over and rated at B (跨域通办). */
function takenAtACompletedAtB(kit: JournalKit, level: number) {
  acceptedAtA(kit);
  kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
  kit.add("approve", {}, actors.approver);
  kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
  kit.add("complete", {}, actors.helperB);
  kit.add("rate", { level, channel: "offline", stage: "completion" }, residentAtB);
}

describe("caseCountsBySite: each figure at the site it belongs to", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("收件 at the intake site, 办结 and the rating at the completing site", async () => {
    const p = await store(t, (kit) => takenAtACompletedAtB(kit, 2));
    expect(p).toMatchObject({ completedSiteId: SITES.stationB, ratedSiteId: SITES.stationB });
    const rows = await caseCountsBySite(t.db, TODAY);
    const a = rows.find((r) => r.siteId === SITES.stationA);
    const b = rows.find((r) => r.siteId === SITES.stationB);
    expect(a).toMatchObject({ received: 1, completed: 0, ratedCompleted: 0 });
    expect(a?.levels).toEqual([0, 0, 0, 0, 0]);
    expect(b).toMatchObject({ received: 0, completed: 1, withVerdict: 1, onTime: 1 });
    expect(b).toMatchObject({ ratedCompleted: 1 });
    expect(b?.levels).toEqual([0, 1, 0, 0, 0]);
    // The center decided but neither took in, completed, holds open nor was rated: not listed.
    expect(rows.map((r) => r.siteId).sort()).toEqual([SITES.stationA, SITES.stationB]);
  });

  it("an open case counts as open where it is handled now, and lists that site", async () => {
    await store(t, (kit) => {
      acceptedAtA(kit);
      kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
    });
    const rows = await caseCountsBySite(t.db, TODAY);
    expect(rows.find((r) => r.siteId === SITES.stationA)).toMatchObject({ received: 1, open: 0 });
    expect(rows.find((r) => r.siteId === SITES.center)).toMatchObject({ received: 0, open: 1 });
  });

  it("a site with nothing to count is not listed with zeros; the period still applies", async () => {
    expect(await caseCountsBySite(t.db, TODAY)).toEqual([]);
    await store(t, (kit) => takenAtACompletedAtB(kit, 5));
    expect(await caseCountsBySite(t.db, TODAY, { from: "2026-11-03" })).toEqual([]);
    const rows = await caseCountsBySite(t.db, TODAY, { from: "2026-11-02", to: "2026-11-02" });
    for (const r of rows) {
      const total = r.received + r.open + r.completed + r.levels.reduce((x, y) => x + y, 0);
      expect(total, r.siteId).toBeGreaterThan(0);
    }
  });

  it("终止/退件: a case the rules terminated counts where it was held, never as completed or on time", async () => {
    await store(t, (kit) => {
      kit.intake(elderlyAllowance, actors.helperA);
      kit.add("supplement", { materials: [{ code: "PHOTO", attachments: [] }] }, actors.helperA);
      kit.add(
        "accept",
        { deferred: [{ code: "BANK_CARD", promisedBy: "2026-11-09" }] },
        actors.helperA,
      );
      const system = {
        userId: "system",
        role: "system",
        siteId: SITES.stationA,
        siteKind: "station",
      } as const;
      kit.add("terminate", { reason: "容缺材料逾期未补", outcome: "terminated" }, system);
    });
    const [a] = await caseCountsBySite(t.db, TODAY);
    expect(a).toMatchObject({
      siteId: SITES.stationA,
      received: 1,
      open: 0,
      completed: 0,
      withVerdict: 0,
      onTime: 0,
      terminated: 1,
    });
  });

  it("超期 counts against the legal limit; 按时办结率 against the promised one", async () => {
    // Promised 15 working days (due 2026-11-23), legal 20 (due 2026-11-30).
    const item = { ...elderlyAllowance, legalDays: 20, publicityWorkdays: null };
    const issuedOn = (at: string) => (kit: JournalKit) => {
      acceptedAtA(kit, item);
      kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
      kit.add("approve", {}, actors.approver);
      kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver, at);
      kit.add("complete", {}, actors.helperB, at);
    };
    // Late against the promise, within the law: not 超期.
    const between = await store(t, issuedOn("2026-11-25T02:00:00.000Z"));
    expect(between).toMatchObject({ onTime: false, legalDueOn: "2026-11-30", legalOnTime: true });
    // Late against both.
    await store(t, issuedOn("2026-12-01T02:00:00.000Z"), "2026-12-01");
    // Open at the center, past the legal due day on 2026-12-01 but not on 2026-11-30.
    await store(t, (kit) => {
      acceptedAtA(kit, item);
      kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
    });
    // No legal limit: never 超期, however late.
    await store(t, (kit) => acceptedAtA(kit));

    const on = async (today: string) => {
      const rows = await caseCountsBySite(t.db, today);
      const b = rows.find((r) => r.siteId === SITES.stationB);
      const center = rows.find((r) => r.siteId === SITES.center);
      const a = rows.find((r) => r.siteId === SITES.stationA);
      return { b, center, a };
    };
    const late = await on("2026-12-01");
    expect(late.b).toMatchObject({ completed: 2, withVerdict: 2, onTime: 0, overdueFinished: 1 });
    expect(late.center).toMatchObject({ open: 1, overdueOpen: 1 });
    expect(late.a).toMatchObject({ open: 1, overdueOpen: 0 });
    expect((await on("2026-11-30")).center).toMatchObject({ open: 1, overdueOpen: 0 });
  });
});
