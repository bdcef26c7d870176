import { listAudit } from "@bangban/db";
import { chainRows } from "@bangban/sync/station-audit-suite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, stationCaller } from "./cases";
import { type HubHarness, hubHarness, STATION_A } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

interface Row {
  id: number;
  siteId: string;
  userName: string | null;
  action: string;
  caseNumber: string | null;
  detail: Record<string, unknown>;
  chain: string;
}
interface Page {
  site: { siteId: string; own: boolean };
  rows: Row[];
  next: number | null;
}

describe("audit.* (审计日志) at the hub", () => {
  it("the center lead reads the hub's log; 查阅记录 lists each reveal with its purpose; the read is itself logged", async () => {
    const c = await stationCaller(h).cases.intake(elderlyIntake() as never);
    const reviewer = await h.as("chenjing");
    await reviewer.mutate("residents.reveal", {
      caseId: c.caseId,
      purpose: { kind: "complaint", note: "12345 热线转办" },
    });
    const lead = await h.as("sunhua");
    const access = await lead.query<Page>("audit.list", { access: true });
    expect(access.data?.site).toMatchObject({ siteId: "330106001", own: true });
    expect(access.data?.rows).toHaveLength(1);
    expect(access.data?.rows[0]).toMatchObject({
      action: "person.reveal",
      userName: expect.any(String),
      caseNumber: c.caseNumber,
      chain: "ok",
    });
    expect(access.data?.rows[0]?.detail).toMatchObject({
      purpose: "投诉处理",
      note: "12345 热线转办",
    });

    const byCase = await lead.query<Page>("audit.list", { caseNumber: c.caseNumber, limit: 1 });
    expect(byCase.data?.rows).toHaveLength(1);
    const reads = await listAudit(h.services.db, { action: "audit.read", limit: 10 });
    expect(reads.map((r) => r.detail)).toEqual([
      { site: "330106001", caseNumber: c.caseNumber, access: false },
      { site: "330106001", access: true },
    ]);
    expect(reads[0]).toMatchObject({ userId: "u-sunhua", caseId: c.caseId });
  });

  it("reads a station's log as it synced up, pages it, and 校验链 finds the row edited at the hub", async () => {
    await h.services.syncHandler.pushAudit(
      { siteId: STATION_A, actorIds: [] },
      { protocol: 2, rows: chainRows(STATION_A, 5) },
    );
    const admin = await h.as("admin");
    const sites = await admin.query<{ siteId: string; own: boolean }[]>("audit.sites");
    expect(sites.data?.map((s) => s.siteId)).toContain(STATION_A);
    const first = await admin.query<Page>("audit.list", { site: STATION_A, limit: 2 });
    expect(first.data?.rows.map((r) => [r.id, r.siteId])).toEqual([
      [5, STATION_A],
      [4, STATION_A],
    ]);
    const second = await admin.query<Page>("audit.list", {
      site: STATION_A,
      limit: 2,
      before: first.data?.next,
    });
    expect(second.data?.rows.map((r) => r.id)).toEqual([3, 2]);
    expect((await admin.mutate("audit.verify", { site: STATION_A })).data).toMatchObject({
      result: { ok: true, rows: 5 },
    });
    await h.services.db.client.execute("DROP TRIGGER station_audit_log_no_update");
    await h.services.db.client.execute(
      `UPDATE station_audit_log SET detail = '{}' WHERE site_id = '${STATION_A}' AND id = 2`,
    );
    expect((await admin.mutate("audit.verify", { site: STATION_A })).data).toMatchObject({
      result: { ok: false, brokenId: 2, reason: "hash" },
    });
    const verdicts = await listAudit(h.services.db, { action: "audit.verify", limit: 1 });
    expect(verdicts[0]?.detail).toEqual({
      site: STATION_A,
      ok: false,
      brokenId: 2,
      reason: "hash",
    });
  });

  it("only the center lead and district admins read it here; bad filters name their field and log nothing", async () => {
    for (const who of ["chenjing", "zhaolei"]) {
      const r = await (await h.as(who)).query("audit.list", {});
      expect(r.status).toBe(403);
    }
    const lead = await h.as("sunhua");
    const before = (await listAudit(h.services.db, { action: "audit.read", limit: 10 })).length;
    const bad = async (input: Record<string, unknown>) =>
      (await lead.query("audit.list", input)).error;
    expect(await bad({ from: "2026-11-10", to: "2026-11-01" })).toMatchObject({ field: "to" });
    expect(await bad({ from: "2026-02-30" })).toMatchObject({ field: "from" });
    expect(await bad({ caseNumber: "12345" })).toMatchObject({ field: "caseNumber" });
    expect(await bad({ action: "DROP TABLE" })).toMatchObject({ field: "action" });
    expect(await bad({ site: "330106009999" })).toMatchObject({ field: "site" });
    expect(await bad({ limit: 1000 })).toMatchObject({ field: "limit" });
    expect((await listAudit(h.services.db, { action: "audit.read", limit: 10 })).length).toBe(
      before,
    );
  });
});
