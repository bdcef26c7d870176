import { decodeBulkFrame, encodeBulkCase, joinBulkFrame, PROTOCOL_VERSION } from "@bangban/sync";
import type { InStatement } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BulkPageCase, LibsqlBulkStore, readBulkPage, SETTLE_VERIFIED } from "./bulk-store";
import type { Db } from "./client";
import { LibsqlHubStore } from "./hub-store";
import { getMeta } from "./queries/meta";
import { restoreIndexes, SET_ASIDE_KEY, setAsideIndexes } from "./set-aside-indexes";
import { fileTempDb, projectionFixture, type TempDb, tempDb } from "./testing";

/** A page case's projection, parsed from the UTF-8 bytes it is sent as. */
const projectionOf = (c: BulkPageCase | undefined) =>
  JSON.parse(new TextDecoder().decode(c?.projectionJson));

describe("readBulkPage (a street's side of bulk catch-up)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  const projections = [
    projectionFixture(1),
    projectionFixture(2, {
      deferred: true,
      onTime: true,
      legalOnTime: false,
      paused: true,
      ratingLevel: 5,
      ratingChannels: [
        { channel: "qr", siteId: "330106001001" },
        { channel: "offline", siteId: "330106001" },
      ],
      ruleState: JSON.stringify({ note: "引号 \" 与 '单引号' 与 \\ 反斜杠" }),
      applicantNameMasked: "王*明",
    }),
    projectionFixture(3, { onTime: false, conflict: true, ratingExcluded: true }),
  ];

  async function commitAll() {
    const store = new LibsqlHubStore(t.db);
    await store.commit(
      projections.map((projection, k) => ({
        caseId: projection.caseId,
        projection,
        changes: [0, 1].map((i) => ({
          hash: `h${k}-${i}`,
          actor: "aa",
          bytes: new Uint8Array([k, i, 7]),
        })),
      })),
    );
  }

  it("gives each case's projection as the JSON of what the node reads back, booleans, nulls and rating channels included", async () => {
    await commitAll();
    const page = await readBulkPage(t.db, { after: "", upTo: 1e9, maxCases: 10 });
    const store = new LibsqlHubStore(t.db);
    const read = await Promise.all(
      projections
        .map((p) => p.caseId)
        .sort()
        .map((id) => store.getProjection(id)),
    );
    expect(read).toHaveLength(3);
    expect(page.cases.map((c) => c.caseId)).toEqual(read.map((p) => p?.caseId));
    for (const [i, c] of page.cases.entries()) {
      expect(projectionOf(c)).toStrictEqual({ ...read[i] });
    }
    // Not only equal to what was read back: to what was stored.
    expect(projectionOf(page.cases[1])).toMatchObject({
      deferred: true,
      onTime: true,
      legalOnTime: false,
      ratingChannels: projections[1]?.ratingChannels,
      ruleState: projections[1]?.ruleState,
    });
    expect(projectionOf(page.cases[0])).toMatchObject({ onTime: null });
  });

  it("pages by case id and carries only changes up to the page's seq", async () => {
    await commitAll();
    const first = await readBulkPage(t.db, { after: "", upTo: 1e9, maxCases: 2 });
    expect(first.cases.map((c) => c.changes.length)).toEqual([2, 2]);
    expect(first.last).toBe(projections[1]?.caseId);
    const rest = await readBulkPage(t.db, { after: first.last ?? "", upTo: 1e9, maxCases: 2 });
    expect(rest.cases.map((c) => c.caseId)).toEqual([projections[2]?.caseId]);
    expect([...(rest.cases[0]?.changes[1] ?? [])]).toEqual([2, 1, 7]);
    const none = await readBulkPage(t.db, { after: rest.last ?? "", upTo: 1e9, maxCases: 2 });
    expect(none).toEqual({ cases: [], last: null });
    // Up to seq 3 (the first case's two changes and the second's first): the third case has
    // none, so it is left out of its page.
    const early = await readBulkPage(t.db, { after: "", upTo: 3, maxCases: 10 });
    expect(early.cases.map((c) => c.changes.length)).toEqual([2, 1]);
    expect(early.last).toBe(projections[2]?.caseId);
  });
});

