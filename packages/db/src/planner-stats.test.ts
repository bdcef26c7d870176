import { afterEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "./case-store";
import { type Db, refreshPlannerStats } from "./client";
import { refreshListStats } from "./planner-stats";
import { type CaseFilter, listCases, listQueries } from "./queries/cases";
import { fileTempDb, projectionFixture, type TempDb } from "./testing";

// Statistics are a local file's own (a libSQL server's are its operator's), so these tests
// always run on a file.
const STATION = "330106001001";

/** `n` cases taken at one station, as a station's database holds them, from `from` on. */
async function stationCases(db: Db, n: number, from = 0): Promise<void> {
  const store = new LibsqlCaseStore(db);
  for (let i = from; i < from + n; i += 250) {
    await store.commit(
      Array.from({ length: Math.min(250, from + n - i) }, (_, j) => {
        const k = i + j;
        const projection = projectionFixture(k, {
          originSiteId: STATION,
          handlingSiteId: STATION,
          status: k % 3 === 0 ? "SUBMITTED" : "ACCEPTED",
          updatedAt: new Date(Date.UTC(2026, 10, 1) + k * 60_000).toISOString(),
        });
        return { caseId: projection.caseId, changes: [], projection };
      }),
    );
  }
}

const statOf = async (db: Db, index: string) =>
  String(
    (
      await db.client.execute({
        sql: "SELECT stat FROM sqlite_stat1 WHERE idx = ?",
        args: [index],
      })
    ).rows[0]?.stat,
  );

async function pagePlan(db: Db, filter: CaseFilter): Promise<string[]> {
  const { sql, params } = listQueries(db, filter)[0].toSQL();
  const plan = await db.client.execute({
    sql: `EXPLAIN QUERY PLAN ${sql}`,
    args: params as never[],
  });
  return plan.rows.map((r) => String(r.detail));
}

describe("planner statistics", () => {
  let t: TempDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  it("a station's lists read its newest cases in order, not every case sorted", async () => {
    // A sample of 400 index rows said "401 cases a site" of 2,000 that are all the station's,
    // and "open cases, newest first" walked the three site indexes and sorted them all.
    t = await fileTempDb();
    await stationCases(t.db, 2_000);
    const db = await t.reopen();
    expect(await statOf(db, "case_projections_origin_site_idx")).toBe("2000 2000");
    const filter: CaseFilter = {
      siteIds: [STATION],
      open: true,
      orderBy: "updated",
      today: "2026-11-23",
      limit: 50,
    };
    const plan = await pagePlan(db, filter);
    expect(plan.join(" | ")).toMatch(/USING INDEX case_projections_updated_at_idx/);
    expect(plan.join(" | ")).not.toMatch(/MULTI-INDEX OR/);
    const page = await listCases(db, filter);
    expect(page.total).toBe(2_000);
    expect(page.rows.map((r) => r.caseId)).toEqual(
      Array.from({ length: 50 }, (_, i) => projectionFixture(1_999 - i).caseId),
    );
  });

  it("are re-taken after a pass once the list table has doubled, and not before", async () => {
    t = await fileTempDb();
    expect(await refreshPlannerStats(t.db)).toBe(false); // empty: nothing to take
    await stationCases(t.db, 100);
    expect(await refreshPlannerStats(t.db)).toBe(true);
    expect(await statOf(t.db, "case_projections_origin_site_idx")).toBe("100 100");
    expect(await refreshPlannerStats(t.db)).toBe(false);
    await stationCases(t.db, 99, 100);
    expect(await refreshPlannerStats(t.db)).toBe(false); // 199: not yet twice 100
    await stationCases(t.db, 1, 199);
    expect(await refreshPlannerStats(t.db)).toBe(true);
    expect(await statOf(t.db, "case_projections_origin_site_idx")).toBe("200 200");
    // Whole, not sampled: the other tables' bound is back for the next ANALYZE.
    const limit = await t.db.client.execute("PRAGMA analysis_limit");
    expect(Object.values(limit.rows[0] ?? {})[0]).toBe(400);
  });

  it("a database analysed only by sample, as before, gets whole statistics at its next open", async () => {
    t = await fileTempDb();
    await stationCases(t.db, 2_000);
    await t.db.client.executeMultiple("PRAGMA analysis_limit=400; ANALYZE;");
    expect(await statOf(t.db, "case_projections_origin_site_idx")).toMatch(/ 401$/);
    const db = await t.reopen();
    expect(await statOf(db, "case_projections_origin_site_idx")).toBe("2000 2000");
  });

  it("past a big node's size, from a large sample instead (ANALYZE holds the event loop)", async () => {
    t = await fileTempDb();
    await stationCases(t.db, 300);
    expect(await refreshListStats(t.db.client, { wholeUpTo: 299, sample: 50 })).toBe(true);
    // Sampled: the estimate stops at the sample (the whole says "300 300").
    expect(await statOf(t.db, "case_projections_origin_site_idx")).toMatch(/^\d+ 51$/);
    const limit = await t.db.client.execute("PRAGMA analysis_limit");
    expect(Object.values(limit.rows[0] ?? {})[0]).toBe(400);
  });

  it("are not taken again at open while the list table keeps its size", async () => {
    t = await fileTempDb();
    await stationCases(t.db, 300);
    await refreshPlannerStats(t.db);
    // A marker in the list table's statistics survives a reopen: they were not re-taken.
    await t.db.client.execute(
      "UPDATE sqlite_stat1 SET stat = '300 300 marker' WHERE idx = 'case_projections_origin_site_idx'",
    );
    const db = await t.reopen();
    expect(await statOf(db, "case_projections_origin_site_idx")).toBe("300 300 marker");
  });
});
