import * as A from "@automerge/automerge";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changeCaseDoc, changeMeta, createCaseDoc, edits, readCase } from "./case-doc";
import { projectCase } from "./projection";
import type { HubStore } from "./store";
import { ACTOR_A, ACTOR_B, newCase, projectionContext } from "./test-kit";

export interface HubStoreHarness {
  store: HubStore;
  teardown: () => Promise<void>;
}

/** A case's scanned page, as its attachment index holds it. */
const SCAN = {
  hash: "a".repeat(64),
  materialCode: "ID_CARD",
  name: "身份证.jpg",
  mime: "image/jpeg",
  size: 10,
  page: 1,
};

/** The acceptance suite for hub stores: scope and per-site feeds. */
export function runHubStoreTests(name: string, setup: () => Promise<HubStoreHarness>): void {
  describe(`HubStore contract: ${name}`, () => {
    let h: HubStoreHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.teardown();
    });

    it("finds the cases holding given case numbers", async () => {
      const init = newCase(1);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      const p = projectCase(readCase(doc), projectionContext());
      await h.store.commit([{ caseId: init.caseId, changes: [changeMeta(change)], projection: p }]);
      const found = await h.store.casesByNumber([init.caseNumber, "330106001001-20990101-0001"]);
      expect([...found]).toEqual([[init.caseNumber, init.caseId]]);
      expect((await h.store.casesByNumber([])).size).toBe(0);
    });

    it("a case's changes are in the feed of each site in its scope, and only there", async () => {
      const init = newCase(1);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      const p = projectCase(readCase(doc), projectionContext());
      await h.store.commit([{ caseId: init.caseId, changes: [changeMeta(change)], projection: p }]);
      expect(await h.store.scopeOf(init.caseId)).toEqual([p.originSiteId]);
      const feed = await h.store.feed(p.originSiteId, 0, { maxChanges: 10, maxBytes: 1 << 20 });
      expect(feed.entries.map((f) => f.hash)).toEqual([changeMeta(change).hash]);
      expect(feed.next).toBe(feed.entries[0]?.feedSeq);
      expect(await h.store.feed("330106001002", 0, { maxChanges: 10, maxBytes: 1 << 20 })).toEqual({
        entries: [],
        next: 0,
      });
    });

    it("a case entering a site's scope brings its whole history into that site's feed, in order", async () => {
      const init = newCase(2);
      let { doc, change } = createCaseDoc(init, ACTOR_A);
      const hashes = [changeMeta(change).hash];
      let p = projectCase(readCase(doc), projectionContext());
      await h.store.commit([{ caseId: init.caseId, changes: [changeMeta(change)], projection: p }]);
      for (let i = 0; i < 3; i++) {
        const r = changeCaseDoc(doc, (d) => edits.setRemarks(d, `第${i}次`));
        doc = r.doc;
        if (!r.change) throw new Error("no change");
        hashes.push(changeMeta(r.change).hash);
        await h.store.commit([
          { caseId: init.caseId, changes: [changeMeta(r.change)], projection: p },
        ]);
      }
      const other = "330106001002";
      const b0 = await h.store.feedBacklog(other, 0);
      expect(b0.changes).toBe(0);
      p = { ...p, pickupSiteId: other };
      await h.store.commit([{ caseId: init.caseId, changes: [], projection: p }]);
      const { entries: feed } = await h.store.feed(other, 0, { maxChanges: 10, maxBytes: 1 << 20 });
      expect(feed.map((f) => f.hash)).toEqual(hashes);
      expect(await h.store.feedBacklog(other, 0)).toMatchObject({ changes: 4, cases: 1 });
      const last = feed[feed.length - 1]?.feedSeq ?? 0;
      expect(await h.store.feedBacklog(other, last)).toMatchObject({ changes: 0 });
      // Leaving the pick-up role does not take the case out of scope.
      await h.store.commit([
        { caseId: init.caseId, changes: [], projection: { ...p, pickupSiteId: null } },
      ]);
      expect(await h.store.scopeOf(init.caseId)).toContain(other);
    });

    it("a bulk feed page: the site's cases whole, in case-id order, up to the feed position the first page fixed", async () => {
      const site = "330106001001";
      const other = "330106001002";
      const docs = new Map<string, { doc: A.Doc<never>; hashes: string[] }>();
      for (const n of [42, 40, 41]) {
        const init = newCase(n);
        let { doc, change } = createCaseDoc(init, ACTOR_A);
        const metas = [changeMeta(change)];
        const r = changeCaseDoc(doc, (x) => edits.setRemarks(x, `备注${n}`));
        doc = r.doc;
        if (r.change) metas.push(changeMeta(r.change));
        const p = projectCase(readCase(doc), projectionContext());
        const attachments = n === 41 ? [SCAN] : [];
        await h.store.commit([{ caseId: init.caseId, changes: metas, projection: p, attachments }]);
        docs.set(init.caseId, { doc: doc as never, hashes: metas.map((m) => m.hash) });
      }
      const ids = [...docs.keys()].sort();
      const first = await h.store.bulkFeedPage(site, { after: "", upTo: null, maxCases: 2 });
      expect(first.cases.map((c) => c.caseId)).toEqual(ids.slice(0, 2));
      expect(first.last).toBe(ids[1]);
      for (const c of first.cases) {
        expect(c.changes.map((b) => changeMeta(b).hash)).toEqual(docs.get(c.caseId)?.hashes);
        expect(JSON.parse(c.projectionJson)).toEqual(await h.store.getProjection(c.caseId));
      }
      expect(first.cases[1]?.attachments).toEqual([SCAN]);
      expect(first.cases[0]?.attachments).toEqual([]);

      // A change after the first page is past its `upTo`: the normal pull brings it.
      const last = ids[2] as string;
      const held = docs.get(last) as { doc: A.Doc<never>; hashes: string[] };
      const later = changeCaseDoc(held.doc as never, (x) => edits.setRemarks(x, "之后"));
      if (!later.change) throw new Error("no change");
      const p = projectCase(readCase(later.doc), projectionContext());
      await h.store.commit([{ caseId: last, changes: [changeMeta(later.change)], projection: p }]);
      const rest = await h.store.bulkFeedPage(site, {
        after: first.last as string,
        upTo: first.upTo,
        maxCases: 2,
      });
      expect(rest.upTo).toBe(first.upTo);
      expect(rest.last).toBeNull();
      expect(rest.cases.map((c) => c.caseId)).toEqual([last]);
      expect(rest.cases[0]?.changes.map((b) => changeMeta(b).hash)).toEqual(held.hashes);
      const after = await h.store.feed(site, first.upTo, { maxChanges: 10, maxBytes: 1 << 20 });
      expect(after.entries.map((e) => e.hash)).toEqual([changeMeta(later.change).hash]);

      // Another site's page holds none of them.
      expect(await h.store.bulkFeedPage(other, { after: "", upTo: null, maxCases: 10 })).toEqual({
        upTo: 0,
        cases: [],
        last: null,
      });
    });

    it("many cases in one commit: each site's feed holds each case's changes in log order", async () => {
      const writes = [];
      const expected = new Map<string, string[]>();
      for (let n = 30; n < 36; n++) {
        const init = newCase(n);
        let { doc, change } = createCaseDoc(init, ACTOR_A);
        const metas = [changeMeta(change)];
        for (let i = 0; i < n % 3; i++) {
          const r = changeCaseDoc(doc, (x) => edits.setRemarks(x, `r${i}`));
          doc = r.doc;
          if (r.change) metas.push(changeMeta(r.change));
        }
        const p = projectCase(readCase(doc), projectionContext());
        writes.push({ caseId: init.caseId, changes: metas, projection: p });
        expected.set(
          init.caseId,
          metas.map((m) => m.hash),
        );
      }
      await h.store.commit(writes);
      const site = writes[0]?.projection.originSiteId as string;
      const { entries: feed } = await h.store.feed(site, 0, { maxChanges: 100, maxBytes: 1 << 20 });
      expect(feed).toHaveLength([...expected.values()].flat().length);
      for (const [caseId, hashes] of expected) {
        expect(feed.filter((f) => f.caseId === caseId).map((f) => f.hash)).toEqual(hashes);
      }
      // A second commit of more changes to one of them reaches the feed once, after the rest.
      const first = writes[0] as (typeof writes)[number];
      const loaded = await h.store.loadCase(first.caseId);
      const [doc] = A.applyChanges(A.init<never>(), loaded?.changes ?? []);
      const more = changeCaseDoc(doc as never, (x) => edits.setRemarks(x, "再改"));
      if (!more.change) throw new Error("no change");
      await h.store.commit([
        { caseId: first.caseId, changes: [changeMeta(more.change)], projection: first.projection },
      ]);
      const after = await h.store.feed(site, feed[feed.length - 1]?.feedSeq ?? 0, {
        maxChanges: 100,
        maxBytes: 1 << 20,
      });
      expect(after.entries.map((f) => f.hash)).toEqual([changeMeta(more.change).hash]);
      const scopes = await h.store.scopesOf([first.caseId, "nope"]);
      expect(scopes.get(first.caseId)).toEqual(await h.store.scopeOf(first.caseId));
      expect(scopes.get("nope")).toEqual([]);
    });

    it("feed pages are bounded by count", async () => {
      const init = newCase(3);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      let d = doc;
      const metas = [changeMeta(change)];
      for (let i = 0; i < 5; i++) {
        const r = changeCaseDoc(d, (x) => edits.setRemarks(x, `r${i}`));
        d = r.doc;
        if (r.change) metas.push(changeMeta(r.change));
      }
      const p = projectCase(readCase(d), projectionContext());
      await h.store.commit([{ caseId: init.caseId, changes: metas, projection: p }]);
      const page = await h.store.feed(p.originSiteId, 0, { maxChanges: 4, maxBytes: 1 << 20 });
      expect(page.entries).toHaveLength(4);
      expect(page.next).toBe(page.entries[3]?.feedSeq);
      const rest = await h.store.feed(p.originSiteId, page.next, {
        maxChanges: 10,
        maxBytes: 1 << 20,
      });
      expect(rest.entries).toHaveLength(2);
      const end = await h.store.feed(p.originSiteId, rest.next, { maxChanges: 10, maxBytes: 1 });
      expect(end).toEqual({ entries: [], next: rest.next });
    });

    it("a page passes over the puller's own changes: not returned, outside both bounds, cursor past them", async () => {
      // Site A's feed, in log order: 3 changes by actor A, 2 by actor B, 3 by actor A.
      const init = newCase(4);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      let d = doc;
      const metas = [changeMeta(change)];
      const edit = (actor: string, i: number) => {
        const r = changeCaseDoc(A.clone(d, { actor }), (x) => edits.setRemarks(x, `r${i}`));
        d = r.doc;
        if (r.change) metas.push(changeMeta(r.change));
      };
      for (let i = 0; i < 2; i++) edit(ACTOR_A, i);
      for (let i = 2; i < 4; i++) edit(ACTOR_B, i);
      for (let i = 4; i < 7; i++) edit(ACTOR_A, i);
      const p = projectCase(readCase(d), projectionContext());
      await h.store.commit([{ caseId: init.caseId, changes: metas, projection: p }]);
      const site = p.originSiteId;
      const all = await h.store.feed(site, 0, { maxChanges: 100, maxBytes: 1 << 20 });
      expect(all.entries.map((e) => e.actor)).toEqual([
        ...Array(3).fill(ACTOR_A),
        ...Array(2).fill(ACTOR_B),
        ...Array(3).fill(ACTOR_A),
      ]);
      const seqs = all.entries.map((e) => e.feedSeq);
      const skip = { actor: ACTOR_A, scanRows: 100 };

      // Only B's two come back, in one page bounded to two changes; the page ends past A's last.
      const page = await h.store.feed(site, 0, { maxChanges: 2, maxBytes: 1 << 20 }, skip);
      expect(page.entries.map((e) => e.hash)).toEqual([metas[3]?.hash, metas[4]?.hash]);
      expect(page.next).toBe(seqs[7]);
      expect(await h.store.feedBacklog(site, 0, ACTOR_A)).toMatchObject({ changes: 2, cases: 1 });
      expect(await h.store.feedBacklog(site, 0)).toMatchObject({ changes: 8 });
      expect(await h.store.feedBacklog(site, seqs[3] as number, ACTOR_A)).toMatchObject({
        changes: 1,
      });

      // A one-change bound stops after B's first, before the next change that counts.
      const one = await h.store.feed(site, 0, { maxChanges: 1, maxBytes: 1 << 20 }, skip);
      expect(one.entries.map((e) => e.hash)).toEqual([metas[3]?.hash]);
      expect(one.next).toBe(seqs[3]);

      // The scan bound: a page of only own rows still moves the cursor, as far as it scans.
      const own = await h.store.feed(
        site,
        seqs[4] as number,
        { maxChanges: 1, maxBytes: 1 << 20 },
        { actor: ACTOR_A, scanRows: 2 },
      );
      expect(own).toEqual({ entries: [], next: seqs[6] });
      expect(
        await h.store.feed(site, seqs[7] as number, { maxChanges: 5, maxBytes: 1 << 20 }, skip),
      ).toEqual({ entries: [], next: seqs[7] });

      // A street pulling from its district skips every actor under its code (A's and B's).
      const street = { actor: "330106001", scanRows: 100 };
      const none = await h.store.feed(site, 0, { maxChanges: 5, maxBytes: 1 << 20 }, street);
      expect(none).toEqual({ entries: [], next: seqs[7] });
      expect(await h.store.feedBacklog(site, 0, "330106001")).toMatchObject({ changes: 0 });
      expect(await h.store.feedBacklog(site, 0, "330106001002")).toMatchObject({ changes: 6 });
    });
  });
}
