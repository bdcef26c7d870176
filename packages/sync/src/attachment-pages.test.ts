import { SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { type AttachmentRef, edits } from "./case-doc";
import { makeHub, makeStation } from "./sync-kit";
import { newCase } from "./test-kit";

const ref = (n: number, page?: number): AttachmentRef => ({
  hash: String(n).repeat(64).slice(0, 64),
  materialCode: "HOUSEHOLD_REGISTER",
  name: `户口簿-${n}.jpg`,
  mime: "image/jpeg",
  size: 300_000 + n,
  ...(page === undefined ? {} : { page }),
});

/** Contract 1 of issue #17: a ref's page, and the hub's rule that refs are added, never altered. */
describe("attachment pages", () => {
  it("refs written before pages existed read without one; paged refs after them sync to the hub", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const init = newCase(71);
    await a.repo.create(init);
    // An absent page, even spelled `page: undefined`, is stored as no field at all.
    await a.repo.edit(init.caseId, (d) => edits.addAttachment(d, { ...ref(1), page: undefined }));
    await a.sync.syncOnce();
    await a.repo.edit(init.caseId, (d) => {
      edits.addAttachment(d, ref(2, 1));
      edits.addAttachment(d, ref(3, 2));
    });
    await a.sync.syncOnce();
    expect(a.sync.status().quarantined).toEqual([]);
    const atHub = (await hub.repo.get(init.caseId))?.record.attachments ?? [];
    expect(atHub.find((r) => r.hash === ref(1).hash)).toEqual(ref(1));
    expect(atHub.find((r) => r.hash === ref(1).hash)).not.toHaveProperty("page");
    expect(atHub.find((r) => r.hash === ref(3).hash)).toEqual(ref(3, 2));
    expect(await hub.repo.heads(init.caseId)).toEqual(await a.repo.heads(init.caseId));
  });

  it("a paged ref cannot be removed, nor moved to another material", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const [gone, moved] = [newCase(72), newCase(73)];
    for (const c of [gone, moved]) {
      await a.repo.create(c);
      await a.repo.edit(c.caseId, (d) => edits.addAttachment(d, ref(4, 1)));
    }
    await a.sync.syncOnce();
    await a.repo.edit(gone.caseId, (d) => {
      delete d.attachments[ref(4).hash];
    });
    await a.repo.edit(moved.caseId, (d) =>
      edits.addAttachment(d, { ...ref(4, 1), materialCode: "ID_CARD" }),
    );
    await a.sync.syncOnce();
    expect(a.sync.status().quarantined).toMatchObject([
      { caseId: gone.caseId, kind: "HISTORY_REWRITTEN" },
      { caseId: moved.caseId, kind: "HISTORY_REWRITTEN" },
    ]);
    for (const c of [gone, moved]) {
      const atHub = (await hub.repo.get(c.caseId))?.record.attachments;
      expect(atHub).toEqual([ref(4, 1)]);
    }
  });
});
