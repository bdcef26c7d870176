import type { Actor } from "@bangban/domain";
import { actors, elderlyAllowance, JournalKit, SITES } from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "../case-store";
import { projectJournal, type TempDb, tempDb } from "../testing";
import { ratingChannelsBySite } from "./rating-channels";

const residentAtB: Actor = { ...actors.resident, siteId: SITES.stationB };
const residentAtHub: Actor = {
  userId: "resident",
  role: "resident",
  siteId: SITES.center,
  siteKind: "center",
};

/** Taken in at A, decided at the center, handed over at B (跨域通办). */
function completedAtB(kit: JournalKit) {
  kit.intake(elderlyAllowance, actors.helperA);
  const rest = elderlyAllowance.materials.filter((m) => m.requirement === "deferrable");
  kit.add(
    "supplement",
    { materials: rest.map((m) => ({ code: m.code, attachments: [] })) },
    actors.helperA,
  );
  kit.add("accept", { deferred: [] }, actors.helperA);
  kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
  kit.add("approve", {}, actors.approver);
  kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
  kit.add("complete", {}, actors.helperB);
}

async function store(t: TempDb, build: (kit: JournalKit) => void) {
  const kit = new JournalKit();
  build(kit);
  const projection = projectJournal(kit.events);
  await new LibsqlCaseStore(t.db).commit([{ caseId: projection.caseId, changes: [], projection }]);
  return projection;
}

describe("ratingChannelsBySite: the mix of rating channels", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("扫码评价 counts at the site that served the case, beside the window's rating; each rating once", async () => {
    await store(t, (kit) => {
      completedAtB(kit);
      kit.add("rate", { level: 5, channel: "offline", stage: "completion" }, residentAtB);
      kit.add("rate", { level: 2, channel: "qr", stage: "completion" }, residentAtHub);
    });
    await store(t, (kit) => {
      completedAtB(kit);
      kit.add("rate", { level: 4, channel: "qr", stage: "completion" }, residentAtHub);
    });
    await store(t, completedAtB); // not rated: counts nowhere
    expect(await ratingChannelsBySite(t.db)).toEqual([
      { siteId: SITES.stationB, channel: "offline", count: 1 },
      { siteId: SITES.stationB, channel: "qr", count: 2 },
    ]);
  });

  it("the channel mix keeps to the period, by the day the case was submitted", async () => {
    await store(t, (kit) => {
      completedAtB(kit);
      kit.add("rate", { level: 5, channel: "offline", stage: "completion" }, residentAtB);
    });
    expect(await ratingChannelsBySite(t.db, { from: "2026-11-03" })).toEqual([]);
    expect(await ratingChannelsBySite(t.db, { from: "2026-11-02", to: "2026-11-02" })).toEqual([
      { siteId: SITES.stationB, channel: "offline", count: 1 },
    ]);
  });

  it("the projection keeps every rating's channel and site, read back as stored", async () => {
    const p = await store(t, (kit) => {
      completedAtB(kit);
      kit.add("rate", { level: 2, channel: "qr", stage: "completion" }, residentAtHub);
    });
    expect(p.ratingChannels).toEqual([{ channel: "qr", siteId: SITES.stationB }]);
    expect(p.ratedSiteId).toBe(SITES.stationB);
    const back = await new LibsqlCaseStore(t.db).getProjection(p.caseId);
    expect(back?.ratingChannels).toEqual(p.ratingChannels);
  });
});
