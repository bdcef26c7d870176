import { COMPLAINT_PULL_CURSOR } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enrolStreet, upstreamOf } from "./district-link";
import { type HubHarness, hubHarness, STATION_A } from "./harness";

/**
 * Complaints across a district's streets, with the shipped hubs in process (libSQL files, the
 * district's HTTP app): the anonymous flag fixed at registration, and a complaint registered at
 * one street about another street's station coming down to that street.
 */
const WEST = "330106002";
const STATION_C = "330106002001";

interface Row {
  id: string;
  siteId: string;
  anonymous: boolean | null;
  complainant: unknown;
  complainantHidden: boolean;
}

const complaint = (target: { siteId: string }, named: boolean) => ({
  channel: "cant_get_it_done_desk",
  target,
  content: "窗口推诿，材料被退回三次",
  written: false,
  complexity: "simple",
  complainant: named ? { name: "李四", phone: "13912345678" } : null,
});

let district: HubHarness;
let north: HubHarness;
let west: HubHarness;
beforeEach(async () => {
  district = await hubHarness(undefined, "330106");
  north = await hubHarness();
  west = await hubHarness(undefined, WEST);
});
afterEach(async () => {
  for (const h of [west, north, district]) await h.close();
});

/**
 * Both streets enrolled with the district, each with its loop carrying its complaints, after a
 * first round (the district's site tree: 北山 then knows 西溪's station).
 */
async function linked() {
  const up = async (street: HubHarness) => {
    const loop = upstreamOf(district, street, await enrolStreet(district, street), {
      complaints: street.services.complaints,
    });
    await loop.syncOnce();
    return loop;
  };
  return { upNorth: await up(north), upWest: await up(west) };
}

async function registerAtNorth(target: { siteId: string }, named: boolean) {
  const lead = await north.as("sunhua");
  const r = await lead.mutate<{ id: string }>("complaints.register", complaint(target, named));
  expect(r.error ?? null).toBeNull();
  return r.data?.id as string;
}

const ledger = async (h: HubHarness, username: string) =>
  (await (await h.as(username)).query<{ rows: Row[] }>("complaints.list", { state: "all" })).data
    ?.rows ?? [];

describe("complaints across the district's streets", () => {
  it("the district tells an anonymous complaint from one whose complainant the street keeps", async () => {
    const { upNorth } = await linked();
    const named = await registerAtNorth({ siteId: STATION_A }, true);
    const anonymous = await registerAtNorth({ siteId: STATION_A }, false);
    await upNorth.syncOnce();
    const rows = await ledger(district, "admin");
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(named)).toMatchObject({ anonymous: false, complainant: null });
    expect(byId.get(anonymous)).toMatchObject({ anonymous: true, complainant: null });
    // The street that registered them: its own ledger as before, the complainant masked.
    const own = new Map((await ledger(north, "chenjing")).map((r) => [r.id, r]));
    expect(own.get(named)?.complainant).toEqual({ nameMasked: "李*", phoneMasked: "139****5678" });
    expect(own.get(anonymous)).toMatchObject({ anonymous: true, complainant: null });
  });

  it("the 投诉台账 export says 匿名 or 街道留存 as the screen does, never a bare dash", async () => {
    const { upNorth } = await linked();
    const named = await registerAtNorth({ siteId: STATION_A }, true);
    const anonymous = await registerAtNorth({ siteId: STATION_A }, false);
    await upNorth.syncOnce();
    const exported = async (h: HubHarness, username: string) => {
      const who = await h.as(username);
      const res = await h.app.request("/api/export/complaints", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: who.cookie },
        body: JSON.stringify({ format: "csv", state: "all" }),
      });
      expect(res.status).toBe(200);
      const lines = (await res.text()).split(/\r?\n/);
      const column = (lines[0] ?? "").split(",").indexOf("投诉人");
      expect(column).toBeGreaterThan(-1);
      const of = (id: string) => lines.find((l) => l.startsWith(id))?.split(",")[column];
      return { named: of(named), anonymous: of(anonymous) };
    };
    expect(await exported(district, "admin")).toEqual({ named: "街道留存", anonymous: "匿名" });
    // The registering street: the complainant masked, as on its screen.
    expect(await exported(north, "chenjing")).toEqual({
      named: "李*（139****5678）",
      anonymous: "匿名",
    });
  });

  it("registered at 北山 about 西溪's station: it reaches 西溪, without the complainant; 北山's own stays there", async () => {
    const { upNorth, upWest } = await linked();
    const aboutWest = await registerAtNorth({ siteId: STATION_C }, true);
    const aboutNorth = await registerAtNorth({ siteId: STATION_A }, true);
    await upNorth.syncOnce();
    await upWest.syncOnce();
    const rows = await ledger(west, "linfang");
    expect(rows.map((r) => r.id)).toEqual([aboutWest]);
    expect(rows[0]).toMatchObject({ anonymous: false, complainant: null, siteId: "330106001" });
    expect(await west.services.complaints.get(aboutNorth)).toBeNull();
    expect((await west.services.complaints.get(aboutWest))?.complainant).toBeNull();
    expect(upWest.status().refusedComplaints).toEqual([]);
  });

  it("one the district held before its scope reached the other street comes down on that street's next round", async () => {
    const { upNorth, upWest } = await linked();
    const aboutWest = await registerAtNorth({ siteId: STATION_C }, true);
    await upNorth.syncOnce();
    // 西溪's loop under the old rule had pulled past it (the cursor at the district's last save).
    const last = (await district.services.complaints.get(aboutWest))?.seq as number;
    await west.services.repo.store.setCursor(COMPLAINT_PULL_CURSOR, last);
    await upWest.syncOnce();
    expect(await west.services.complaints.get(aboutWest)).not.toBeNull();
  });
});
