import { actors, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { MemoryCaseStore } from "../memory-store";
import { SyncError } from "../protocol/errors";
import { BulkActivity } from "../station/bulk-activity";
import { PULL_CURSOR } from "../station/sync-service";
import { type Hub, makeHub, makeStation, type Station } from "../sync-kit";
import { actor, newCase } from "../test-kit";

/**
 * Bulk pull (SPEC.md "Bulk pull"): a new PC of a station, or a station set up again, has its
 * site's whole history to pull. It takes whole cases in pages, with the hub's projection of
 * each, and stores them without loading a document; then the normal pull goes on from the
 * feed position the pages covered.
 */

const act = actor("01KPULLBULK");

/** Street X with station A's history of `n` cases synced up, and station B's one case. */
async function street(n: number) {
  const x = makeHub(SITES.center);
  const a = makeStation(x, SITES.stationA);
  const b = makeStation(x, SITES.stationB);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const init = newCase(300 + i);
    await a.repo.create(init);
    ids.push(init.caseId);
  }
  await act(a.repo, ids[0] as string, "note", { text: "已电话联系" } as never, actors.helperA);
  await a.sync.syncOnce();
  const other = newCase(399);
  await b.repo.create(other);
  await b.sync.syncOnce();
  return { x, a, b, ids, otherId: other.caseId };
}

/** A second PC of station A (a new actor), taking whole cases from `from` changes waiting. */
const newPc = (x: Hub, from = 1, store?: MemoryCaseStore) =>
  makeStation(x, SITES.stationA, {}, 2, {}, { pullBulkFrom: from, ...(store ? { store } : {}) });

/** A store that says which of its commits ran inside a bulk load (`CaseStore.bulkLoad`). */
class LoadingStore extends MemoryCaseStore {
  loads = 0;
  private inside = false;
  readonly commits: { inside: boolean; cases: number }[] = [];

  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    this.loads += 1;
    this.inside = true;
    try {
      return await work();
    } finally {
      this.inside = false;
    }
  }

  override async commit(...args: Parameters<MemoryCaseStore["commit"]>) {
    this.commits.push({ inside: this.inside, cases: args[0].length });
    return super.commit(...args);
  }
}

/** How many bulk pages the hub has served from now on. */
function countBulkPages(x: Hub): () => number {
  let pages = 0;
  const pullBulk = x.handler.pullBulk.bind(x.handler);
  x.handler.pullBulk = (st, req) => {
    pages += 1;
    return pullBulk(st, req);
  };
  return () => pages;
}

const hashes = async (node: Hub | Station, caseId: string) =>
  (await node.store.caseChanges(caseId, "")).map((c) => c.hash).sort();

