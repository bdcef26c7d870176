import {
  getItem,
  getSite,
  type ReferenceData,
  saveCalendarOverrides,
  saveCatalogItems,
  updateUser,
  upsertSites,
} from "@bangban/db";
import { PROTOCOL_VERSION } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HubHarness, hubHarness, STATION_A } from "./harness";

/**
 * The reference data a station takes every round is answered from what the hub built last time
 * while nothing it is made of has changed (a storm of 200 stations each asking for it cost the
 * hub a few ms a round). These are the ways it could go stale: each change a station must get at
 * its next round, on a real libSQL file.
 */
let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

const station = { siteId: STATION_A, actorIds: [] };
const ask = (known = "") =>
  h.services.syncHandler.reference(station, { protocol: PROTOCOL_VERSION, known }) as Promise<{
    version: string;
    data: ReferenceData | null;
  }>;

describe("reference data answered from the last build while nothing changed", () => {
  it("unchanged: the same version, and nothing sent to a station that holds it", async () => {
    const first = await ask();
    expect(first.data?.users.length).toBeGreaterThan(0);
    expect(await ask()).toEqual(first);
    expect(await ask(first.version)).toEqual({ version: first.version, data: null });
  });

  it("a user renamed, a PIN reset or a B岗 set at the hub reaches the next round", async () => {
    const first = await ask();
    await updateUser(h.services.db, "u-zhangli", { displayName: "张丽华" });
    const renamed = await ask(first.version);
    expect(renamed.version).not.toBe(first.version);
    expect(renamed.data?.staff?.find((s) => s.id === "u-zhangli")?.displayName).toBe("张丽华");
    await updateUser(h.services.db, "u-zhangli", { pinHash: "changed" });
    const reset = await ask(renamed.version);
    expect(reset.data?.users.find((u) => u.id === "u-zhangli")?.pinHash).toBe("changed");
  });

  it("a site changed, a catalog version published or the calendar saved reaches the next round", async () => {
    let last = (await ask()).version;
    const next = async () => {
      const r = await ask(last);
      expect(r.data).not.toBeNull();
      last = r.version;
      return r.data as ReferenceData;
    };
    const site = await getSite(h.services.db, STATION_A);
    if (!site) throw new Error("no demo station");
    await upsertSites(h.services.db, [
      { ...site, phone: "0571-88880000", version: site.version + 1 },
    ]);
    expect((await next()).sites.find((s) => s.id === STATION_A)?.phone).toBe("0571-88880000");
    const item = await getItem(h.services.db, "MZ-GF-001");
    if (!item) throw new Error("no demo item");
    await saveCatalogItems(h.services.db, [{ ...item, version: item.version + 1 }]);
    expect(
      (await next()).catalog.some((c) => c.code === "MZ-GF-001" && c.version === item.version + 1),
    ).toBe(true);
    const calendar = { days: { "2026-12-31": "rest" as const }, coveredYears: [2026] };
    await saveCalendarOverrides(h.services.db, calendar);
    expect((await next()).calendar).toEqual(calendar);
  });

  it("a change no stamp sees (written around the versions) is picked up within a minute, not sooner", async () => {
    const first = await ask();
    await h.services.db.client.execute({
      sql: "UPDATE sites SET phone = '0571-00000000' WHERE id = ?",
      args: [STATION_A],
    });
    // Answered from the last build meanwhile: that is what saves the storm its reads.
    h.setNow("2026-11-02T02:00:59.000Z");
    expect(await ask(first.version)).toEqual({ version: first.version, data: null });
    h.setNow("2026-11-02T02:01:00.000Z");
    const later = await ask(first.version);
    expect(later.data?.sites.find((s) => s.id === STATION_A)?.phone).toBe("0571-00000000");
  });
});
