import { chinaDay, planHistory, seedDemoHistory } from "@bangban/api";
import { listCases } from "@bangban/db";
import { foldJournal, WorkCalendar } from "@bangban/domain";
import { colourOn } from "@bangban/sync";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HubHarness, hubHarness, STATION_A, STATION_B } from "./harness";

const NOW = "2026-12-04T07:30:00.000Z"; // a Friday afternoon in China
let h: HubHarness;
let seeded: { cases: number; events: number };

beforeAll(async () => {
  h = await hubHarness(NOW);
  seeded = await seedDemoHistory({
    repo: h.services.repo,
    actorId: h.services.actorId,
    db: h.services.db,
    calendar: h.services.calendar.get(),
    now: new Date(NOW),
    newId: (t, r) => ulid(t, r),
  });
});
afterAll(async () => {
  await h.close();
});

async function allCases() {
  const { rows } = await listCases(h.services.db, { today: chinaDay(new Date(NOW)), limit: 1000 });
  return rows;
}

describe("the demo's seeded history", () => {
  it("is months of cases over both stations and the center", async () => {
    expect(seeded.cases).toBeGreaterThan(250);
    const rows = await allCases();
    expect(rows).toHaveLength(seeded.cases);
    const origins = new Set(rows.map((r) => r.originSiteId));
    expect(origins).toEqual(new Set([STATION_A, STATION_B, "330106001"]));
    const days = rows.map((r) => r.submittedAt).sort();
    expect(Date.parse(NOW) - Date.parse(days[0] ?? NOW)).toBeGreaterThan(80 * 86_400_000);
    // Station cases end before today: a station numbers today's intake itself.
    const today = chinaDay(new Date(NOW));
    for (const r of rows.filter((x) => x.originSiteId !== "330106001"))
      expect(r.caseNumber.includes(today.replaceAll("-", ""))).toBe(false);
  });

  it("shows every colour today, late and on-time completions, 容缺 owed, 跨域 pick-ups", async () => {
    const rows = await allCases();
    const today = chinaDay(new Date(NOW));
    const colours = new Set(rows.map((r) => colourOn(r, today)));
    expect(colours).toEqual(new Set(["green", "yellow", "red", "none"]));
    const done = rows.filter((r) => r.status === "COMPLETED");
    expect(done.some((r) => r.onTime === true)).toBe(true);
    expect(done.some((r) => r.onTime === false)).toBe(true);
    expect(rows.some((r) => r.outstandingDeferred > 0 && r.status !== "TERMINATED")).toBe(true);
    expect(
      rows.some((r) => r.status === "READY_FOR_PICKUP" && r.pickupSiteId !== r.originSiteId),
    ).toBe(true);
    expect(done.some((r) => r.completedSiteId !== r.originSiteId)).toBe(true);
    // Waiting at B after a transfer from A: B's inbox shows it.
    expect(
      rows.some(
        (r) =>
          r.handlingSiteId === STATION_B && r.originSiteId === STATION_A && r.status === "ACCEPTED",
      ),
    ).toBe(true);
    // A few 差评 among mostly satisfied ratings.
    const rated = rows.filter((r) => r.ratingLevel !== null);
    const bad = rated.filter((r) => (r.ratingLevel ?? 5) <= 2);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.length / rated.length).toBeLessThan(0.12);
  });

  it("has 差评 rectified and called back, transfers and 公示; every case folds without a conflict", async () => {
    const rows = await allCases();
    const bad = rows.filter((r) => r.ratingLevel !== null && r.ratingLevel <= 2);
    expect(bad.length).toBeGreaterThan(0);
    const kinds = new Set<string>();
    for (const r of rows) {
      const view = await h.services.repo.get(r.caseId);
      for (const e of view?.record.journal ?? []) kinds.add(e.type);
      expect(view, r.caseNumber).not.toBeNull();
      const folded = foldJournal(view?.record.journal ?? []);
      expect(folded.orphans, r.caseNumber).toEqual([]);
      expect(folded.state?.conflicts, r.caseNumber).toEqual([]);
      expect(folded.state?.status).toBe(r.status);
    }
    expect(kinds.has("transfer")).toBe(true);
    expect(kinds.has("suspend")).toBe(true);
    const handled = await Promise.all(bad.map((r) => h.services.repo.get(r.caseId)));
    const states = handled.flatMap((v) => v?.state.rectifications.map((x) => x.state) ?? []);
    expect(states.length).toBe(bad.length);
    expect(states).toContain("closed");
  });

  it("is the same plan for the same day and seed", () => {
    const calendar = new WorkCalendar();
    const a = planHistory({ calendar, now: new Date(NOW) });
    const b = planHistory({ calendar, now: new Date(NOW) });
    expect(b).toEqual(a);
    expect(planHistory({ calendar, now: new Date(NOW), seed: 7 })).not.toEqual(a);
  });
});
