import { runHubStoreTests } from "@bangban/sync/hub-store-suite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FEED_PAGE_CHANGES } from "./bulk-store";
import { FILL_ENTERED } from "./case-store";
import { LibsqlHubStore } from "./hub-store";
import { fileTempDb, projectionFixture, remoteTestDb, type TempDb, tempDb } from "./testing";

runHubStoreTests("libsql", async () => {
  const t = await tempDb();
  return {
    store: new LibsqlHubStore(t.db),
    teardown: () => t.cleanup(),
  };
});

// A hub's serve opens its database with the group commit (WriteGroup): the same contract holds
// when commits share transactions and the push path reads on the write connection. A file only.
if (!remoteTestDb()) {
  runHubStoreTests("libsql with group commit", async () => {
    const t = await fileTempDb("hub.db", { groupCommit: true });
    return {
      store: new LibsqlHubStore(t.db),
      teardown: () => t.cleanup(),
    };
  });
}

describe("LibsqlHubStore beyond the contract", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("fills the feeds of the cases that entered a scope from those cases' changes, never a scan of the change log", async () => {
    // Every push runs it: a scan of the whole log made a push's commit grow with the hub's
    // history (8 ms at a few thousand changes, bench B7).
    const store = new LibsqlHubStore(t.db, { now: () => "2026-11-23T01:00:00.000Z" });
    const bytes = (n: number, i: number) => new Uint8Array([n % 250, i]);
    await store.commit(
      Array.from({ length: 1000 }, (_, k) => {
        const projection = projectionFixture(k + 1);
        return {
          caseId: projection.caseId,
          projection,
          changes: Array.from({ length: 6 }, (_, i) => ({
            hash: `h${k}-${i}`,
            actor: "aa",
            bytes: bytes(k, i),
          })),
        };
      }),
    );
    if (!remoteTestDb()) await t.db.client.execute("ANALYZE");
    const plan = await t.db.client.execute(`EXPLAIN QUERY PLAN ${FILL_ENTERED}`);
    const steps = plan.rows.map((r) => String(r.detail));
    expect(steps.filter((d) => /^(SCAN|SEARCH) c\b/.test(d))).toEqual([
      expect.stringMatching(
        /^SEARCH c USING (COVERING )?INDEX changes_case_seq_idx \(case_id=\?\)/,
      ),
    ]);
  });

  it("a bulk pull page reads its cases' changes by the change log's case index, never the site's whole feed", async () => {
    // Left to the planner, the page walked the site's feed by feed_seq for every page: B2-100K's
    // pull took 26 s of the hub's CPU for 100 pages of 1,000 cases.
    if (!remoteTestDb()) await t.db.client.execute("ANALYZE");
    const plan = await t.db.client.execute(`EXPLAIN QUERY PLAN ${FEED_PAGE_CHANGES}`);
    const steps = plan.rows.map((r) => String(r.detail));
    // Either index that leads with the case will do: the page's rows are sorted either way.
    expect(steps.filter((d) => /^(SCAN|SEARCH) (c|f)\b/.test(d))).toEqual([
      expect.stringMatching(
        /^SEARCH c USING (COVERING )?INDEX changes_case_(seq_idx|hash_uq) \(case_id=\?\)/,
      ),
      expect.stringMatching(
        /^SEARCH f USING (COVERING )?INDEX site_feed_site_change_idx \(site_id=\? AND change_seq=\?/,
      ),
    ]);
  });
});