describe("a first pull with a long history takes whole cases", () => {
  it("holds the hub's changes and projections without a document loaded, then pulls later changes as usual", async () => {
    const { x, a, ids, otherId } = await street(4);
    const pc = newPc(x);
    const bulkPages = countBulkPages(x);
    await pc.sync.syncOnce();
    expect(bulkPages()).toBe(1);
    for (const id of ids) {
      expect(await hashes(pc, id)).toEqual(await hashes(x, id));
      expect(await pc.store.getProjection(id)).toEqual(await x.store.getProjection(id));
    }
    // Only its site's scope: station B's case stays at the hub.
    expect(await pc.store.getProjection(otherId)).toBeNull();
    expect(await pc.store.getCursor(PULL_CURSOR)).toBeGreaterThan(0);

    // A case stored whole opens and takes a step like any other, and goes up.
    const view = await pc.repo.get(ids[1] as string);
    expect(view?.state.status).toBe("SUBMITTED");
    await act(
      pc.repo,
      ids[1] as string,
      "note",
      { text: "新电脑上的备注" } as never,
      actors.helperA,
    );
    await pc.sync.syncOnce();
    expect(await hashes(x, ids[1] as string)).toEqual(await hashes(pc, ids[1] as string));

    // A later step at the first PC comes down by the normal pull, onto the whole case.
    await act(a.repo, ids[2] as string, "note", { text: "第二次联系" } as never, actors.helperA);
    await a.sync.syncOnce();
    await pc.sync.syncOnce();
    expect(bulkPages()).toBe(1);
    expect(await hashes(pc, ids[2] as string)).toEqual(await hashes(x, ids[2] as string));
    expect((await pc.store.getProjection(ids[2] as string))?.eventCount).toBe(
      (await x.store.getProjection(ids[2] as string))?.eventCount,
    );
  });

  it("stores every page inside one bulk load of the store, and the normal pull after it outside", async () => {
    const { x, a, ids } = await street(4);
    const store = new LoadingStore();
    const pc = newPc(x, 1, store);
    await pc.sync.syncOnce();
    expect(store.loads).toBe(1);
    expect(store.commits.filter((c) => c.inside).reduce((n, c) => n + c.cases, 0)).toBe(ids.length);
    await act(a.repo, ids[2] as string, "note", { text: "第二次联系" } as never, actors.helperA);
    await a.sync.syncOnce();
    const before = store.commits.length;
    await pc.sync.syncOnce();
    expect(store.loads).toBe(1);
    expect(store.commits.slice(before).some((c) => c.inside)).toBe(false);
    expect(store.commits.length).toBeGreaterThan(before);
  });

  it("holds background passes until the round that pulled whole cases has ended, whether it succeeds or fails", async () => {
    const { x } = await street(4);
    const bulk = new BulkActivity();
    let heldAtEnd: boolean | null = null;
    let fail = true;
    const pc = makeStation(
      x,
      SITES.stationA,
      {},
      2,
      {},
      {
        pullBulkFrom: 1,
        bulkActivity: bulk,
        // After the pull, as the round's reference step runs.
        afterRound: async () => {
          heldAtEnd = bulk.active;
          if (fail) throw new Error("reference cut off");
        },
      },
    );
    await expect(pc.sync.syncOnce()).rejects.toThrow("reference cut off");
    expect(heldAtEnd).toBe(true);
    expect(bulk.active).toBe(false);
    // The next round has no whole cases to take: it holds nothing.
    fail = false;
    await pc.sync.syncOnce();
    expect(heldAtEnd).toBe(false);
    expect(bulk.active).toBe(false);
  });

  it("a short backlog goes by the normal pull", async () => {
    const { x, ids } = await street(2);
    const pc = newPc(x, 1_000);
    const bulkPages = countBulkPages(x);
    await pc.sync.syncOnce();
    expect(bulkPages()).toBe(0);
    expect(await hashes(pc, ids[0] as string)).toEqual(await hashes(x, ids[0] as string));
  });

  it("cut off after a page, it starts again next round and merges what it already stored", async () => {
    const { x, ids } = await street(5);
    const pc = newPc(x);
    // Pages of two cases; the second page's answer is lost.
    const pullBulk = x.handler.pullBulk.bind(x.handler);
    let calls = 0;
    x.handler.pullBulk = async (st, req) => {
      calls += 1;
      const r = await pullBulk(st, { ...req, maxCases: 2 });
      if (calls === 2) throw new Error("connection reset");
      return r;
    };
    await pc.sync.syncOnce().catch(() => undefined);
    expect(await pc.store.getCursor(PULL_CURSOR)).toBe(0);
    expect(await pc.store.getProjection(ids[0] as string)).not.toBeNull();
    await pc.sync.syncOnce();
    for (const id of ids) expect(await hashes(pc, id)).toEqual(await hashes(x, id));
    expect(await pc.store.getCursor(PULL_CURSOR)).toBeGreaterThan(0);
  });
});

describe("whole cases from the hub are checked before anything is stored", () => {
  async function refusal(p: Promise<unknown>) {
    try {
      await p;
      return "stored";
    } catch (e) {
      if (e instanceof SyncError) return `${e.data.kind} ${e.data.en}`;
      throw e;
    }
  }

  it("a projection of another case, a change that does not decode, or a history with a gap: refused whole (typed), nothing stored", async () => {
    const { x, ids } = await street(2);
    const pc = newPc(x);
    const whole = async (id: string) => ({
      caseId: id,
      projection: await x.store.getProjection(id),
      changes: (await x.store.caseChanges(id, "")).map((c) => c.bytes),
      attachments: [],
    });
    const [one, two] = [await whole(ids[0] as string), await whole(ids[1] as string)];
    expect(await refusal(pc.repo.storeWhole([one, { ...two, projection: one.projection }]))).toBe(
      `MALFORMED_BATCH Case ${two.caseId}'s projection has a bad caseId`,
    );
    expect(
      await refusal(
        pc.repo.storeWhole([one, { ...two, changes: [...two.changes, new Uint8Array([1, 2])] }]),
      ),
    ).toBe("MALFORMED_BATCH A change could not be decoded");
    // ids[0] has two changes (intake, then a note that depends on it): the note alone has a gap.
    expect(one.changes.length).toBe(2);
    expect(await refusal(pc.repo.storeWhole([{ ...one, changes: one.changes.slice(1) }]))).toBe(
      `MALFORMED_BATCH Case ${one.caseId}'s history is not whole`,
    );
    expect(await pc.store.getProjection(one.caseId)).toBeNull();
    expect(await pc.store.lastSeq()).toBe(0);
  });
});
