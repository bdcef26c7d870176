import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBulkPage } from "./bulk-store";
import { LibsqlHubStore } from "./hub-store";
import { projectionFixture, type TempDb, tempDb } from "./testing";

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
      expect(JSON.parse(c.projectionJson)).toStrictEqual({ ...read[i] });
    }
    // Not only equal to what was read back: to what was stored.
    expect(JSON.parse(page.cases[1]?.projectionJson ?? "")).toMatchObject({
      deferred: true,
      onTime: true,
      legalOnTime: false,
      ratingChannels: projections[1]?.ratingChannels,
      ruleState: projections[1]?.ruleState,
    });
    expect(JSON.parse(page.cases[0]?.projectionJson ?? "")).toMatchObject({ onTime: null });
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
