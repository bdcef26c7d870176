import * as A from "@automerge/automerge";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changeCaseDoc, changeMeta, createCaseDoc, edits, readCase } from "./case-doc";
import { projectCase } from "./projection";
import type { HubStore } from "./store";
import { ACTOR_A, newCase, projectionContext } from "./test-kit";

export interface HubStoreHarness {
  store: HubStore;
  teardown: () => Promise<void>;
}

/** The scope rule every hub store is built with in these tests: origin, handling, pick-up. */
export const testFeedScope = (p: {
  originSiteId: string;
  handlingSiteId: string;
  pickupSiteId: string | null;
}) =>
  [p.originSiteId, p.handlingSiteId, p.pickupSiteId].filter(
    (s): s is string => !!s && s.length === 12,
  );

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

    it("a case's changes are in the feed of each site in its scope, and only there", async () => {
      const init = newCase(1);
      const { doc, change } = createCaseDoc(init, ACTOR_A);
      const p = projectCase(readCase(doc), projectionContext());
      await h.store.commit([{ caseId: init.caseId, changes: [changeMeta(change)], projection: p }]);
      expect(await h.store.scopeOf(init.caseId)).toEqual([p.originSiteId]);
      const feed = await h.store.feed(p.originSiteId, 0, { maxChanges: 10, maxBytes: 1 << 20 });
      expect(feed.map((f) => f.hash)).toEqual([changeMeta(change).hash]);
      expect(await h.store.feed("330106001002", 0, { maxChanges: 10, maxBytes: 1 << 20 })).toEqual(
        [],
      );
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
      const feed = await h.store.feed(other, 0, { maxChanges: 10, maxBytes: 1 << 20 });
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
      const feed = await h.store.feed(site, 0, { maxChanges: 100, maxBytes: 1 << 20 });
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
      expect(after.map((f) => f.hash)).toEqual([changeMeta(more.change).hash]);
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
      expect(page).toHaveLength(4);
      const rest = await h.store.feed(p.originSiteId, page[3]?.feedSeq ?? 0, {
        maxChanges: 10,
        maxBytes: 1 << 20,
      });
      expect(rest).toHaveLength(2);
    });
  });
}