describe("readBulkPage's changes, joined by SQLite and cut apart again", () => {
  /** Bytes no text could hold: NULs, a lone UTF-8 lead byte, 0xff; and lengths past one uLEB byte. */
  const odd = [
    new Uint8Array([0, 0, 0]),
    new Uint8Array([0xc3, 0, 0xff, 0xfe]),
    Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256),
    new Uint8Array([0x85, 0x6f, 0x4a, 0x83, 0]),
  ];

  // On a file, and through a libSQL server in the "remote" project.
  it("gives every change byte for byte, in log order", async () => {
    const t = await tempDb();
    try {
      const store = new LibsqlHubStore(t.db);
      const [a, b] = [projectionFixture(11), projectionFixture(12)];
      if (!a || !b) throw new Error("fixtures");
      // Interleaved in the log: each case's changes come back in its own log order.
      for (const [i, bytes] of odd.entries()) {
        for (const p of [a, b]) {
          await store.commit([
            {
              caseId: p.caseId,
              projection: p,
              changes: [{ hash: `${p.caseId}-${i}`, actor: "aa", bytes }],
            },
          ]);
        }
      }
      const page = await readBulkPage(t.db, { after: "", upTo: 1e9, maxCases: 10 });
      expect(page.cases.map((c) => c.caseId)).toEqual([a.caseId, b.caseId]);
      for (const c of page.cases) {
        expect(c.changes.map((x) => [...x])).toEqual(odd.map((x) => [...x]));
      }
      // Up to the third change of the log (a's first two, b's first): cut there.
      const early = await readBulkPage(t.db, { after: "", upTo: 3, maxCases: 10 });
      expect(early.cases.map((c) => c.changes.map((x) => [...x]))).toEqual([
        odd.slice(0, 2).map((x) => [...x]),
        odd.slice(0, 1).map((x) => [...x]),
      ]);
    } finally {
      await t.cleanup();
    }
  });
});

describe("LibsqlBulkStore.storeClaims (a frame's cases, kept until verified)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  const changesOf = (n: number) =>
    Array.from({ length: n }, (_, i) => new Uint8Array(40 + i * 7).fill(n * 10 + i));

  it("keeps each case's changes exactly, as views of the frame they came in or not", async () => {
    const ids = [1, 2, 3, 4].map((n) => projectionFixture(n).caseId);
    // A frame as the node decodes it: each case's packed changes are a view into its bytes.
    const frame = decodeBulkFrame(
      joinBulkFrame(
        PROTOCOL_VERSION,
        ids.slice(0, 3).map((id, i) => encodeBulkCase(id, "{}", changesOf(i + 1))),
      ),
    );
    const bulk = new LibsqlBulkStore(t.db);
    const at = "2026-12-07T08:00:00.000Z";
    const fromFrame = frame.cases.map((c) => ({ ...c, projection: null }));
    expect(fromFrame.every((c) => c.packed?.buffer === frame.cases[0]?.packed?.buffer)).toBe(true);
    // The last two (their region starts past the frame's first case), then a view beside a
    // case without one: each kind of argument the store is given.
    await bulk.storeClaims("330106001", fromFrame.slice(1), at);
    await bulk.storeClaims(
      "330106001",
      [
        fromFrame[0] as (typeof fromFrame)[number],
        { caseId: ids[3] as string, projection: null, changes: changesOf(4) },
      ],
      at,
    );
    // Sent again (a resent frame): nothing stored twice, nothing changed.
    await bulk.storeClaims("330106001", fromFrame, at);
    const held = await bulk.waiting(10);
    expect(held.map((w) => w.caseId).sort()).toEqual([...ids].sort());
    for (const w of held) {
      const n = ids.indexOf(w.caseId) + 1;
      expect(w.changes.map((b) => [...b])).toEqual(changesOf(n).map((b) => [...b]));
    }
    const { rows } = await t.db.client.execute(
      "SELECT change_count, claimed, state, received_at FROM bulk_cases ORDER BY case_id",
    );
    expect(
      rows.map((r) => [Number(r.change_count), Number(r.claimed), r.state, r.received_at]),
    ).toEqual([1, 2, 3, 4].map((n) => [n, 0, "waiting", at]));
  });
});

describe("LibsqlBulkStore.settleVerified (a verification pass's batch)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  const claim = (n: number) => ({
    caseId: projectionFixture(n).caseId,
    projection: null,
    changes: [new Uint8Array([n, 1]), new Uint8Array([n, 2])],
  });

  it("marks exactly the sender's given cases verified, their histories dropped", async () => {
    const bulk = new LibsqlBulkStore(t.db);
    const at = "2026-12-07T08:00:00.000Z";
    await bulk.storeClaims("330106001", [1, 2, 3].map(claim), at);
    // The same case from another sender: its own claim, not settled by the first sender's pass.
    await bulk.storeClaims("330106002", [claim(1)], at);
    const [one, two, three] = [1, 2, 3].map((n) => projectionFixture(n).caseId);
    await bulk.settleVerified("330106001", [one, two] as string[], "2026-12-07T09:00:00.000Z");
    const { rows } = await t.db.client.execute(
      "SELECT case_id, sender, state, changes IS NULL AS gone, checked_at FROM bulk_cases ORDER BY sender, case_id",
    );
    expect(rows.map((r) => [r.case_id, r.sender, r.state, Number(r.gone), r.checked_at])).toEqual([
      [one, "330106001", "verified", 1, "2026-12-07T09:00:00.000Z"],
      [two, "330106001", "verified", 1, "2026-12-07T09:00:00.000Z"],
      [three, "330106001", "waiting", 0, ""],
      [one, "330106002", "waiting", 0, ""],
    ]);
    expect(await bulk.counts()).toEqual({ waiting: 2, verified: 2, refused: 0 });
    expect((await bulk.waiting(10)).map((w) => [w.caseId, w.sender]).sort()).toEqual(
      [
        [three, "330106001"],
        [one, "330106002"],
      ].sort(),
    );
  });

  it("finds the rows by their key, not by walking the sender's claims", async () => {
    const { rows } = await t.db.client.execute({
      sql: `EXPLAIN QUERY PLAN ${SETTLE_VERIFIED}`,
      args: ["t", "330106001", "[]"],
    });
    const plan = rows.map((r) => String(r.detail)).join(" / ");
    expect(plan).toMatch(
      /SEARCH bulk_cases USING (COVERING )?INDEX sqlite_autoindex_bulk_cases_1 \(case_id=\? AND sender=\?\)/,
    );
  });
});

