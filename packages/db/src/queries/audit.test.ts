import type { AuditEntry } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing";
import { appendAudit, listAudit } from "./audit";

const entry = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: `2026-11-23T09:00:0${n}+08:00`,
  userId: "u1",
  siteId: "330106001001",
  action: "login",
  caseId: null,
  requestId: null,
  detail: { n },
  ...over,
});

describe("audit log", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("refuses UPDATE and DELETE (append-only triggers)", async () => {
    await appendAudit(t.db, [entry(1)]);
    await expect(
      t.db.client.execute("UPDATE audit_log SET action = 'forged' WHERE id = 1"),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(t.db.client.execute("DELETE FROM audit_log")).rejects.toThrow(
      /append-only: DELETE/,
    );
    const rows = await listAudit(t.db, { limit: 10 });
    expect(rows).toEqual([{ id: 1, ...entry(1) }]);
  });

  it("lists newest first, filtered, and pages by id", async () => {
    await appendAudit(t.db, [
      entry(1),
      entry(2, { action: "case.accept", caseId: "c1", userId: "u2" }),
      entry(3, { action: "case.approve", caseId: "c1" }),
      entry(4),
    ]);
    expect((await listAudit(t.db, { caseId: "c1", limit: 10 })).map((r) => r.id)).toEqual([3, 2]);
    expect((await listAudit(t.db, { userId: "u2", limit: 10 })).map((r) => r.id)).toEqual([2]);
    expect((await listAudit(t.db, { action: "login", limit: 1 })).map((r) => r.id)).toEqual([4]);
    expect((await listAudit(t.db, { limit: 2, beforeId: 3 })).map((r) => r.id)).toEqual([2, 1]);
  });

  it("refuses an entry missing who or what, storing none of the batch", async () => {
    await expect(appendAudit(t.db, [entry(1), entry(2, { userId: "" })])).rejects.toThrow(
      /audit\[1\]\.userId/,
    );
    expect(await listAudit(t.db, { limit: 10 })).toEqual([]);
  });
});
