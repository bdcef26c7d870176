import type { Actor } from "@bangban/domain";
import { actors, JournalKit, residenceCertificate, SITES } from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "../case-store";
import { projectJournal, type TempDb, tempDb } from "../testing";
import { caseCountsBySite } from "./dashboard";
import { listRectificationLedger, rectificationCountsBySite } from "./rectifications";

/** 差评整改 as the projections keep it, read back from libSQL. */

const helperB: Actor = actors.helperB;
const leadB: Actor = { ...helperB, userId: "u-lead-b", role: "station_lead" };
const residentB: Actor = { ...actors.resident, siteId: SITES.stationB };

/** A 居住证明 completed at station B on 2026-11-02 and rated `level` there. */
function ratedAtB(kit: JournalKit, level: number, anonymous = false) {
  const item = residenceCertificate;
  kit.add(
    "intake",
    {
      item,
      mode: "assist",
      residentPresent: true,
      powerOfAttorney: false,
      originSiteId: SITES.stationB,
      materials: item.materials.map((m) => ({ code: m.code, state: "provided" as const })),
    },
    helperB,
  );
  kit.add("accept", { deferred: [] }, helperB);
  kit.add("complete", {}, helperB);
  return kit.add("rate", { level, channel: "offline", stage: "completion", anonymous }, residentB)
    .id;
}

async function store(t: TempDb, build: (kit: JournalKit) => void, today = "2026-11-05") {
  const kit = new JournalKit();
  build(kit);
  const projection = projectJournal(kit.events, today);
  await new LibsqlCaseStore(t.db).commit([{ caseId: projection.caseId, changes: [], projection }]);
  return projection;
}

describe("差评整改 in the store", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("差评台账: one row per case with its site, level, due day and state; overdue ones marked", async () => {
    const open = await store(t, (kit) => ratedAtB(kit, 1));
    expect(open).toMatchObject({
      rectifySiteId: SITES.stationB,
      rectifyState: "open",
      rectifyDueOn: "2026-11-09",
      rectifyOpen: 1,
      rectifyBad: 1,
    });
    await store(t, (kit) => {
      const id = ratedAtB(kit, 2, true);
      kit.add("rectify_classify", { ratingEventId: id, kind: "immediate" }, leadB);
      kit.add("rectify_record", { ratingEventId: id, text: "已整改" }, leadB);
    });
    await store(t, (kit) => ratedAtB(kit, 5));
    const onTime = await listRectificationLedger(t.db, "2026-11-09");
    expect(onTime.map((r) => [r.level, r.state, r.dueOn, r.overdue])).toEqual([
      [1, "open", "2026-11-09", false],
      [2, "closed", null, false],
    ]);
    const late = await listRectificationLedger(t.db, "2026-11-10");
    expect(late[0]).toMatchObject({ caseId: open.caseId, siteId: SITES.stationB, overdue: true });
    expect(await listRectificationLedger(t.db, "2026-11-10", { siteId: SITES.stationA })).toEqual(
      [],
    );
    expect(
      (await listRectificationLedger(t.db, "2026-11-10", { state: "closed" })).map((r) => r.level),
    ).toEqual([2]);
    expect(await listRectificationLedger(t.db, "2026-11-10", { openOnly: true })).toHaveLength(1);
  });

  it("差评整改率与回访率的计数: closed and called back per responsible site; an upheld appeal counts nowhere", async () => {
    await store(t, (kit) => ratedAtB(kit, 1)); // open, named
    await store(t, (kit) => {
      const id = ratedAtB(kit, 1);
      kit.add("rectify_classify", { ratingEventId: id, kind: "immediate" }, leadB);
      kit.add("rectify_record", { ratingEventId: id, text: "已整改" }, leadB);
      kit.add("rectify_callback", { ratingEventId: id, reached: true, result: "认可" }, leadB);
    });
    await store(t, (kit) => {
      const id = ratedAtB(kit, 2);
      kit.add("rectify_appeal", { ratingEventId: id, reason: "误评" }, helperB);
      kit.add(
        "rectify_appeal_decide",
        { ratingEventId: id, upheld: true, reason: "属实" },
        actors.lead,
      );
    });
    const [b] = await rectificationCountsBySite(t.db, "2026-11-10");
    expect(b).toEqual({
      siteId: SITES.stationB,
      bad: 2,
      closed: 1,
      realName: 2,
      calledBack: 1,
      open: 1,
      overdue: 1,
    });
    // 满意率 leaves the upheld 差评 out: two level-1 ratings remain, the level-2 is gone.
    const counts = await caseCountsBySite(t.db, "2026-11-10");
    expect(counts.find((r) => r.siteId === SITES.stationB)?.levels).toEqual([2, 0, 0, 0, 0]);
    expect(counts.find((r) => r.siteId === SITES.stationB)?.ratedCompleted).toBe(3);
  });
});