describe("LibsqlBulkStore intake (a catch-up into an empty node)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  const claimed = (n: number) => ({
    caseId: projectionFixture(n).caseId,
    projection: projectionFixture(n),
    changes: [new Uint8Array([n, 1])],
  });

  it("sets the list indexes aside at the first frames (racing), and builds them when the frames stop", async () => {
    const all = await indexNames(t.db);
    const bulk = new LibsqlBulkStore(t.db);
    await Promise.all([bulk.beginIntake(), bulk.beginIntake(), bulk.beginIntake()]);
    expect(await indexNames(t.db)).toEqual(["case_projections_case_number_uq"]);
    await bulk.storeClaims("330106001", [claimed(1), claimed(2)], "2026-12-07T08:00:00.000Z");
    await bulk.beginIntake();
    await bulk.endIntake();
    expect(await indexNames(t.db)).toEqual(all);
    expect(await getMeta(t.db, SET_ASIDE_KEY)).toBeNull();
    // A later catch-up finds the node holding cases: the indexes stay.
    await bulk.beginIntake();
    expect(await indexNames(t.db)).toEqual(all);
    await bulk.endIntake();
    expect(await indexNames(t.db)).toEqual(all);
  });
});

describe("a hub's bulk intake builds the indexes on its write thread", () => {
  it("each index goes through the write thread, none through the main thread's connection", async () => {
    const t = await fileTempDb("hub.db", { groupCommit: true });
    try {
      const writer = t.db.writer;
      if (!writer) throw new Error("a hub's database has a write thread");
      const all = await indexNames(t.db);
      const bulk = new LibsqlBulkStore(t.db);
      await bulk.beginIntake();
      const onWriter: string[] = [];
      const onMain: string[] = [];
      const write = writer.write.bind(writer);
      writer.write = (stmts, audit) => {
        onWriter.push(...stmts.map((x) => (typeof x === "string" ? x : x.sql)));
        return write(stmts, audit);
      };
      const batch = t.db.client.batch.bind(t.db.client);
      t.db.client.batch = ((stmts: InStatement[], mode) => {
        onMain.push(...stmts.map((x) => (typeof x === "string" ? x : x.sql)));
        return batch(stmts, mode);
      }) as typeof t.db.client.batch;
      await bulk.endIntake();
      const built = (sql: string[]) => sql.filter((x) => x.startsWith("CREATE INDEX"));
      expect(built(onWriter)).toHaveLength(all.length - 1);
      expect(built(onMain)).toEqual([]);
      expect(await indexNames(t.db)).toEqual(all);
      expect(await getMeta(t.db, SET_ASIDE_KEY)).toBeNull();
    } finally {
      await t.cleanup();
    }
  });
});

describe("setAsideIndexes' build (one index a transaction)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("a build cut between two indexes keeps the rest on record; the next open builds them", async () => {
    const all = await indexNames(t.db);
    expect(await setAsideIndexes(t.db.client)).toBe(true);
    // The third index's name taken by a table: its build fails there, as a crash would stop it.
    const third = all.filter((n) => !n.endsWith("_uq"))[2] as string;
    await t.db.client.execute(`CREATE TABLE "${third}" (x)`);
    await expect(restoreIndexes(t.db.client)).rejects.toThrow();
    const recorded = JSON.parse((await getMeta(t.db, SET_ASIDE_KEY)) as string) as string[];
    expect(recorded.length).toBe(all.length - 1 - 2);
    await t.db.client.execute(`DROP TABLE "${third}"`);
    const again = await t.reopen();
    expect(await indexNames(again)).toEqual(all);
    expect(await getMeta(again, SET_ASIDE_KEY)).toBeNull();
  });
});

/** The projection table's indexes by name (the unique one among them). */
async function indexNames(db: Db): Promise<string[]> {
  const { rows } = await db.client.execute(`SELECT name FROM sqlite_schema WHERE type = 'index'
    AND tbl_name = 'case_projections' AND sql IS NOT NULL ORDER BY name`);
  return rows.map((r) => String(r.name));
}
