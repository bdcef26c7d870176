import type { Client } from "@libsql/client";
import { META_KEYS } from "./queries/meta";

/** The table every case list reads (and counts): its statistics are taken whole. */
const LIST_TABLE = "case_projections";
/** Rows each index is sampled by when the rest of the database is analysed. */
const SAMPLE_ROWS = 400;
/**
 * The list table is taken whole up to this many rows. Beyond, a sample this large: ANALYZE
 * holds the node's event loop, and whole it would take seconds at a district's 1,000,000
 * cases (0.1–0.3 s measured at 100,000). So many cases are many sites', where no one value
 * fills a site index the way a station's own does.
 */
const WHOLE_UP_TO = 250_000;
const LARGE_SAMPLE_ROWS = 25_000;

/**
 * Planner statistics for a local node database, at open: every table but the list table from
 * a bounded sample (a few ms whatever the size), and the list table whole, when it has not
 * been yet or has doubled or halved since (`refreshListStats`).
 *
 * Why whole: a sample of 400 index rows cannot see that one value fills an index. At a
 * station nearly every case is its own site's, yet the sampled statistics said "401 cases a
 * site" of 10,000, so a station's lists walked the three site indexes and sorted everything
 * instead of reading the newest in order (station bench, 10,000 cases: "open cases, newest
 * first" 36 → 2 ms). Taking it whole costs about 30 ms at 10,000 cases and 0.1–0.3 s at
 * 100,000, and is not repeated while the table keeps its size.
 */
export async function analyseAtOpen(client: Client): Promise<void> {
  const { rows } = await client.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?",
    [LIST_TABLE],
  );
  await client.execute(`PRAGMA analysis_limit=${SAMPLE_ROWS}`);
  for (const r of rows) await client.execute(`ANALYZE "${String(r.name).replaceAll('"', '""')}"`);
  await refreshListStats(client);
}

/**
 * Re-takes the list table's statistics, whole (up to WHOLE_UP_TO rows), when they were never
 * taken so (a database analysed only by sample, before this) or the table has doubled or
 * halved since; says
 * whether it did. A node runs it after each scheduler pass: a station that opened empty and
 * took 10,000 cases would otherwise plan its lists with the statistics of its first day.
 * Local files only: a libSQL server's statistics are its operator's (DESIGN.md), and it
 * refuses ANALYZE.
 */
export async function refreshListStats(
  client: Client,
  {
    wholeUpTo = WHOLE_UP_TO,
    sample = LARGE_SAMPLE_ROWS,
  }: { wholeUpTo?: number; sample?: number } = {},
): Promise<boolean> {
  const now = Number((await client.execute(`SELECT count(*) AS n FROM ${LIST_TABLE}`)).rows[0]?.n);
  // Recorded by this function, not read from sqlite_stat1: a sampled ANALYZE writes a row
  // count there too (an estimate), and its rows look like whole ones.
  const { rows } = await client.execute({
    sql: "SELECT value FROM meta WHERE key = ?",
    args: [META_KEYS.listStatsRows],
  });
  const then = rows.length ? Number(rows[0]?.value) : null;
  const stale = !then ? now > 0 : now >= 2 * then || 2 * now <= then;
  if (!stale) return false;
  await client.execute(`PRAGMA analysis_limit=${now <= wholeUpTo ? 0 : sample}`);
  try {
    await client.execute(`ANALYZE ${LIST_TABLE}`);
  } finally {
    await client.execute(`PRAGMA analysis_limit=${SAMPLE_ROWS}`);
  }
  await client.execute({
    sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    args: [META_KEYS.listStatsRows, String(now)],
  });
  return true;
}
