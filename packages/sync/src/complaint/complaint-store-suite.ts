import type { Actor } from "@bangban/domain";
import { actors, ComplaintJournal, complaintAboutHelperA, SITES } from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComplaintBook } from "./complaint-book";
import type { ComplaintStore } from "./complaint-store";

export interface ComplaintStoreHarness {
  store: ComplaintStore;
  /** The same storage opened afresh (a restart), when durable. */
  reopen?: () => Promise<ComplaintStore>;
  teardown: () => Promise<void>;
}

const ACTOR = "a".repeat(32);
const complainant = { name: "李四", phone: "13912345678" };

/** The acceptance suite every ComplaintStore passes (memory here, libSQL in packages/db). */
export function runComplaintStoreTests(name: string, setup: () => Promise<ComplaintStoreHarness>) {
  describe(`ComplaintStore: ${name}`, () => {
    let h: ComplaintStoreHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(() => h.teardown());

    it("keeps a complaint's document, complainant and fold, and saves again at the end of the sequence", async () => {
      const book = new ComplaintBook(h.store, ACTOR);
      const j = new ComplaintJournal("01JCOMPLAINT0000000000001A");
      const first = await book.register(j.complaintId, j.register(), complainant);
      const other = new ComplaintJournal("01JCOMPLAINT0000000000002B");
      await book.register(other.complaintId, other.register(), null);
      const again = await book.record(
        j.complaintId,
        j.add({ type: "accept", payload: {} }, actors.reviewer),
      );
      expect(again.seq).toBeGreaterThan(first.seq);
      const store = h.reopen ? await h.reopen() : h.store;
      const held = await store.getComplaint(j.complaintId);
      expect(held?.complainant).toEqual(complainant);
      expect(held?.state.stage).toBe("accepted");
      expect((await store.getComplaint(other.complaintId))?.complainant).toBeNull();
      const after = await store.complaintsAfter(first.seq, { limit: 10 });
      expect(after.map((r) => r.id)).toEqual([other.complaintId, j.complaintId]);
      expect(await store.complaintsAfter(0, { limit: 1 })).toHaveLength(1);
    });

    it("lists a site's scope: registered there, or targeting it", async () => {
      const book = new ComplaintBook(h.store, ACTOR);
      const atA = new ComplaintJournal("01JCOMPLAINT0000000000001A");
      await book.register(atA.complaintId, atA.register(), null);
      const aboutB = new ComplaintJournal("01JCOMPLAINT0000000000002B");
      await book.register(
        aboutB.complaintId,
        aboutB.register(
          { ...complaintAboutHelperA, target: { siteId: SITES.stationB } },
          actors.lead,
        ),
        null,
      );
      const ids = async (siteId: string) =>
        (await h.store.complaintsAfter(0, { limit: 10, siteId })).map((r) => r.id);
      expect(await ids(SITES.stationA)).toEqual([atA.complaintId]);
      expect(await ids(SITES.stationB)).toEqual([aboutB.complaintId]);
      // A street at its district: its center's and every one of its stations' (SPEC.md).
      expect(await ids(SITES.center)).toEqual([atA.complaintId, aboutB.complaintId]);
    });

    it("a street's scope at the district: registered at or about its center and stations, not another street's", async () => {
      const book = new ComplaintBook(h.store, ACTOR);
      const Y = "330106002";
      const C = "330106002001";
      const lead: Actor = {
        userId: "u-lead-y",
        role: "center_lead",
        siteId: Y,
        siteKind: "center",
      };
      const register = async (
        id: string,
        target: { siteId?: string },
        actor: Actor = actors.helperA,
      ) => {
        const j = new ComplaintJournal(id);
        await book.register(id, j.register({ ...complaintAboutHelperA, target }, actor), null);
        return id;
      };
      const xOnly = await register("01JCOMPLAINT000000000001XX", { siteId: SITES.stationA });
      const xAboutC = await register("01JCOMPLAINT000000000002XC", { siteId: C });
      const yAboutA = await register(
        "01JCOMPLAINT000000000003YA",
        { siteId: SITES.stationA },
        lead,
      );
      const xAboutY = await register("01JCOMPLAINT000000000004XY", { siteId: Y });
      const xNoTarget = await register("01JCOMPLAINT000000000005XN", {});
      const ids = async (siteId: string) =>
        (await h.store.complaintsAfter(0, { limit: 10, siteId })).map((r) => r.id);
      expect(await ids(Y)).toEqual([xAboutC, yAboutA, xAboutY]);
      expect(await ids(SITES.center)).toEqual([xOnly, xAboutC, yAboutA, xAboutY, xNoTarget]);
      expect(await ids(C)).toEqual([xAboutC]);
      // A third street has none of them.
      expect(await ids("330106003")).toEqual([]);
    });
  });
}
