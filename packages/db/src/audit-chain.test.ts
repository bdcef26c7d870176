import type { AuditEntry } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUDIT_RETENTION_DAYS, GENESIS_HASH, verifyAuditChain } from "./audit-chain";
import { LibsqlCaseStore } from "./case-store";
import { appendAudit } from "./queries/audit";
import { saveCalendarOverrides } from "./queries/calendar";
import { projectionFixture, type TempDb, tempDb } from "./testing";

const entry = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: `2026-11-23T09:00:0${n % 10}+08:00`,
  userId: "u1",
  siteId: "330106001001",
  action: "login",
  caseId: null,
  requestId: null,
  detail: { n },
  ...over,
});

/** What an attacker holding the database file can do: drop the guard and edit rows. */
async function dropTriggers(t: TempDb): Promise<void> {
  await t.db.client.executeMultiple(`
    DROP TRIGGER audit_log_no_update;
    DROP TRIGGER audit_log_no_delete;`);
}

describe("audit hash chain", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("links every writer's rows in order: case commits, appendAudit, the calendar", async () => {
    const store = new LibsqlCaseStore(t.db, { now: () => "2026-11-23T01:00:00.000Z" });
    const p = projectionFixture(1);
    await store.commit([{ caseId: p.caseId, changes: [], projection: p }], [entry(1)]);
    await appendAudit(t.db, [entry(2), entry(3)]);
    await saveCalendarOverrides(t.db, { days: {}, coveredYears: [] }, [entry(4)]);
    const { rows } = await t.db.client.execute("SELECT id, prev_hash, hash FROM audit_log");
    expect(rows).toHaveLength(4);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 4, unchained: 0 });
  });

  it("keeps one chain when many writers append at once", async () => {
    const other = await t.reopen();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => appendAudit(i % 2 ? other : t.db, [entry(i)])),
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 20, unchained: 0 });
  });

  it("a writer that lost the race to another connection retries on the new tail", async () => {
    const other = await t.reopen();
    const batch = other.client.batch.bind(other.client);
    let calls = 0;
    // The other connection's first batch waits until this one has appended: its tail is stale.
    other.client.batch = (async (stmts: Parameters<typeof batch>[0], mode) => {
      if (calls++ === 0) await appendAudit(t.db, [entry(1)]);
      return batch(stmts, mode);
    }) as typeof other.client.batch;
    await appendAudit(other, [entry(2)]);
    expect(calls).toBe(2);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 2, unchained: 0 });
  });

  it("a row tampered with raw SQL after dropping the trigger is named by verify", async () => {
    await appendAudit(t.db, [entry(1), entry(2), entry(3)]);
    await dropTriggers(t);
    await t.db.client.execute(
      `UPDATE audit_log SET detail = '{"n":9}', user_id = 'u-innocent' WHERE id = 2`,
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenId: 2, checked: 1 });
  });

  it("a row deleted, or re-hashed to hide an edit, breaks the link to the next row", async () => {
    await appendAudit(t.db, [entry(1), entry(2), entry(3), entry(4)]);
    await dropTriggers(t);
    await t.db.client.execute("DELETE FROM audit_log WHERE id = 2");
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("refuses an insert that does not extend the chain (a stale or forged prev_hash)", async () => {
    await appendAudit(t.db, [entry(1)]);
    await expect(
      t.db.client.execute(
        `INSERT INTO audit_log (at, user_id, site_id, action, detail, prev_hash, hash)
         VALUES ('x', 'u', 's', 'forged', '{}', '${GENESIS_HASH}', 'h')`,
      ),
    ).rejects.toThrow(/audit_log chain/);
  });

  it("retention: no row can be removed, so every line is kept at least 180 days", async () => {
    expect(AUDIT_RETENTION_DAYS).toBeGreaterThanOrEqual(180);
    await appendAudit(t.db, [entry(1, { at: "2020-01-01T00:00:00.000Z" })]);
    await expect(
      t.db.client.execute("DELETE FROM audit_log WHERE at < '2026-01-01'"),
    ).rejects.toThrow(/append-only: DELETE/);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 1 });
  });
});
