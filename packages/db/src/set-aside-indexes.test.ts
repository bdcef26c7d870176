import type { CaseWrite } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "./case-store";
import type { Db } from "./client";
import { getMeta } from "./queries/meta";
import { restoreIndexes, SET_ASIDE_KEY, setAsideIndexes } from "./set-aside-indexes";
import { projectionFixture, type TempDb, tempDb } from "./testing";

function write(n: number, over: Parameters<typeof projectionFixture>[1] = {}): CaseWrite {
  const projection = projectionFixture(n, over);
  const hash = `h${n}`.padEnd(64, "0");
  return {
    caseId: projection.caseId,
    changes: [{ hash, actor: "aa", bytes: new Uint8Array([n, 1, 2]) }],
    projection,
  };
}

/** The projection table's indexes as the schema holds them, name and statement. */
async function indexes(db: Db): Promise<string[]> {
  const { rows } = await db.client.execute(
    `SELECT name, sql FROM sqlite_schema
      WHERE type = 'index' AND tbl_name = 'case_projections' AND sql IS NOT NULL ORDER BY name`,
  );
  return rows.map((r) => `${String(r.name)}: ${String(r.sql)}`);
}

/** The cases an index finds by the ID-number hash (the index named, so it must exist). */
async function byIdHash(db: Db, hash: string): Promise<string[]> {
  const { rows } = await db.client.execute({
    sql: `SELECT case_id FROM case_projections INDEXED BY case_projections_applicant_id_hash_idx
      WHERE applicant_id_hash = ? ORDER BY case_id`,
    args: [hash],
  });
  return rows.map((r) => String(r.case_id));
}

describe("a bulk load into an empty node builds the list indexes once, at the end", () => {
  let t: TempDb;
  let store: LibsqlCaseStore;
  let all: string[];
  beforeEach(async () => {
    t = await tempDb();
    store = new LibsqlCaseStore(t.db);
    all = await indexes(t.db);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("sets the plain indexes aside while it runs, keeps the unique ones, and builds every one again", async () => {
    let during: string[] = [];
    await store.bulkLoad(async () => {
      during = await indexes(t.db);
      // The same resident's second case: one ID-number hash, two cases.
      const same = { applicantIdHash: projectionFixture(1).applicantIdHash };
      await store.commit([write(1), write(2, same)], [], { newCases: true });
      // The unique rule holds meanwhile: another case with case 1's number is refused.
      const clash = write(3, { caseNumber: projectionFixture(1).caseNumber });
      await expect(store.commit([clash], [], { newCases: true })).rejects.toThrow(/UNIQUE/);
    });
    const unique = all.filter((s) => s.includes("CREATE UNIQUE INDEX"));
    expect(unique.length).toBeGreaterThan(0);
    expect(during).toEqual(unique);
    expect(await indexes(t.db)).toEqual(all);
    expect(await getMeta(t.db, SET_ASIDE_KEY)).toBeNull();
    // The rows stored meanwhile are in the rebuilt indexes.
    const hash = projectionFixture(1).applicantIdHash;
    expect(await byIdHash(t.db, hash)).toEqual([
      projectionFixture(1).caseId,
      projectionFixture(2).caseId,
    ]);
  });

  it("builds them again when the load fails, and the failure is the load's", async () => {
    const failed = store.bulkLoad(async () => {
      await store.commit([write(1)], [], { newCases: true });
      throw new Error("连接中断");
    });
    await expect(failed).rejects.toThrow("连接中断");
    expect(await indexes(t.db)).toEqual(all);
    expect(await getMeta(t.db, SET_ASIDE_KEY)).toBeNull();
  });

  it("leaves the indexes alone on a node that holds cases", async () => {
    await store.commit([write(1)]);
    let during: string[] = [];
    await store.bulkLoad(async () => {
      during = await indexes(t.db);
    });
    expect(during).toEqual(all);
    expect(await setAsideIndexes(t.db.client)).toBe(false);
  });

  it("after a crash in the load, the next open builds them before anything else", async () => {
    expect(await setAsideIndexes(t.db.client)).toBe(true);
    // Set aside once only: a second call while they are aside does nothing.
    expect(await setAsideIndexes(t.db.client)).toBe(false);
    await store.commit([write(1)], [], { newCases: true });
    expect(await indexes(t.db)).not.toEqual(all);
    // The process dies here: nothing restores them but the next open.
    const again = await t.reopen();
    expect(await indexes(again)).toEqual(all);
    expect(await getMeta(again, SET_ASIDE_KEY)).toBeNull();
    expect(await byIdHash(again, projectionFixture(1).applicantIdHash)).toEqual([
      projectionFixture(1).caseId,
    ]);
    expect(await restoreIndexes(again.client)).toBe(0);
  });
});
