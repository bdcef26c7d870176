import * as A from "@automerge/automerge";
import { afterAll, describe, expect, it } from "vitest";
import { changeCaseDoc, createCaseDoc, edits } from "./case-doc";
import { CaseRepo, type RemoteChange } from "./case-repo";
import { LoadPool } from "./load-pool";
import { MemoryCaseStore } from "./memory-store";
import { SyncError } from "./protocol/errors";
import { ACTOR_A, newCase, projectionContext } from "./test-kit";

/** `count` cases made by station A: intake plus `extra` remark edits each, as remote changes. */
function batch(from: number, count: number, extra = 2): RemoteChange[] {
  const out: RemoteChange[] = [];
  for (let k = from; k < from + count; k++) {
    const init = newCase(k);
    let { doc, change } = createCaseDoc(init, ACTOR_A);
    out.push({ caseId: init.caseId, bytes: change });
    for (let i = 0; i < extra; i++) {
      const r = changeCaseDoc(doc, (d) => edits.setRemarks(d, `第${i}次备注`));
      doc = r.doc;
      if (r.change) out.push({ caseId: init.caseId, bytes: r.change });
    }
    A.free(doc);
  }
  return out;
}

const pool = new LoadPool(2);
afterAll(() => pool.close());

function repo(
  withPool: boolean,
  more: { cacheSize?: number; snapshotEvery?: number } = {},
): { repo: CaseRepo; store: MemoryCaseStore } {
  const store = new MemoryCaseStore();
  return {
    store,
    repo: new CaseRepo({
      store,
      actorId: "ab".repeat(16),
      projection: () => projectionContext(),
      loadPool: withPool ? pool : false,
      poolFrom: 8,
      ...more,
    }),
  };
}

describe("LoadPool: a large batch's new cases loaded on worker threads", () => {
  it("stores exactly what loading on the calling thread stores", async () => {
    const changes = batch(100, 40);
    const pooled = repo(true);
    const inline = repo(false);
    const r1 = await pooled.repo.applyRemote(changes);
    const r2 = await inline.repo.applyRemote(changes);
    expect(r1).toEqual(r2);
    expect(r1.created).toHaveLength(40);
    for (const id of r1.created) {
      expect(await pooled.store.getProjection(id)).toEqual(await inline.store.getProjection(id));
      expect(await pooled.repo.heads(id)).toEqual(await inline.repo.heads(id));
      expect((await pooled.repo.get(id))?.record.remarks).toBe("第1次备注");
    }
  });

  it("stored cases no longer loaded get their new changes merged there too, snapshots included", async () => {
    // Made by one node, received in two pushes; the receivers keep almost nothing loaded.
    const makers = new Map<string, ReturnType<typeof createCaseDoc>["doc"]>();
    const first: RemoteChange[] = [];
    for (let k = 500; k < 520; k++) {
      const init = newCase(k);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      makers.set(init.caseId, doc);
      first.push({ caseId: init.caseId, bytes: change });
    }
    const second: RemoteChange[] = [];
    for (const [caseId, d0] of makers) {
      let doc = d0;
      for (let i = 0; i < 3; i++) {
        const r = changeCaseDoc(doc, (d) => edits.setRemarks(d, `后来第${i}次`));
        doc = r.doc;
        if (r.change) second.push({ caseId, bytes: r.change });
      }
      A.free(doc);
    }
    const small = { cacheSize: 1, snapshotEvery: 3 };
    const pooled = repo(true, small);
    const inline = repo(false, small);
    for (const r of [pooled, inline]) {
      await r.repo.applyRemote(first);
      expect((await r.repo.applyRemote(second)).created).toEqual([]);
    }
    for (const caseId of makers.keys()) {
      expect(await pooled.store.getProjection(caseId)).toEqual(
        await inline.store.getProjection(caseId),
      );
      const p = await pooled.store.loadCase(caseId);
      expect(p?.snapshot).not.toBeNull();
      expect(p?.changes).toEqual((await inline.store.loadCase(caseId))?.changes);
      expect((await pooled.repo.get(caseId))?.record.remarks).toBe("后来第2次");
    }
  });

  it("a refused case among them refuses the whole batch, and nothing is stored", async () => {
    const changes = batch(200, 20);
    const { repo: r, store } = repo(true);
    const bad = changes[changes.length - 1]?.caseId;
    await expect(
      r.applyRemote(changes, {
        check: ({ caseId }) => (caseId === bad ? new Error("not in scope") : null),
      }),
    ).rejects.toThrow("not in scope");
    expect(await store.lastSeq()).toBe(0);
  });

  it("a case with a gap in its changes is refused as MISSING_DEPS, nothing stored", async () => {
    const changes = batch(300, 20);
    const gap = changes.findIndex((c, i) => i > 0 && c.caseId === changes[i - 1]?.caseId);
    const { repo: r, store } = repo(true);
    const err = await r.applyRemote(changes.filter((_, i) => i !== gap)).catch((e) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect((err as SyncError).data.kind).toBe("MISSING_DEPS");
    expect(await store.lastSeq()).toBe(0);
  });

  it("bytes that do not load come back as null (the calling thread decides); after close, new workers start", async () => {
    const own = new LoadPool(1);
    try {
      const items = [{ caseId: "x", bytes: new Uint8Array([1, 2, 3]) }];
      expect(await own.load(items)).toEqual([{ caseId: "x", content: null }]);
      await own.close();
      const [first] = batch(400, 1, 0);
      const out = await own.load([
        { caseId: first?.caseId ?? "", bytes: first?.bytes ?? new Uint8Array() },
      ]);
      expect(out[0]?.content).toMatchObject({ caseId: first?.caseId });
    } finally {
      await own.close();
    }
  });

  it("batches smaller than a chunk take turns across the workers, not all the first one", async () => {
    const own = new LoadPool(2);
    try {
      const items = (k: number) => {
        const [c] = batch(600 + k, 1, 0);
        return [{ caseId: c?.caseId ?? "", bytes: c?.bytes ?? new Uint8Array() }];
      };
      await own.load(items(0));
      const workers = (own as unknown as { workers: { postMessage: (m: unknown) => void }[] })
        .workers;
      expect(workers).toHaveLength(2);
      const sent = workers.map(() => 0);
      workers.forEach((w, i) => {
        const post = w.postMessage.bind(w);
        w.postMessage = (m: unknown) => {
          sent[i] = (sent[i] ?? 0) + 1;
          post(m);
        };
      });
      for (let k = 1; k <= 4; k++) await own.load(items(k));
      expect(sent).toEqual([2, 2]);
    } finally {
      await own.close();
    }
  });

  it("a kept pool starts at once, warms up, reports warm, and loads the same as a cold one", async () => {
    const kept = new LoadPool(1, 20_000, 3);
    const cold = new LoadPool(1);
    try {
      expect(kept.status).toEqual({ running: 0, warm: false });
      kept.keepWarm();
      expect(kept.status.running).toBe(1);
      const deadline = Date.now() + 20_000;
      while (!kept.status.warm && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      expect(kept.status).toEqual({ running: 1, warm: true });
      const changes = batch(500, 3, 1);
      const items = [...new Set(changes.map((c) => c.caseId))].map((caseId) => ({
        caseId,
        bytes: Buffer.concat(changes.filter((c) => c.caseId === caseId).map((c) => c.bytes)),
      }));
      expect(await kept.load(items)).toEqual(await cold.load(items));
      // A pool that is not kept reports warm whether or not it runs: it never warms up.
      expect(cold.status).toEqual({ running: 1, warm: true });
    } finally {
      await kept.close();
      await cold.close();
    }
  });
});
