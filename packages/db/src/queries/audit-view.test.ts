import type { AuditEntry } from "@bangban/sync";
import { chainRows } from "@bangban/sync/station-audit-suite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "../case-store";
import { LibsqlStationAudit } from "../station-audit";
import { projectionFixture, type TempDb, tempDb } from "../testing";
import { appendAudit } from "./audit";
import { listAuditView, stationAuditSites } from "./audit-view";
import { createUser } from "./users";

const STATION = "330106001001";
const CASE = projectionFixture(7);

const line = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: `2026-11-2${n}T02:00:00.000Z`,
  userId: "u-lead",
  siteId: STATION,
  action: "auth.login.password",
  caseId: null,
  requestId: null,
  detail: { n },
  ...over,
});

describe("the audit viewer's reads (libSQL)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
    await createUser(t.db, {
      id: "u-lead",
      siteId: STATION,
      username: "lead",
      displayName: "王站长",
      role: "station_lead",
      passwordHash: "x",
    });
    await new LibsqlCaseStore(t.db).commit([
      { caseId: CASE.caseId, changes: [], projection: CASE },
    ]);
    await appendAudit(t.db, [
      line(1),
      line(2, { action: "person.reveal", caseId: CASE.caseId, detail: { purpose: "办理业务" } }),
      line(3, { action: "case.accept", caseId: CASE.caseId, userId: "u-helper" }),
      line(4, { action: "case.forward", caseId: CASE.caseId }),
      line(5, { action: "archive.lookup", detail: { purpose: "核实身份", idMasked: "1101**" } }),
    ]);
  });
  afterEach(async () => t.cleanup());

  const ids = async (f: Partial<Parameters<typeof listAuditView>[1]>) =>
    (await listAuditView(t.db, { station: null, limit: 50, ...f })).map((r) => r.id);

  it("lists the node's own log newest first with the person, the case number and an intact chain", async () => {
    const rows = await listAuditView(t.db, { station: null, limit: 2 });
    expect(rows.map((r) => r.id)).toEqual([5, 4]);
    expect(rows[1]).toMatchObject({
      userName: "王站长",
      userRole: "station_lead",
      caseNumber: CASE.caseNumber,
      action: "case.forward",
      chain: "ok",
    });
    expect(rows[0]?.detail).toEqual({ purpose: "核实身份", idMasked: "1101**" });
  });

  it("filters by person, action, action family, any of several actions, case, dates, and pages by id", async () => {
    expect(await ids({ userId: "u-helper" })).toEqual([3]);
    expect(await ids({ action: "person.reveal" })).toEqual([2]);
    expect(await ids({ action: "case.*" })).toEqual([4, 3]);
    expect(await ids({ actions: ["archive.lookup", "person.reveal"] })).toEqual([5, 2]);
    expect(await ids({ caseId: CASE.caseId })).toEqual([4, 3, 2]);
    expect(await ids({ from: "2026-11-22T00:00:00.000Z", to: "2026-11-24T00:00:00.000Z" })).toEqual(
      [3, 2],
    );
    expect(await ids({ beforeId: 3, limit: 1 })).toEqual([2]);
    // A family filter is a prefix, not a LIKE pattern: `_` matches only itself.
    expect(await ids({ action: "case_*" })).toEqual([]);
  });

  it("marks the row an intruder edited and the one after a removed row", async () => {
    await t.db.client.execute("DROP TRIGGER audit_log_no_update");
    await t.db.client.execute("DROP TRIGGER audit_log_no_delete");
    await t.db.client.execute("UPDATE audit_log SET user_id = 'u-helper' WHERE id = 2");
    await t.db.client.execute("DELETE FROM audit_log WHERE id = 4");
    const chain = (await listAuditView(t.db, { station: null, limit: 9 })).map((r) => [
      r.id,
      r.chain,
    ]);
    expect(chain).toEqual([
      [5, "link"],
      [3, "ok"],
      [2, "hash"],
      [1, "ok"],
    ]);
  });

  it("reads one station's synced log at the hub, and lists the stations it holds", async () => {
    await new LibsqlStationAudit(t.db).append(STATION, chainRows(STATION, 3));
    const rows = await listAuditView(t.db, { station: STATION, limit: 2 });
    expect(rows.map((r) => [r.id, r.siteId, r.chain])).toEqual([
      [3, STATION, "ok"],
      [2, STATION, "ok"],
    ]);
    expect(await ids({ station: STATION, action: "person.reveal" })).toEqual([2]);
    expect(await ids({ station: "330106001002" })).toEqual([]);
    expect(await stationAuditSites(t.db)).toEqual([{ siteId: STATION, rows: 3 }]);
  });
});
