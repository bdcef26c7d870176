import type { CaseWrite } from "@bangban/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "./case-store";
import { listCases } from "./queries/cases";
import { projectionFixture, type TempDb, tempDb } from "./testing";

// Correctness with many cases in one file; speed is measured by `pnpm bench`, not here.
const CASES = 2_000;
const CHANGES_PER_CASE = 10;
const SITES = ["330106001001", "330106001002", "330106001003", "330106001004"];

function writeFor(n: number): CaseWrite {
  const projection = projectionFixture(n, {
    originSiteId: SITES[n % SITES.length] as string,
    status: n % 7 === 0 ? "COMPLETED" : "ACCEPTED",
    dueOn: `2026-12-${String((n % 28) + 1).padStart(2, "0")}`,
    updatedAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
  });
  const changes = Array.from({ length: CHANGES_PER_CASE }, (_, i) => ({
    hash: `${String(n).padStart(8, "0")}${String(i).padStart(56, "0")}`,
    actor: "aa",
    bytes: new Uint8Array(300).fill((n + i) % 251),
  }));
  return { caseId: projection.caseId, changes, projection };
}

describe(`at scale: ${CASES} cases × ${CHANGES_PER_CASE} changes`, () => {
  let t: TempDb;
  let store: LibsqlCaseStore;
  beforeAll(async () => {
    t = await tempDb();
    store = new LibsqlCaseStore(t.db);
    for (let i = 0; i < CASES; i += 200) {
      await store.commit(Array.from({ length: 200 }, (_, j) => writeFor(i + j)));
    }
  }, 120_000);
  afterAll(async () => t.cleanup());

  it("loads a case by its own changes only", async () => {
    expect(await store.lastSeq()).toBe(CASES * CHANGES_PER_CASE);
    for (let i = 0; i < 200; i++) {
      const loaded = await store.loadCase(projectionFixture((i * 7919) % CASES).caseId);
      expect(loaded?.changes).toHaveLength(CHANGES_PER_CASE);
    }
  });

  it("commits one case at a time after a bulk load", async () => {
    for (let i = 0; i < 20; i++) await store.commit([writeFor(CASES + i)]);
    expect(await store.lastSeq()).toBe((CASES + 20) * CHANGES_PER_CASE);
  });

  it("lists and counts with filters", async () => {
    const page = await listCases(t.db, {
      siteIds: [SITES[1] as string],
      open: true,
      colour: "green",
      today: "2026-11-23",
      orderBy: "due",
      limit: 50,
    });
    expect(page.rows).toHaveLength(50);
    expect(page.total).toBeGreaterThan(CASES / 5);
    const dues = page.rows.map((r) => r.dueOn ?? "");
    expect(dues).toEqual([...dues].sort());
    const byHash = await listCases(t.db, {
      applicantIdHash: projectionFixture(1234).applicantIdHash,
      today: "2026-11-23",
      limit: 10,
    });
    expect(byHash.rows.map((r) => r.caseId)).toContain(projectionFixture(1234).caseId);
  });

  it("feeds the whole log in bounded pages", async () => {
    let after = 0;
    let pages = 0;
    for (;;) {
      const page = await store.changesAfter(after, { maxChanges: 1000, maxBytes: 256 * 1024 });
      if (page.length === 0) break;
      expect(page.reduce((n, c) => n + c.bytes.length, 0)).toBeLessThanOrEqual(256 * 1024);
      after = page[page.length - 1]?.seq ?? after;
      pages += 1;
    }
    expect(after).toBe(await store.lastSeq());
    expect(pages).toBeGreaterThan(20);
  });
});
