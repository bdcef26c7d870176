import { type CaseProjection, type CaseWrite, changeKey } from "@bangban/sync";
import { runCaseStoreTests } from "@bangban/sync/store-suite";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { HAS_CHANGES, LibsqlCaseStore, LOAD_CASES, UNSENT_AMONG } from "./case-store";
import { listAudit } from "./queries/audit";
import type { caseProjections } from "./schema";
import { fileTempDb, projectionFixture, remoteTestDb, type TempDb, tempDb } from "./testing";

runCaseStoreTests("libsql", async () => {
  const t = await tempDb();
  return {
    store: new LibsqlCaseStore(t.db),
    reopen: async () => new LibsqlCaseStore(await t.reopen()),
    teardown: t.cleanup,
  };
});

// The same contract with the group commit a hub's serve uses (WriteGroup). A file only.
if (!remoteTestDb()) {
  runCaseStoreTests("libsql with group commit", async () => {
    const t = await fileTempDb("hub.db", { groupCommit: true });
    return {
      store: new LibsqlCaseStore(t.db),
      reopen: async () => new LibsqlCaseStore(await t.reopen()),
      teardown: t.cleanup,
    };
  });
}

const bytes = (...b: number[]) => new Uint8Array(b);
const ACTOR = "aa";
const change = (hash: string, ...b: number[]) => ({ hash, actor: ACTOR, bytes: bytes(...b) });

function write(n: number, over: Partial<CaseWrite> = {}): CaseWrite {
  const projection = projectionFixture(n);
  return { caseId: projection.caseId, changes: [], projection, ...over };
}

