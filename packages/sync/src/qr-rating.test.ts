import * as A from "@automerge/automerge";
import { type Actor, recordEvent } from "@bangban/domain";
import { actors, JournalKit, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { type CaseDocShape, changeCaseDoc, edits, readJournal } from "./case-doc";
import type { CaseRepo } from "./case-repo";
import { SyncError } from "./protocol/errors";
import { PROTOCOL_VERSION } from "./protocol/version";
import { type Hub, makeHub, makeStation, type Station } from "./sync-kit";
import { actor, newCase } from "./test-kit";

const act = actor("01KQRRATE");

/** The resident on their own phone, as the hub's public rating page records them. */
const residentAtHub: Actor = {
  userId: "resident",
  role: "resident",
  siteId: SITES.center,
  siteKind: "center",
};

/** Taken in and accepted at A, decided and issued at the hub, handed over at A: 办结. */
async function completedAtA(hub: Hub, a: Station, k: number): Promise<string> {
  const init = newCase(k, new JournalKit());
  await a.repo.create(init);
  const id = init.caseId;
  const materials = ["PHOTO", "BANK_OR_SOCIAL_SECURITY_CARD"].map((code) => ({
    code,
    attachments: [],
  }));
  await act(a.repo, id, "supplement", { materials }, actors.helperA);
  await act(a.repo, id, "accept", { deferred: [] }, actors.helperA);
  await act(a.repo, id, "forward", { toSiteId: SITES.center }, actors.helperA);
  await a.sync.syncOnce();
  await act(hub.repo, id, "approve", {}, actors.approver);
  await act(hub.repo, id, "issue", { pickupSiteId: SITES.stationA }, actors.approver);
  await a.sync.syncOnce();
  await act(a.repo, id, "complete", {}, actors.helperA);
  await a.sync.syncOnce();
  expect((await hub.repo.get(id))?.state.status).toBe("COMPLETED");
  return id;
}

/** A station that skips its own machine: the event goes straight into its document. */
async function forgeRating(a: Station, repo: CaseRepo, caseId: string, who: Actor, n: number) {
  const held = A.load<CaseDocShape>(await repo.save(caseId), { actor: a.actorId });
  const forged = recordEvent(
    readJournal(held),
    "rate",
    { level: 5, channel: "qr", stage: "completion" },
    { id: `01KQRFORGED${String(n).padStart(15, "0")}`, at: "2026-11-04T02:00:00.000Z", actor: who },
  );
  const { change } = changeCaseDoc(held, (d) => edits.appendEvent(d, forged));
  if (!change) throw new Error("no change");
  return change;
}

async function refusedKind(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof SyncError) return e.data.kind;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("扫码评价 (qr) across the sync", () => {
  it("扫码评价: the resident's rating recorded at the hub syncs down to the station holding the case, which accepts it", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const caseId = await completedAtA(hub, a, 1);
    await act(
      hub.repo,
      caseId,
      "rate",
      { level: 2, channel: "qr", stage: "completion", dimensions: { attitude: 1 } },
      residentAtHub,
    );
    await a.sync.syncOnce();
    const atA = await a.repo.get(caseId);
    expect(atA?.state.ratings).toMatchObject([{ level: 2, channel: "qr", stage: "completion" }]);
    expect(await a.repo.heads(caseId)).toEqual(await hub.repo.heads(caseId));
    expect(a.sync.status()).toMatchObject({ state: "idle", pending: 0 });
    expect(a.sync.status().quarantined).toEqual([]);
  });

  it("伪造扫码评价: a station cannot push a qr rating in the resident's name, as itself or as the hub", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const caseId = await completedAtA(hub, a, 2);
    const cases: [Actor, string][] = [
      // The resident at the station's own screen, labelled as if on their phone.
      [actors.resident, "FORBIDDEN_EVENT"],
      // Claiming the hub's kind of site, or the hub itself.
      [{ ...actors.resident, siteKind: "center" }, "FORGED_ACTOR"],
      [residentAtHub, "FORGED_ACTOR"],
    ];
    let n = 0;
    for (const [who, expected] of cases) {
      n += 1;
      const change = await forgeRating(a, a.repo, caseId, who, n);
      const before = await hub.store.lastSeq();
      const kind = await refusedKind(
        hub.accept(a.identity, {
          protocol: PROTOCOL_VERSION,
          changes: [{ caseId, bytes: change }],
        }),
      );
      expect(kind).toBe(expected);
      expect(await hub.store.lastSeq()).toBe(before);
      expect((await hub.repo.get(caseId))?.state.ratings).toEqual([]);
    }
  });
});
