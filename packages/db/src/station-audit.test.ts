import { chainRows, runStationAuditTests } from "@bangban/sync/station-audit-suite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "./audit-chain";
import { appendAudit } from "./queries/audit";
import { LibsqlAuditSource, LibsqlStationAudit } from "./station-audit";
import { type TempDb, tempDb } from "./testing";

runStationAuditTests("libsql", async () => {
  const t = await tempDb("hub.db");
  return { store: new LibsqlStationAudit(t.db), teardown: t.cleanup };
});

const SITE = "330106001001";

describe("station_audit_log at the hub (libSQL)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb("hub.db");
  });
  afterEach(async () => t.cleanup());

  it("refuses UPDATE, DELETE and an insert that does not continue the site's chain", async () => {
    const store = new LibsqlStationAudit(t.db);
    const rows = chainRows(SITE, 3);
    await store.append(SITE, rows.slice(0, 2));
    await expect(
      t.db.client.execute("UPDATE station_audit_log SET action = 'x' WHERE id = 1"),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(t.db.client.execute("DELETE FROM station_audit_log")).rejects.toThrow(
      /append-only: DELETE/,
    );
    // Around the checks a writer could skip: a hole, a wrong link, a row without a hash.
    await expect(store.append(SITE, chainRows(SITE, 1, 4))).rejects.toThrow(/chain/);
    await expect(
      store.append(SITE, [{ ...(rows[2] as (typeof rows)[0]), prevHash: "0".repeat(64) }]),
    ).rejects.toThrow(/chain/);
    await expect(
      store.append(SITE, [{ ...(rows[2] as (typeof rows)[0]), hash: null, prevHash: null }]),
    ).rejects.toThrow(/chain/);
    expect(await store.range(SITE, 1, 9)).toEqual(rows.slice(0, 2));
  });

  it("校验链: verifies a station's synced log and names the first broken row", async () => {
    const store = new LibsqlStationAudit(t.db);
    await store.append(SITE, chainRows(SITE, 4));
    expect(await verifyAuditChain(t.db, SITE)).toEqual({ ok: true, rows: 4, unchained: 0 });
    expect(await verifyAuditChain(t.db, "330106001009")).toEqual({
      ok: true,
      rows: 0,
      unchained: 0,
    });
    // Someone with the database file drops the trigger and edits row 3.
    await t.db.client.execute("DROP TRIGGER station_audit_log_no_update");
    await t.db.client.execute("UPDATE station_audit_log SET user_id = 'x' WHERE id = 3");
    expect(await verifyAuditChain(t.db, SITE)).toEqual({
      ok: false,
      brokenId: 3,
      checked: 2,
      reason: "hash",
    });
  });

  it("a station reads its own rows after a cursor, bounded, exactly as the chain hashed them", async () => {
    const entry = (n: number) => ({
      at: `2026-11-23T01:00:0${n}.000Z`,
      userId: "u1",
      siteId: SITE,
      action: "auth.login.password",
      caseId: null,
      requestId: null,
      detail: { n, note: "带 中文" },
    });
    await appendAudit(t.db, [entry(1), entry(2), entry(3)]);
    const source = new LibsqlAuditSource(t.db);
    expect(await source.countAfter(1)).toBe(2);
    const two = await source.rowsAfter(0, { maxRows: 2, maxBytes: 1 << 20 });
    expect(two.map((r) => r.id)).toEqual([1, 2]);
    expect((await source.rowsAfter(0, { maxRows: 10, maxBytes: 1 })).map((r) => r.id)).toEqual([1]);
    // The rows as read continue a chain the hub verifies: stored there, they check out.
    const hub = new LibsqlStationAudit(t.db);
    await hub.append(SITE, await source.rowsAfter(0, { maxRows: 10, maxBytes: 1 << 20 }));
    expect(await verifyAuditChain(t.db, SITE)).toEqual({ ok: true, rows: 3, unchained: 0 });
  });
});
