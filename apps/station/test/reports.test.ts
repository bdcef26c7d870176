import { listAudit } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ELDER_ID,
  ELDER_ID_MASKED,
  elderlyIntake,
  STATION_A,
  type StationHarness,
  stationHarness,
  type TrpcClient,
} from "./harness";

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

async function exportAs(c: TrpcClient, kind: string, input: unknown) {
  const res = await h.app.request(`/api/export/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: c.cookie },
    body: JSON.stringify(input),
  });
  return { res, text: await res.text() };
}

describe("reports at a station", () => {
  it("a helper can export the station's case list, masked, but not the figures", async () => {
    const helper = await h.client().login("zhangli");
    const c = await helper.mutate<{ caseId: string }>("cases.intake", elderlyIntake());
    expect(c.status).toBe(200);
    const figures = await exportAs(helper, "dashboard", { format: "csv" });
    expect(figures.res.status).toBe(403);
    expect((await helper.query("reports.monthly", { month: "2026-11" })).status).toBe(403);
    expect((await helper.query("reports.staff", {})).status).toBe(403);
    expect(await listAudit(h.services.db, { action: "export.dashboard", limit: 5 })).toEqual([]);

    const list = await exportAs(helper, "cases", { format: "csv" });
    expect(list.res.status).toBe(200);
    expect(list.text).toContain(ELDER_ID_MASKED);
    expect(list.text).not.toContain(ELDER_ID);
    // The helper may reveal the station's own open case: with a purpose, the export shows it.
    const full = await exportAs(helper, "cases", { format: "csv", reveal: { kind: "business" } });
    expect(full.text).toContain(ELDER_ID);
    const lines = await listAudit(h.services.db, { action: "export.cases", limit: 5 });
    expect(lines.map((l) => l.detail.rows)).toEqual([1, 1]);
    expect(lines[0]?.detail.reveal).toMatchObject({ purposeKind: "business", revealed: 1 });
  });

  it("the station lead's monthly report and per-staff figures hold the station's own only", async () => {
    const helper = await h.client().login("zhangli");
    await helper.mutate("cases.intake", elderlyIntake());
    const lead = await h.client().login("wangqiang");
    const staff = await lead.query<{ rows: { userId: string; siteId: string }[] }>(
      "reports.staff",
      {},
    );
    expect(staff.data?.rows.map((r) => [r.userId, r.siteId])).toEqual([["u-zhangli", STATION_A]]);
    const m = await lead.query<{
      scopeSite: string | null;
      figures: { totals: unknown; bySite: { siteId: string }[] };
    }>("reports.monthly", { month: "2026-11" });
    expect(m.error).toBeUndefined();
    expect(m.data?.scopeSite).toBe("宝石社区便民服务站");
    expect(m.data?.figures.totals).toBeNull();
    expect(m.data?.figures.bySite.map((s) => s.siteId)).toEqual([STATION_A]);
    const figures = await exportAs(lead, "dashboard", { format: "csv" });
    expect(figures.res.status).toBe(200);
    expect(figures.text).not.toContain("合计");
    expect(figures.text).toContain("张丽,帮办员");
  });
});
