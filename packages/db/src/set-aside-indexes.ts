import type { Client, InStatement } from "@libsql/client";

/**
 * The meta row that holds the indexes set aside during a bulk load: their CREATE statements,
 * as JSON. While it exists those indexes are missing; `restoreIndexes` builds them one by one,
 * taking each off it, and `openDb` does so before anything else (a load cut by a crash).
 */
export const SET_ASIDE_KEY = "bulk:indexes-set-aside";

/**
 * The plain (non-unique) indexes of the projection table. Unique ones stay: they are rules
 * (one case per case number), not only a way to read.
 */
const PLAIN_INDEXES = `SELECT name, sql FROM sqlite_schema
  WHERE type = 'index' AND tbl_name = 'case_projections' AND sql IS NOT NULL
    AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name`;

/**
 * Sets aside the projection table's plain indexes for a bulk load into an empty node (a
 * station's first pull, a hub's first bulk intake): the rows go in without updating sixteen indexes each, several keyed
 * by random values (the ID-number hash, the masked name), and each index is built once at the
 * end from the sorted rows. The statements and the drops are one transaction, so the
 * indexes are either in place or recorded. False, and nothing done, when the table already
 * holds rows (rebuilding would cost more than it saves) or indexes are already set aside.
 */
export async function setAsideIndexes(client: Client): Promise<boolean> {
  const held = await client.execute(
    `SELECT EXISTS (SELECT 1 FROM case_projections) AS rows_held,
      EXISTS (SELECT 1 FROM meta WHERE key = '${SET_ASIDE_KEY}') AS aside`,
  );
  const row = held.rows[0];
  if (Number(row?.rows_held) || Number(row?.aside)) return false;
  const { rows } = await client.execute(PLAIN_INDEXES);
  if (rows.length === 0) return false;
  await client.batch(
    [
      {
        sql: "INSERT INTO meta (key, value) VALUES (?, ?)",
        args: [SET_ASIDE_KEY, JSON.stringify(rows.map((r) => String(r.sql)))],
      },
      ...rows.map((r) => `DROP INDEX "${String(r.name).replaceAll('"', '""')}"`),
    ],
    "write",
  );
  return true;
}

/**
 * Builds the indexes `setAsideIndexes` recorded, one transaction each, which also takes it
 * off the record (the last one deletes the record): a hub's other writes wait for one index
 * at a time (1.9 s at most over 1,000,000 projections), not for all sixteen (11.4 s). How
 * many it built (0: none were set aside). `write` commits each (default: on `client`); a hub
 * gives its write thread's, so that the builds leave its main thread to serve (B2-100K: the
 * pushing station's pull and reference waited 0.8 s for them, right after its end frame).
 */
export async function restoreIndexes(
  client: Client,
  write: (stmts: InStatement[]) => Promise<unknown> = (stmts) => client.batch(stmts, "write"),
): Promise<number> {
  const table = await client.execute(
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
  );
  if (table.rows.length === 0) return 0;
  const { rows } = await client.execute({
    sql: "SELECT value FROM meta WHERE key = ?",
    args: [SET_ASIDE_KEY],
  });
  const value = rows[0]?.value;
  if (value === undefined || value === null) return 0;
  const recorded = JSON.parse(String(value)) as string[];
  for (const [i, sql] of recorded.entries()) {
    const rest = recorded.slice(i + 1);
    await write([
      sql.replace(/^CREATE INDEX /, "CREATE INDEX IF NOT EXISTS "),
      rest.length > 0
        ? {
            sql: "UPDATE meta SET value = ? WHERE key = ?",
            args: [JSON.stringify(rest), SET_ASIDE_KEY],
          }
        : { sql: "DELETE FROM meta WHERE key = ?", args: [SET_ASIDE_KEY] },
    ]);
  }
  return recorded.length;
}
