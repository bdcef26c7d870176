import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "./client";
import { STATEMENT_CACHE, statementCounts } from "./statement-cache";

/** How many statements `run` prepared (as opposed to reused). */
async function prepares(run: () => Promise<unknown>): Promise<number> {
  const before = statementCounts().prepared;
  await run();
  return statementCounts().prepared - before;
}

describe("prepared statements kept per connection (a local file)", () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "bangban-stmt-"));
    db = await openDb(pathToFileURL(join(dir, "node.db")).href);
    await db.client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)");
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prepares a statement once, and each run binds its own arguments", async () => {
    await db.client.batch([
      { sql: "INSERT INTO t (id, name) VALUES (?, ?)", args: [1, "甲"] },
      { sql: "INSERT INTO t (id, name) VALUES (?, ?)", args: [2, "乙"] },
    ]);
    const read = (id: number) =>
      db.client.execute({ sql: "SELECT name FROM t WHERE id = ?", args: [id] });
    expect((await read(1)).rows[0]?.name).toBe("甲");
    let second: Awaited<ReturnType<typeof read>> | undefined;
    expect(
      await prepares(async () => {
        second = await read(2);
      }),
    ).toBe(0);
    expect(second?.rows[0]?.name).toBe("乙");
    expect(second?.columns).toEqual(["name"]);
    expect((await read(3)).rows).toEqual([]);
  });

  it("a transaction reads its own writes through kept statements", async () => {
    const count = "SELECT count(*) AS n FROM t";
    expect(Number((await db.client.execute(count)).rows[0]?.n)).toBe(0);
    const tx = await db.client.transaction("write");
    try {
      await tx.execute({ sql: "INSERT INTO t (id, name) VALUES (?, ?)", args: [1, "甲"] });
      expect(Number((await tx.execute(count)).rows[0]?.n)).toBe(1);
      await tx.rollback();
    } finally {
      tx.close();
    }
    expect(Number((await db.client.execute(count)).rows[0]?.n)).toBe(0);
  });

  it("a column added by ALTER TABLE is in the next SELECT * (the schema change empties the cache)", async () => {
    await db.client.execute({ sql: "INSERT INTO t (id, name) VALUES (1, '甲')", args: [] });
    const all = "SELECT * FROM t";
    expect((await db.client.execute(all)).columns).toEqual(["id", "name", "data"]);
    await db.client.execute("ALTER TABLE t ADD COLUMN phone TEXT DEFAULT '0571'");
    const after = await db.client.execute(all);
    expect(after.columns).toEqual(["id", "name", "data", "phone"]);
    expect(after.rows[0]?.phone).toBe("0571");
  });

  it("does not keep a statement that was given a blob (SQLite would hold its bytes)", async () => {
    const insert = "INSERT INTO t (id, data) VALUES (?, ?)";
    const blob = (id: number) =>
      db.client.execute({ sql: insert, args: [id, new Uint8Array(64 * 1024).fill(id)] });
    await blob(1);
    expect(await prepares(() => blob(2))).toBe(1);
    const sizes = await db.client.execute("SELECT id, length(data) AS n FROM t ORDER BY id");
    expect(sizes.rows.map((r) => [Number(r.id), Number(r.n)])).toEqual([
      [1, 65536],
      [2, 65536],
    ]);
  });

  it(`keeps at most ${STATEMENT_CACHE} statements a connection, the least recently used going first`, async () => {
    const select = (i: number) => db.client.execute(`SELECT ${i} AS n FROM t`);
    await select(0);
    for (let i = 1; i <= STATEMENT_CACHE; i++) await select(i);
    // Statement 0 was the least recently used when the cache went over its bound.
    expect(await prepares(() => select(0))).toBe(1);
    // The most recent ones are still kept.
    expect(await prepares(() => select(STATEMENT_CACHE))).toBe(0);
  });

  it("a closed database opens again from the same file, its statements prepared anew", async () => {
    const url = pathToFileURL(join(dir, "node.db")).href;
    await db.client.execute({ sql: "INSERT INTO t (id, name) VALUES (?, ?)", args: [1, "甲"] });
    const read = "SELECT name FROM t WHERE id = 1";
    await db.client.execute(read);
    await db.close();
    db = await openDb(url);
    let got: unknown;
    expect(
      await prepares(async () => {
        got = (await db.client.execute(read)).rows[0]?.name;
      }),
    ).toBe(1);
    expect(got).toBe("甲");
  });
});