describe("LibsqlCaseStore beyond the contract", () => {
  let t: TempDb;
  let store: LibsqlCaseStore;
  beforeEach(async () => {
    t = await tempDb();
    store = new LibsqlCaseStore(t.db, { now: () => "2026-11-23T01:00:00.000Z" });
  });
  afterEach(async () => t.cleanup());

  /**
   * A log of 1,000 cases with `perCase` changes each, committed, then analysed where the
   * database allows it (sqld refuses ANALYZE: a server's planner has only the statistics its
   * file was given).
   */
  async function committedLog(prefix: string, perCase: number): Promise<CaseWrite[]> {
    const writes: CaseWrite[] = [];
    for (let n = 1; n <= 1000; n++) {
      writes.push(
        write(n, {
          changes: Array.from({ length: perCase }, (_, i) =>
            change(`${prefix}${n}-${i}`, n % 250, i),
          ),
        }),
      );
    }
    await store.commit(writes);
    if (!remoteTestDb()) await t.db.client.execute("ANALYZE");
    return writes;
  }

  it("finds a screen's unsent cases by the cases' index, not by walking every unsent change", async () => {
    // A station offline for long: every change is its own and unsent (cursor 0). Asked for the
    // whole set, each intake walked them all (station bench: 3.75 ms a call at 3,000 cases).
    const writes = await committedLog("u", 3);
    const shown = [writes[0]?.caseId as string, writes[999]?.caseId as string];
    expect((await store.casesAfter(0, ACTOR, shown)).sort()).toEqual([...shown].sort());
    const plan = await t.db.client.execute({
      sql: `EXPLAIN QUERY PLAN ${UNSENT_AMONG}`,
      args: [JSON.stringify(shown), ACTOR, 0],
    });
    const steps = plan.rows.map((r) => String(r.detail));
    expect(steps.filter((d) => /\bchanges\b/.test(d))).toEqual([
      expect.stringMatching(
        /^SEARCH changes USING (COVERING )?INDEX changes_case_seq_idx \(case_id=\?/,
      ),
    ]);
  });

  it("reads a case by its ids and the changes index, never a scan of the change log (statistics or not)", async () => {
    // A log with many changes per case and fresh statistics: the planner once chose to scan
    // the whole changes index here, ~7 ms a read at 10,000 cases, growing with the log.
    const writes = await committedLog("h", 6);
    const plan = await t.db.client.execute({
      sql: `EXPLAIN QUERY PLAN ${LOAD_CASES}`,
      args: [JSON.stringify([writes[0]?.caseId])],
    });
    const steps = plan.rows.map((r) => String(r.detail));
    expect(steps.filter((d) => /\bch\b/.test(d))).toEqual([
      expect.stringMatching(
        /^SEARCH ch USING INDEX changes_case_seq_idx \(case_id=\? AND seq>\?\)/,
      ),
    ]);
  });

  it("keeps the table and CaseProjection in step, field for field", () => {
    expectTypeOf<typeof caseProjections.$inferSelect>().toEqualTypeOf<
      Omit<CaseProjection, "ruleState">
    >();
  });

  it("writes audit entries in the same transaction as the case", async () => {
    const w = write(1, { changes: [change("c1", 1)] });
    const entry = {
      at: "2026-11-23T09:00:00+08:00",
      userId: "u1",
      siteId: "330106001001",
      action: "case.intake",
      caseId: w.caseId,
      requestId: "r1",
      detail: { note: "收件" },
    };
    await store.commit([w], [entry]);
    expect(await listAudit(t.db, { caseId: w.caseId, limit: 10 })).toEqual([{ id: 1, ...entry }]);
  });

  it("rolls the whole batch back when the database refuses a row", async () => {
    const a = write(1, { changes: [change("c1", 1)] });
    // A second case with the first one's number breaks the UNIQUE index mid-batch.
    const clash = projectionFixture(2, { caseNumber: a.projection.caseNumber });
    const b = write(2, { projection: clash, changes: [change("c2", 2)] });
    await expect(store.commit([a, b])).rejects.toThrow();
    expect(await store.lastSeq()).toBe(0);
    expect(await store.loadCase(a.caseId)).toBeNull();
    expect(await store.getProjection(a.caseId)).toBeNull();
    // The seq counter was rolled back too: the next change is 1.
    const ok = await store.commit([a]);
    expect(ok.appended).toBe(1);
    expect((await store.changesAfter(0, { maxChanges: 5, maxBytes: 1e6 }))[0]).toMatchObject({
      hash: "c1",
      seq: 1,
    });
  });

  it("refuses bad input before touching the database", async () => {
    const good = write(1, { changes: [change("c1", 1)] });
    await expect(store.commit([good, write(2, { changes: [change("", 1)] })])).rejects.toThrow(
      /changes\[0\]\.hash/,
    );
    await expect(
      store.commit(
        [good],
        [
          {
            at: "",
            userId: "u",
            siteId: "s",
            action: "a",
            caseId: null,
            requestId: null,
            detail: {},
          },
        ],
      ),
    ).rejects.toThrow(/audit\[0\]\.at/);
    expect(await store.lastSeq()).toBe(0);
  });

  it("a snapshot covers only the changes before it, even with a later write in the batch", async () => {
    const first = write(1, { changes: [change("c1", 1), change("c2", 2)], snapshot: bytes(9) });
    const later = write(1, { changes: [change("c3", 3)] });
    await store.commit([first, later]);
    const loaded = await store.loadCase(first.caseId);
    expect(loaded?.snapshot).toEqual(bytes(9));
    expect(loaded?.changes).toEqual([bytes(3)]);
  });

  it("stores changes that are views of one buffer (a pulled frame) byte for byte, in the commit's order, once each", async () => {
    // A frame's bytes with other data between the changes, as a decoded bulk frame has them.
    const frame = Uint8Array.from({ length: 64 }, (_, i) => (i * 29 + 3) % 256);
    frame.set([0, 0xff, 0], 20);
    const view = (at: number, n: number) => frame.subarray(at, at + n);
    const a = write(1, {
      changes: [
        { hash: "fa1", actor: ACTOR, bytes: view(5, 3) },
        { hash: "fa2", actor: ACTOR, bytes: view(19, 5) },
        // The same change twice in one commit: stored once, counted once.
        { hash: "fa2", actor: ACTOR, bytes: view(19, 5) },
      ],
    });
    const b = write(2, { changes: [{ hash: "fb1", actor: "bb", bytes: view(40, 24) }] });
    expect(await store.commit([a, b])).toEqual({ appended: 3 });
    expect((await store.loadCase(a.caseId))?.changes).toEqual(
      [view(5, 3), view(19, 5)].map((v) => new Uint8Array(v)),
    );
    expect((await store.loadCase(b.caseId))?.changes).toEqual([new Uint8Array(view(40, 24))]);
    const log = await store.changesAfter(0, { maxChanges: 10, maxBytes: 1e9 });
    // In the commit's order (a refused duplicate may leave a gap in seq, as it always did).
    expect(log.map((c) => [c.hash, c.actor, c.bytes.byteLength])).toEqual([
      ["fa1", "aa", 3],
      ["fa2", "aa", 5],
      ["fb1", "bb", 24],
    ]);
    expect(log.map((c) => c.seq)).toEqual([...log.map((c) => c.seq)].sort((x, y) => x - y));
    // Again, mixed with a change of its own buffer: nothing new but the new one.
    expect(
      await store.commit([write(1, { changes: [...a.changes, change("fa3", 7, 7)] })]),
    ).toEqual({
      appended: 1,
    });
    expect((await store.loadCase(a.caseId))?.changes.at(-1)).toEqual(bytes(7, 7));
  });

  it("loads only the asked case's changes, as Uint8Array", async () => {
    await store.commit([
      write(1, { changes: [change("a1", 1), change("a2", 2)] }),
      write(2, { changes: [change("b1", 3)] }),
    ]);
    const loaded = await store.loadCase(projectionFixture(1).caseId);
    expect(loaded?.changes).toEqual([bytes(1), bytes(2)]);
    expect(loaded?.changes[0]).toBeInstanceOf(Uint8Array);
  });

  it("pages the feed by bytes using stored sizes", async () => {
    await store.commit([
      write(1, { changes: ["a", "b", "c", "d"].map((h) => change(h, 1, 2, 3)) }),
    ]);
    const page = await store.changesAfter(0, { maxChanges: 10, maxBytes: 7 });
    expect(page.map((c) => c.seq)).toEqual([1, 2]);
    expect(page[0]).toMatchObject({ caseId: projectionFixture(1).caseId, hash: "a", actor: "aa" });
  });

  it("answers hasChanges for many changes in one query, by the (case, hash) index", async () => {
    const hashes = Array.from({ length: 2000 }, (_, i) => `h${i}`);
    await store.commit([write(1, { changes: hashes.slice(0, 1000).map((h) => change(h, 1)) })]);
    const id = projectionFixture(1).caseId;
    const held = await store.hasChanges(hashes.map((hash) => ({ caseId: id, hash })));
    expect(held.size).toBe(1000);
    expect(held.has(changeKey(id, "h999"))).toBe(true);
    expect(held.has(changeKey(id, "h1000"))).toBe(false);
    const plan = await t.db.client.execute({
      sql: `EXPLAIN QUERY PLAN ${HAS_CHANGES}`,
      args: [JSON.stringify([[id, "h1"]])],
    });
    const steps = plan.rows.map((r) => String(r.detail));
    expect(steps.filter((d) => /\bc\b/.test(d))).toEqual([
      expect.stringMatching(
        /^SEARCH c USING (COVERING )?INDEX changes_case_hash_uq \(case_id=\? AND hash=\?\)/,
      ),
    ]);
  });

  it("keeps cursors in meta across a restart", async () => {
    await store.setCursor("hub-pull", 17);
    const again = new LibsqlCaseStore(await t.reopen());
    expect(await again.getCursor("hub-pull")).toBe(17);
    await expect(store.setCursor("x", -1)).rejects.toThrow(/non-negative integer/);
  });
});
