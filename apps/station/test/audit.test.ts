import { listAudit } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, STATION_A, type StationHarness, stationHarness } from "./harness";

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

interface Page {
  site: { siteId: string; own: boolean };
  rows: { action: string; userName: string | null; caseNumber: string | null; chain: string }[];
}

describe("audit.* (审计日志) at a station", () => {
  it("the station lead reads the station's own log, with 查阅记录, and the read is logged", async () => {
    const lead = await h.client().login("wangqiang");
    const made = await lead.mutate<{ caseId: string; caseNumber: string }>(
      "cases.intake",
      elderlyIntake(),
    );
    await lead.mutate("residents.reveal", {
      caseId: made.data?.caseId,
      purpose: { kind: "verify_identity" },
    });
    const sites = await lead.query<{ siteId: string }[]>("audit.sites");
    expect(sites.data?.map((s) => s.siteId)).toEqual([STATION_A]);
    const access = await lead.query<Page>("audit.list", { access: true });
    expect(access.data?.site).toMatchObject({ siteId: STATION_A, own: true });
    expect(access.data?.rows).toEqual([
      expect.objectContaining({
        action: "person.reveal",
        caseNumber: made.data?.caseNumber,
        chain: "ok",
      }),
    ]);
    const reads = await listAudit(h.services.db, { action: "audit.read", limit: 5 });
    expect(reads[0]?.detail).toEqual({ site: STATION_A, access: true });
  });

  it("a helper may not read it, and a station lead may not open another site's log", async () => {
    const helper = await h.client().login("zhangli");
    expect((await helper.query("audit.list", {})).status).toBe(403);
    const lead = await h.client().login("wangqiang");
    const other = await lead.query("audit.list", { site: "330106001002" });
    expect(other.error).toMatchObject({ field: "site" });
    expect((await lead.mutate("audit.verify", {})).data).toMatchObject({ result: { ok: true } });
  });
});
