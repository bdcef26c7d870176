import { chinaDay, seedDemoComplaints, seedDemoHistory } from "@bangban/api";
import { DEMO_SITES, listCases } from "@bangban/db";
import { foldJournal } from "@bangban/domain";
import { colourOn } from "@bangban/sync";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HubHarness, hubHarness } from "./harness";

const NOW = "2026-12-04T07:30:00.000Z"; // a Friday afternoon in China
const today = chinaDay(new Date(NOW));
let beishan: HubHarness;
let xixi: HubHarness;

/** Seeds a street's history and complaints at its hub, as `seed --demo --history` does. */
async function seed(h: HubHarness, street?: string) {
  const history = await seedDemoHistory({
    street,
    repo: h.services.repo,
    actorId: h.services.actorId,
    db: h.services.db,
    calendar: h.services.calendar.get(),
    now: new Date(NOW),
    newId: (t, r) => ulid(t, r),
  });
  const complaints = await seedDemoComplaints({
    book: h.services.complaints,
    now: new Date(NOW),
    newId: (t, r) => ulid(t, r),
    street,
  });
  return { ...history, complaints };
}

let seeded: Awaited<ReturnType<typeof seed>>;
beforeAll(async () => {
  beishan = await hubHarness(NOW);
  xixi = await hubHarness(NOW, DEMO_SITES.center2);
  await seed(beishan);
  seeded = await seed(xixi, DEMO_SITES.center2);
});
afterAll(async () => {
  await beishan.close();
  await xixi.close();
});

async function allCases(h: HubHarness) {
  return (await listCases(h.services.db, { today, limit: 1000 })).rows;
}

interface Rate {
  value: number | null;
}
interface Figures {
  totals: { received: number };
  rates: { onTime: Rate; activeRating: Rate; satisfaction: Rate };
}
async function figures(h: HubHarness): Promise<Figures> {
  const admin = await h.as("admin");
  const r = await admin.query<Figures>("dashboard.figures", {});
  expect(r.error).toBeUndefined();
  return r.data as Figures;
}

describe("the second demo street (西溪) at its own hub", () => {
  it("holds its own staff and the district's admin; 北山's staff cannot sign in there", async () => {
    for (const username of ["guomin", "linfang", "hewei", "admin"]) {
      const me = await (await xixi.as(username)).query<{
        user: { username: string } | null;
        node: { siteId: string; siteName: string };
      }>("auth.me");
      expect(me.data?.user?.username).toBe(username);
      expect(me.data?.node).toMatchObject({
        siteId: "330106002",
        siteName: "西溪街道便民服务中心",
      });
    }
    const refused = await xixi.client().mutate("auth.login", {
      username: "chenjing",
      password: "bangban2026",
    });
    expect(refused.status).not.toBe(200);
    expect(refused.error?.code).toBeDefined();
  });

  it("has months of cases at its own station and center only, every one folding cleanly", async () => {
    const rows = await allCases(xixi);
    expect(rows).toHaveLength(seeded.cases);
    expect(new Set(rows.map((r) => r.originSiteId))).toEqual(
      new Set([DEMO_SITES.stationC, DEMO_SITES.center2]),
    );
    for (const r of rows) {
      for (const site of [r.handlingSiteId, r.pickupSiteId, r.completedSiteId]) {
        if (site !== null) expect([DEMO_SITES.stationC, DEMO_SITES.center2]).toContain(site);
      }
      const view = await xixi.services.repo.get(r.caseId);
      const folded = foldJournal(view?.record.journal ?? []);
      expect(folded.state?.conflicts, r.caseNumber).toEqual([]);
      expect(folded.state?.status).toBe(r.status);
    }
    const red = rows.filter((r) => colourOn(r, today) === "red");
    expect(red.some((r) => r.originSiteId === DEMO_SITES.stationC)).toBe(true);
    expect(seeded.complaints).toBe(4);
  });

  it("gives the district something to compare: fewer cases, later, less often rated than 北山", async () => {
    const [one, two] = [await figures(beishan), await figures(xixi)];
    expect(two.totals.received).toBeLessThan(one.totals.received / 2);
    expect(two.rates.onTime.value ?? 1).toBeLessThan(one.rates.onTime.value ?? 0);
    expect(two.rates.activeRating.value ?? 1).toBeLessThan(one.rates.activeRating.value ?? 0);
    expect(two.rates.satisfaction.value ?? 1).toBeLessThan(one.rates.satisfaction.value ?? 0);
  });

  it("its complaints are 西溪's: its station's slowness, one 兜底 past its deadline", async () => {
    const lead = await xixi.as("guomin");
    const list = await lead.query<{ rows: { stage: string }[] }>("complaints.list", {
      state: "all",
    });
    expect(list.error).toBeUndefined();
    expect(list.data?.rows.map((r) => r.stage).sort()).toEqual([
      "followed_up",
      "handling",
      "registered",
    ]);
    const board = await lead.query<{ fallbacks: { dues: { overdue: boolean }[] }[] }>(
      "complaints.board",
      { kind: "fallback", state: "open" },
    );
    expect(board.data?.fallbacks.map((f) => f.dues.map((d) => d.overdue))).toEqual([[true]]);
  });
});
