import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CaseWrite, changeKey } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "./audit-chain";
import { LibsqlCaseStore } from "./case-store";
import { appendAudit, listAudit } from "./queries/audit";
import { listStations, touchStation } from "./queries/stations";
import { stations } from "./schema";
import { fileTempDb, projectionFixture, type TempDb } from "./testing";
import { WriteGroup } from "./write-group";

const change = (hash: string, n: number) => ({ hash, actor: "aa", bytes: new Uint8Array([n]) });

/** Changes of case `n` by hash, as `hasChanges` is asked. */
function keys(n: number, ...hashes: string[]) {
  return hashes.map((hash) => ({ caseId: projectionFixture(n).caseId, hash }));
}

function write(n: number, over: Partial<CaseWrite> = {}): CaseWrite {
  const projection = projectionFixture(n);
  return {
    caseId: projection.caseId,
    changes: [change(`h${n}a`, n), change(`h${n}b`, n + 1)],
    projection,
    ...over,
  };
}

const entry = (n: number) => ({
  at: "2026-12-06T09:00:00+08:00",
  userId: `u${n}`,
  siteId: "330106001001",
  action: "case.intake",
  caseId: projectionFixture(n).caseId,
  requestId: `r${n}`,
  detail: { n },
});

/**
 * The case store's group commit (WriteGroup, a hub's `openDb(…, { groupCommit: true })`): writes
 * made before the event loop's next turn share one transaction, each in its own savepoint. A
 * file only (a libSQL server's writes go through the client): both test projects run these on
 * a file.
 */
