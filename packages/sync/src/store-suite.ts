import * as A from "@automerge/automerge";
import { WorkCalendar } from "@bangban/domain";
import { actors, JournalKit } from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changeCaseDoc, changeMeta, createCaseDoc, edits, readCase } from "./case-doc";
import { CaseRepo } from "./case-repo";
import { projectCase } from "./projection";
import { type CaseStore, type CaseWrite, changeKey } from "./store";
import { ACTOR_A, ACTOR_B, ELDERLY, newCase, projectionContext } from "./test-kit";

export interface StoreHarness {
  store: CaseStore;
  /** Re-opens the same storage as a fresh store (a restart), when the implementation is durable. */
  reopen?: () => Promise<CaseStore>;
  teardown: () => Promise<void>;
}

function writeFor(n: number, extra = 0): { write: CaseWrite; hashes: string[] } {
  const init = newCase(n);
  let { doc, change } = createCaseDoc(init, ACTOR_A);
  const changes = [change];
  for (let i = 0; i < extra; i++) {
    const r = changeCaseDoc(doc, (d) => edits.setRemarks(d, `备注 ${i}`));
    doc = r.doc;
    if (r.change) changes.push(r.change);
  }
  const projection = projectCase(readCase(doc), projectionContext());
  const metas = changes.map(changeMeta);
  return {
    write: { caseId: init.caseId, changes: metas, projection },
    hashes: metas.map((m) => m.hash),
  };
}

/**
 * The acceptance suite every CaseStore implementation must pass. An implementation's test
 * file is a setup plus one call, so the in-memory and libSQL stores are held to one contract.
 */