describe("WriteGroup (group commit on a file)", () => {
  let t: TempDb;
  let store: LibsqlCaseStore;
  let writer: WriteGroup;
  beforeEach(async () => {
    t = await fileTempDb("hub.db", { groupCommit: true });
    store = new LibsqlCaseStore(t.db, { now: () => "2026-12-06T01:00:00.000Z" });
    writer = t.db.writer as WriteGroup;
  });
  afterEach(async () => t.cleanup());

  it("records a station's sync activity on the write thread, in the group of the case writes", async () => {
    await t.db.orm.insert(stations).values({
      siteId: "330106001001",
      credentialHash: "c".repeat(64),
      actorIds: JSON.stringify(["aa"]),
      enrolledAt: "2026-12-06T00:00:00.000Z",
    });
    // A write on the serving connection would wait for the write thread's lock with the event
    // loop stopped; through the thread, it joins the turn's group.
    await Promise.all([
      store.commit([write(1)]),
      touchStation(t.db, "330106001001", "push", "2026-12-06T01:00:00.000Z"),
    ]);
    expect(writer.status).toEqual({ groups: 1, writes: 2, refused: 0, largest: 2 });
    const [st] = await listStations(t.db);
    expect(st).toMatchObject({
      lastSeenAt: "2026-12-06T01:00:00.000Z",
      lastPushAt: "2026-12-06T01:00:00.000Z",
      lastPullAt: null,
    });
  });

  it("commits the writes of one turn in one transaction; each gets its own answer back", async () => {
    expect(writer).not.toBeNull();
    // Write n carries n changes, so each count can only be its own.
    const more = (n: number) =>
      write(n, {
        changes: Array.from({ length: n }, (_, i) => change(`h${n}-${i}`, 10 * n + i)),
      });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => store.commit([more(n)])));
    expect(results.map((r) => r.appended)).toEqual([1, 2, 3, 4, 5]);
    expect(writer.status).toEqual({ groups: 1, writes: 5, refused: 0, largest: 5 });
    // Durable and visible to any other connection once resolved.
    const other = new LibsqlCaseStore(await t.reopen());
    expect(await other.lastSeq()).toBe(15);
    expect((await other.getProjection(projectionFixture(5).caseId))?.caseId).toBe(
      projectionFixture(5).caseId,
    );
    // The next turn's write is a transaction of its own.
    await store.commit([write(6)]);
    expect(writer.status.groups).toBe(2);
  });

  it("rolls back only the write the database refuses; the others of its group commit", async () => {
    // The second write takes the first one's case number: the UNIQUE index refuses it after
    // its changes were inserted, so only a savepoint keeps them out.
    const clash = write(2, {
      projection: projectionFixture(2, { caseNumber: projectionFixture(1).caseNumber }),
    });
    const [a, b, c] = await Promise.allSettled([
      store.commit([write(1)]),
      store.commit([clash], [entry(2)]),
      store.commit([write(3)], [entry(3)]),
    ]);
    expect(a.status).toBe("fulfilled");
    expect(b.status).toBe("rejected");
    // The error crosses from the write thread with SQLite's own code, as the client's would.
    const reason = (b as PromiseRejectedResult).reason as Error & { code?: string };
    expect(reason).toBeInstanceOf(Error);
    expect(reason.message).toMatch(/UNIQUE/);
    expect(reason.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(c.status === "fulfilled" && c.value.appended).toBe(2);
    expect(writer.status).toEqual({ groups: 1, writes: 2, refused: 1, largest: 2 });
    // Nothing of the refused write: no change, no document, no projection, no audit line.
    expect(await store.hasChanges(keys(2, "h2a", "h2b"))).toEqual(new Set());
    expect(await store.loadCase(clash.caseId)).toBeNull();
    expect(await store.getProjection(clash.caseId)).toBeNull();
    expect((await listAudit(t.db, { limit: 10 })).map((r) => r.userId)).toEqual(["u3"]);
    expect(await store.lastSeq()).toBe(4);
  });

  it("chains the audit lines of a group's writes, between lines written on another connection", async () => {
    await appendAudit(t.db, [entry(100)]);
    await Promise.all([1, 2, 3].map((n) => store.commit([write(n)], [entry(n), entry(n + 10)])));
    await appendAudit(t.db, [entry(101)]);
    await Promise.all([4, 5].map((n) => store.commit([write(n)], [entry(n)])));
    expect(writer.status.groups).toBe(2);
    const rows = await listAudit(t.db, { limit: 20 });
    expect(rows.map((r) => r.userId).reverse()).toEqual([
      "u100",
      "u1",
      "u11",
      "u2",
      "u12",
      "u3",
      "u13",
      "u101",
      "u4",
      "u5",
    ]);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 10, unchained: 0 });
  });

  it("commits what was queued when the database closes, and refuses writes after", async () => {
    const pending = store.commit([write(1)]);
    const closed = t.db.close();
    expect((await pending).appended).toBe(2);
    await closed;
    await expect(store.commit([write(2)])).rejects.toThrow(/closed/);
    const again = new LibsqlCaseStore(await t.reopen());
    expect(await again.lastSeq()).toBe(2);
  });

  it("is idle only while no write is in flight (the case store reads on it only then)", async () => {
    expect(writer.idle).toBe(true);
    const pending = store.commit([write(1)]);
    expect(writer.idle).toBe(false);
    // A read meanwhile goes to the pool: answered without waiting for the write thread.
    expect(await store.hasChanges(keys(1, "h9"))).toEqual(new Set());
    expect(writer.idle).toBe(false);
    await pending;
    expect(writer.idle).toBe(true);
  });

  it("reads on the write thread's connection see what it committed", async () => {
    await store.commit([write(1)]);
    expect(writer.idle).toBe(true);
    const id = projectionFixture(1).caseId;
    expect(await store.hasChanges(keys(1, "h1a", "h1b", "h9"))).toEqual(
      new Set([changeKey(id, "h1a"), changeKey(id, "h1b")]),
    );
    expect((await store.loadCases([write(1).caseId])).get(write(1).caseId)?.changes).toHaveLength(
      2,
    );
  });
});

describe("WriteGroup.open", () => {
  it("rejects with the driver's reason when the file cannot be opened, and leaves no thread", async () => {
    const missing = join(tmpdir(), "bangban-no-such-dir", "sub", "hub.db");
    await expect(WriteGroup.open(missing, { busyTimeoutMs: 100, pragmas: [] })).rejects.toThrow(
      /unable to open|no such file|cannot open/i,
    );
  });
});