export function runCaseStoreTests(name: string, setup: () => Promise<StoreHarness>): void {
  describe(`CaseStore contract: ${name}`, () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.teardown();
    });

    it("indexes each write's attachment references by hash (case_attachments), adding and never dropping", async () => {
      const one = writeFor(40).write;
      const two = writeFor(41).write;
      const h1 = "a".repeat(64);
      const h2 = "b".repeat(64);
      const ref = {
        hash: h1,
        materialCode: "M1",
        name: "户口簿.jpg",
        mime: "image/jpeg",
        size: 12,
      };
      await h.store.commit([
        { ...one, attachments: [ref, { ...ref, hash: h2, page: 2 }] },
        { ...two, attachments: [{ ...ref, materialCode: "M2" }] },
      ]);
      expect(await h.store.blobRefs(h1)).toEqual([
        { ...ref, caseId: one.caseId, page: null },
        { ...ref, caseId: two.caseId, materialCode: "M2", page: null },
      ]);
      expect(await h.store.blobRefs(h2)).toEqual([
        { ...ref, hash: h2, caseId: one.caseId, page: 2 },
      ]);
      // A write without the list leaves the index as it is; an unknown hash has no reference.
      await h.store.commit([{ ...one, changes: [] }]);
      expect(await h.store.blobRefs(h2)).toHaveLength(1);
      expect(await h.store.blobRefs("c".repeat(64))).toEqual([]);
    });

    it("an unknown case loads as null and the empty log ends at 0", async () => {
      expect(await h.store.loadCase("nope")).toBeNull();
      expect(await h.store.lastSeq()).toBe(0);
      expect(await h.store.getProjection("nope")).toBeNull();
    });

    it("committed changes come back in order and the document rebuilds from them", async () => {
      const { write } = writeFor(1, 3);
      const r = await h.store.commit([write]);
      expect(r.appended).toBe(4);
      const log = await h.store.changesAfter(0, { maxChanges: 10, maxBytes: Infinity });
      expect(log.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
      expect(log.map((c) => c.hash)).toEqual(write.changes.map((c) => c.hash));
      const loaded = await h.store.loadCase(write.caseId);
      expect(loaded?.snapshot).toBeNull();
      const [doc] = A.applyChanges(A.init(), loaded?.changes ?? []);
      expect(readCase(doc as never).remarks).toBe("备注 2");
    });

    it("a replayed batch appends nothing twice (idempotent by case and change hash)", async () => {
      const { write, hashes } = writeFor(2, 2);
      const id = write.caseId;
      await h.store.commit([write]);
      const again = await h.store.commit([write, write]);
      expect(again.appended).toBe(0);
      expect(await h.store.lastSeq()).toBe(3);
      const asked = [...hashes, "0".repeat(64)].map((hash) => ({ caseId: id, hash }));
      expect(await h.store.hasChanges(asked)).toEqual(new Set(hashes.map((x) => changeKey(id, x))));
      // Counted once each: only the changes not already held.
      const more = writeFor(3, 1).write;
      expect((await h.store.commit([write, more])).appended).toBe(more.changes.length);
      const moreKeys = more.changes.map((c) => ({ caseId: more.caseId, hash: c.hash }));
      expect(await h.store.hasChanges(moreKeys)).toEqual(
        new Set(more.changes.map((c) => changeKey(more.caseId, c.hash))),
      );
    });

    it("a change is held in its own case's log only", async () => {
      const { write, hashes } = writeFor(4, 1);
      const other = writeFor(5).write;
      await h.store.commit([write, other]);
      // Asked under another case, the same hashes are not held there.
      const elsewhere = hashes.map((hash) => ({ caseId: other.caseId, hash }));
      expect(await h.store.hasChanges(elsewhere)).toEqual(new Set());
      const mixed = [...elsewhere, { caseId: write.caseId, hash: hashes[0] as string }];
      expect(await h.store.hasChanges(mixed)).toEqual(
        new Set([changeKey(write.caseId, hashes[0] as string)]),
      );
    });

    it("after a snapshot only later changes are loaded with it", async () => {
      const init = newCase(3);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      const projection = projectCase(readCase(doc), projectionContext());
      await h.store.commit([
        { caseId: init.caseId, changes: [changeMeta(change)], snapshot: A.save(doc), projection },
      ]);
      const next = changeCaseDoc(doc, (d) => edits.setRemarks(d, "后来的修改"));
      if (!next.change) throw new Error("no change");
      await h.store.commit([
        { caseId: init.caseId, changes: [changeMeta(next.change)], projection },
      ]);
      const loaded = await h.store.loadCase(init.caseId);
      expect(loaded?.snapshot).not.toBeNull();
      expect(loaded?.changes).toHaveLength(1);
      const restored = A.applyChanges(
        A.load(loaded?.snapshot as Uint8Array),
        loaded?.changes ?? [],
      )[0];
      expect(readCase(restored as never).remarks).toBe("后来的修改");
    });

    it("a later write in the same batch is not hidden by an earlier write's snapshot", async () => {
      const init = newCase(10);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      const projection = projectCase(readCase(doc), projectionContext());
      const next = changeCaseDoc(doc, (d) => edits.setRemarks(d, "同批后写"));
      if (!next.change) throw new Error("no change");
      await h.store.commit([
        { caseId: init.caseId, changes: [changeMeta(change)], snapshot: A.save(doc), projection },
        { caseId: init.caseId, changes: [changeMeta(next.change)], projection },
      ]);
      const loaded = await h.store.loadCase(init.caseId);
      const restored = A.applyChanges(
        A.load(loaded?.snapshot as Uint8Array),
        loaded?.changes ?? [],
      )[0];
      expect(readCase(restored as never).remarks).toBe("同批后写");
    });

    it("loadCases reads many cases at once exactly as loadCase reads each", async () => {
      const a = writeFor(20, 2).write;
      const b = writeFor(21, 0).write;
      const init = newCase(22);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      const next = changeCaseDoc(doc, (d) => edits.setRemarks(d, "快照之后"));
      if (!next.change) throw new Error("no change");
      const projection = projectCase(readCase(doc), projectionContext());
      await h.store.commit([
        a,
        b,
        { caseId: init.caseId, changes: [changeMeta(change)], snapshot: A.save(doc), projection },
      ]);
      await h.store.commit([
        { caseId: init.caseId, changes: [changeMeta(next.change)], projection },
      ]);
      const ids = [a.caseId, "nope", b.caseId, init.caseId, a.caseId];
      const many = await h.store.loadCases(ids);
      expect([...many.keys()].sort()).toEqual([a.caseId, b.caseId, init.caseId].sort());
      for (const id of [a.caseId, b.caseId, init.caseId]) {
        expect(many.get(id)).toEqual(await h.store.loadCase(id));
      }
      expect(many.get(init.caseId)?.snapshot).not.toBeNull();
      expect(many.get(init.caseId)?.changes).toHaveLength(1);
      expect((await h.store.loadCases([])).size).toBe(0);
    });

    it("changesAfter pages by cursor, count and bytes, always returning at least one", async () => {
      await h.store.commit([writeFor(4, 4).write, writeFor(5, 4).write]);
      const all = await h.store.changesAfter(0, { maxChanges: 100, maxBytes: 1 << 20 });
      expect(all.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const page = await h.store.changesAfter(3, { maxChanges: 4, maxBytes: 1 << 20 });
      expect(page.map((c) => c.seq)).toEqual([4, 5, 6, 7]);
      const tiny = await h.store.changesAfter(0, { maxChanges: 100, maxBytes: 1 });
      expect(tiny).toHaveLength(1);
      expect(tiny[0]?.bytes).toEqual(all[0]?.bytes);
      expect(await h.store.changesAfter(10, { maxChanges: 10, maxBytes: 1 << 20 })).toEqual([]);
      expect(await h.store.countAfter(3)).toBe(7);
      expect(await h.store.countAfter(0, { actor: "ff" })).toBe(0);
      const mine = await h.store.changesAfter(
        0,
        { maxChanges: 100, maxBytes: 1 << 20 },
        { actor: ACTOR_A },
      );
      expect(mine).toHaveLength(10);
      expect(
        await h.store.changesAfter(0, { maxChanges: 100, maxBytes: 1 << 20 }, { actor: "ff" }),
      ).toEqual([]);
    });

    it("an actor-id prefix selects every change authored under a code (a street's push)", async () => {
      const repo = new CaseRepo({
        store: h.store,
        actorId: ACTOR_A,
        projection: () => projectionContext(),
      });
      const kit = new JournalKit();
      const a = newCase(21, kit);
      await repo.create(a);
      const other = new CaseRepo({
        store: h.store,
        actorId: ACTOR_B,
        projection: () => projectionContext(),
      });
      await other.edit(a.caseId, (d) => edits.setRemarks(d, "B 站备注"));
      await repo.edit(a.caseId, (d) => edits.setRemarks(d, "A 站备注"));
      const page = { maxChanges: 100, maxBytes: 1 << 20 };
      const actors = async (actorPrefix: string, after = 0) =>
        (await h.store.changesAfter(after, page, { actorPrefix })).map((c) => c.actor);
      // ACTOR_A is under station 330106001001, ACTOR_B under 330106001002: both under the street.
      expect(await actors("330106001")).toEqual([ACTOR_A, ACTOR_B, ACTOR_A]);
      expect(await actors("330106001002")).toEqual([ACTOR_B]);
      expect(await actors("330106002")).toEqual([]);
      expect(await actors("330106001", 1)).toEqual([ACTOR_B, ACTOR_A]);
      expect(await h.store.countAfter(0, { actorPrefix: "330106001" })).toBe(3);
      expect(await h.store.countAfter(1, { actorPrefix: "330106001001" })).toBe(1);
      expect(await h.store.countAfter(0, { actorPrefix: "330106002" })).toBe(0);
      // Bounded like any page: at least one, at most the count.
      expect(
        await h.store.changesAfter(0, { maxChanges: 1, maxBytes: 1 }, { actorPrefix: "330106001" }),
      ).toHaveLength(1);
      // caseChanges reads its actor as a prefix too (an actor id is its own prefix).
      expect((await h.store.caseChanges(a.caseId, "330106001")).map((c) => c.actor)).toEqual([
        ACTOR_A,
        ACTOR_B,
        ACTOR_A,
      ]);
    });

    it("casesAfter names each case with an entry after the cursor, by one actor, once", async () => {
      await h.store.commit([writeFor(8, 2).write, writeFor(9).write]);
      const [first, , , second] = await h.store.changesAfter(0, {
        maxChanges: 100,
        maxBytes: 1 << 20,
      });
      expect((await h.store.casesAfter(0, ACTOR_A)).sort()).toEqual(
        [first?.caseId, second?.caseId].sort(),
      );
      // The first case's three entries are seqs 1–3: after 3, only the second case is left.
      expect(await h.store.casesAfter(3, ACTOR_A)).toEqual([second?.caseId]);
      expect(await h.store.casesAfter(4, ACTOR_A)).toEqual([]);
      expect(await h.store.casesAfter(0, "ff")).toEqual([]);
      // Among given cases only (a screen's rows); a case with no entry after the cursor is out.
      expect(await h.store.casesAfter(0, ACTOR_A, [second?.caseId as string, "nope"])).toEqual([
        second?.caseId,
      ]);
      expect(await h.store.casesAfter(3, ACTOR_A, [first?.caseId as string])).toEqual([]);
      expect(await h.store.casesAfter(0, ACTOR_A, [])).toEqual([]);
    });

    it("a batch with a bad write stores none of its writes", async () => {
      const good = writeFor(6).write;
      const bad = { ...writeFor(7).write, caseId: "mismatch" };
      await expect(h.store.commit([good, bad])).rejects.toThrow();
      expect(await h.store.lastSeq()).toBe(0);
      expect(await h.store.loadCase(good.caseId)).toBeNull();
      expect(await h.store.getProjection(good.caseId)).toBeNull();
    });

    it("projections are replaced by the latest write", async () => {
      const { write } = writeFor(8);
      await h.store.commit([write]);
      await h.store.commit([
        { ...write, changes: [], projection: { ...write.projection, status: "ACCEPTED" } },
      ]);
      expect((await h.store.getProjection(write.caseId))?.status).toBe("ACCEPTED");
    });

    it("quarantined cases start empty, keep the newest refusal per case, in case order", async () => {
      expect(await h.store.quarantined()).toEqual([]);
      const q = (caseId: string, kind: string) => ({
        caseId,
        kind,
        zh: "已拒收",
        en: "refused",
        at: "2026-11-02T02:00:00.000Z",
      });
      await h.store.quarantine(q("01KCASE0000000000000000002", "FORGED_ACTOR"));
      await h.store.quarantine(q("01KCASE0000000000000000001", "INVALID_CASE"));
      await h.store.quarantine(q("01KCASE0000000000000000002", "FORBIDDEN_EVENT"));
      expect(await h.store.quarantined()).toEqual([
        q("01KCASE0000000000000000001", "INVALID_CASE"),
        q("01KCASE0000000000000000002", "FORBIDDEN_EVENT"),
      ]);
    });

    it("a case leaves quarantine; its changes by one actor read back in log order", async () => {
      await h.store.quarantine({
        caseId: "01KCASE0000000000000000003",
        kind: "FORGED_ACTOR",
        zh: "已拒收",
        en: "refused",
        at: "2026-11-02T02:00:00.000Z",
        released: true,
      });
      expect((await h.store.quarantined())[0]?.released).toBe(true);
      await h.store.unquarantine("01KCASE0000000000000000003");
      expect(await h.store.quarantined()).toEqual([]);
      const repo = new CaseRepo({
        store: h.store,
        actorId: ACTOR_A,
        projection: () => projectionContext(),
      });
      const kit = new JournalKit();
      const a = newCase(11, kit);
      const b = newCase(12, kit);
      await repo.create(a);
      await repo.create(b);
      await repo.edit(a.caseId, (d) => edits.setRemarks(d, "备注"));
      const mine = await h.store.caseChanges(a.caseId, ACTOR_A);
      expect(mine.map((c) => c.caseId)).toEqual([a.caseId, a.caseId]);
      expect(mine[0]?.seq).toBeLessThan(mine[1]?.seq ?? 0);
      expect(await h.store.caseChanges(a.caseId, ACTOR_B)).toEqual([]);
    });

    it("reproject rewrites projections with the calendar in force now and logs no change", async () => {
      let calendar = new WorkCalendar();
      const repo = new CaseRepo({
        store: h.store,
        actorId: ACTOR_A,
        projection: () => ({ ...projectionContext(), calendar }),
        cacheSize: 1,
      });
      const kit = new JournalKit();
      const a = newCase(21, kit);
      const b = newCase(22, kit);
      await repo.create(a);
      await repo.create(b);
      await repo.record(a.caseId, ({ journal }) => ({
        ...kit.add(
          "supplement",
          { materials: ELDERLY.materials.map((m) => ({ code: m.code, attachments: [] })) },
          actors.helperA,
        ),
        lamport: journal.length,
      }));
      await repo.record(a.caseId, ({ journal }) => ({
        ...kit.add("accept", { deferred: [] }, actors.helperA),
        lamport: journal.length,
      }));
      const before = await h.store.getProjection(a.caseId);
      expect(before?.dueOn).toBeTruthy();
      const seq = await h.store.lastSeq();
      // A local closure on a working day inside the case's span moves its due day one later.
      calendar = new WorkCalendar({ days: { "2026-11-10": "rest" }, coveredYears: [] });
      const unknown = "01KCASE0000000000000000099";
      expect(await repo.reproject([a.caseId, b.caseId, unknown])).toBe(2);
      expect(await h.store.lastSeq()).toBe(seq);
      expect(await h.store.getProjection(unknown)).toBeNull();
      const after = await h.store.getProjection(a.caseId);
      expect(after?.dueOn).not.toBe(before?.dueOn);
      expect(after).toEqual((await repo.get(a.caseId))?.projection);
      expect(await h.store.getProjection(b.caseId)).toEqual((await repo.get(b.caseId))?.projection);
      expect(await repo.reproject([])).toBe(0);
    });

    it("cursors start at 0 and keep what was set", async () => {
      expect(await h.store.getCursor("hub-ack")).toBe(0);
      await h.store.setCursor("hub-ack", 42);
      await h.store.setCursor("hub-ack", 43);
      expect(await h.store.getCursor("hub-ack")).toBe(43);
    });

    it("a case recorded through the repo reads back the same after a restart", async () => {
      const repo = new CaseRepo({
        store: h.store,
        actorId: ACTOR_A,
        projection: () => projectionContext(),
        snapshotEvery: 3,
      });
      const kit = new JournalKit();
      const init = newCase(9, kit);
      await repo.create(init);
      for (const code of ["PHOTO", "BANK_OR_SOCIAL_SECURITY_CARD"]) {
        await repo.record(
          init.caseId,
          ({ journal }) =>
            kit.add("supplement", { materials: [{ code, attachments: [] }] }, actors.helperA) &&
            ({ ...kit.events[kit.events.length - 1], lamport: journal.length } as never),
        );
      }
      await repo.record(init.caseId, ({ journal }) => ({
        ...kit.add("accept", { deferred: [] }, actors.helperA),
        lamport: journal.length,
      }));
      const before = await repo.get(init.caseId);
      const store = h.reopen ? await h.reopen() : h.store;
      const fresh = new CaseRepo({
        store,
        actorId: ACTOR_A,
        projection: () => projectionContext(),
      });
      const after = await fresh.get(init.caseId);
      expect(after?.state.status).toBe("ACCEPTED");
      expect(after?.record).toEqual(before?.record);
      expect(await store.getProjection(init.caseId)).toEqual(before?.projection);
    });
  });
}
