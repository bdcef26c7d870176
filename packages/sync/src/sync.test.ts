import * as A from "@automerge/automerge";
import { recordEvent } from "@bangban/domain";
import { actors, JournalKit, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { type CaseDocShape, changeCaseDoc, createCaseDoc, edits, readJournal } from "./case-doc";
import type { CaseRepo } from "./case-repo";
import { pushBatchFromJson, type StationIdentity } from "./hub/accept-push";
import { servePull } from "./hub/serve-pull";
import { CASE_REFUSAL_KINDS, SyncError } from "./protocol/errors";
import { decodePushFrame, encodePushFrame, type PushChange } from "./protocol/frames";
import { fromBase64, toBase64 } from "./protocol/messages";
import { PROTOCOL_VERSION } from "./protocol/version";
import { SyncService, type Timers } from "./station/sync-service";
import { actorFor, directTransport, makeHub, makeStation } from "./sync-kit";
import { actor, ELDERLY, newCase } from "./test-kit";

const act = actor("01KEVT");

async function acceptedCaseAt(repo: CaseRepo, k: number) {
  const init = newCase(k, new JournalKit());
  await repo.create(init);
  await act(
    repo,
    init.caseId,
    "supplement",
    { materials: [{ code: "PHOTO", attachments: [] }] },
    actors.helperA,
  );
  await act(
    repo,
    init.caseId,
    "accept",
    { deferred: [{ code: "BANK_OR_SOCIAL_SECURITY_CARD", promisedBy: "2026-11-20" }] },
    actors.helperA,
  );
  await act(repo, init.caseId, "forward", { toSiteId: SITES.center }, actors.helperA);
  return init.caseId;
}

describe("sync between a hub and stations (in memory, real hub handlers)", () => {
  it("重发: a retried push overlapping one still in progress is judged on the case as stored, not as it was", async () => {
    // The station gave up waiting on a push that creates a case (the hub is slow, not down)
    // and sends again from its cursor, now with one change more. Both land while the first
    // is still being stored; the second must see the case the first created in its scope.
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const caseId = await acceptedCaseAt(a.repo, 50);
    const first = (await a.store.changesAfter(0, { maxChanges: 100, maxBytes: 1 << 20 })).map(
      (c) => ({ caseId: c.caseId, bytes: c.bytes }),
    );
    await act(
      a.repo,
      caseId,
      "supplement",
      { materials: [{ code: "PHOTO", attachments: [] }] },
      actors.helperA,
    );
    const again = (await a.store.changesAfter(0, { maxChanges: 100, maxBytes: 1 << 20 })).map(
      (c) => ({ caseId: c.caseId, bytes: c.bytes }),
    );
    const push = (changes: PushChange[]) =>
      hub.accept(a.identity, {
        protocol: PROTOCOL_VERSION,
        changes,
      });
    const [r1, r2] = await Promise.all([push(first), push(again)]);
    expect(r1.appended).toBe(first.length);
    expect(r2.appended).toBe(1);
    expect(await hub.repo.heads(caseId)).toEqual(await a.repo.heads(caseId));
  });

  it("a pull passes over the station's own changes: only others' come back, and remaining counts only those", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const ids = [await acceptedCaseAt(a.repo, 41), await acceptedCaseAt(a.repo, 42)];
    await a.sync.syncOnce();
    await act(hub.repo, ids[0] as string, "start_review", {}, actors.reviewer);
    const pull = (after: number, actorId?: string) =>
      servePull(hub.store, a.identity, {
        protocol: PROTOCOL_VERSION,
        after,
        ...(actorId ? { actorId } : {}),
        maxChanges: 1,
      });
    // A's own eight changes (2 cases × 4), then the hub's one: a page of one change skips to it.
    const page = await pull(0, a.actorId);
    expect(page.changes).toHaveLength(1);
    expect(page.remaining).toEqual({ changes: 0, bytes: 0, cases: 0 });
    expect(page.changes[0]?.caseId).toBe(ids[0]);
    expect(A.decodeChange(fromBase64(page.changes[0]?.bytes ?? "")).actor).toBe(
      actorFor("330106001"),
    );
    // Without naming its actor the station is sent everything, one change a page.
    const first = await pull(0);
    expect(first.changes).toHaveLength(1);
    expect(first.remaining.changes).toBe(8);
    // A's pull cursor after a round has passed over everything, its own changes included.
    await a.sync.syncOnce();
    expect(a.sync.status().catchUp).toBeNull();
    expect((await pull(page.next, a.actorId)).changes).toEqual([]);
  });

  it("跨域通办: taken at A, approved at the hub, supplemented and completed at B; everyone converges", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const b = makeStation(hub, SITES.stationB);
    const caseId = await acceptedCaseAt(a.repo, 1);
    await a.sync.syncOnce();
    expect(await hub.repo.heads(caseId)).toEqual(await a.repo.heads(caseId));
    await act(hub.repo, caseId, "start_review", {}, actors.reviewer);
    await act(hub.repo, caseId, "approve", {}, actors.approver);
    await act(hub.repo, caseId, "set_pickup_site", { siteId: SITES.stationB }, actors.reviewer);
    await b.sync.syncOnce();
    const atB = await b.repo.get(caseId);
    expect(atB?.state.status).toBe("APPROVED");
    expect(atB?.record.journal.length).toBeGreaterThan(5); // B got the whole history
    await act(
      b.repo,
      caseId,
      "supplement",
      { materials: [{ code: "BANK_OR_SOCIAL_SECURITY_CARD", attachments: [] }] },
      actors.helperB,
    );
    await b.sync.syncOnce();
    await act(hub.repo, caseId, "issue", { pickupSiteId: SITES.stationB }, actors.approver);
    await b.sync.syncOnce();
    await act(b.repo, caseId, "complete", {}, actors.helperB);
    await b.sync.syncOnce();
    await a.sync.syncOnce();
    for (const r of [hub.repo, a.repo, b.repo]) {
      const v = await r.get(caseId);
      expect(v?.state.status).toBe("COMPLETED");
      expect(await r.heads(caseId)).toEqual(await hub.repo.heads(caseId));
    }
    const custody = (await a.repo.get(caseId))?.state.handoffs.map((h) => [h.kind, h.toSiteId]);
    expect(custody).toEqual([
      ["intake", SITES.stationA],
      ["forward", SITES.center],
      ["pickup", SITES.stationB],
      ["pickup", SITES.stationB],
    ]);
    expect(a.sync.status()).toMatchObject({ state: "idle", online: true, pending: 0 });
  });

  it("范围: a station never receives a case outside its scope", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const b = makeStation(hub, SITES.stationB);
    const caseId = await acceptedCaseAt(a.repo, 2);
    await a.sync.syncOnce();
    await b.sync.syncOnce();
    expect(await b.repo.has(caseId)).toBe(false);
    const page = await servePull(hub.store, b.identity, { protocol: PROTOCOL_VERSION, after: 0 });
    expect(page.changes).toEqual([]);
  });

  it("隔离: a case the hub refuses for good is set aside with its reason; the station's other cases keep syncing", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const good = await acceptedCaseAt(a.repo, 61);
    const bad = await acceptedCaseAt(a.repo, 62);
    // Recorded at the station by a user the hub's users table does not know.
    await act(a.repo, bad, "note", { text: "无名氏" }, { ...actors.helperA, userId: "u-ghost" });
    const later = await acceptedCaseAt(a.repo, 63);
    await a.sync.syncOnce();
    expect(a.sync.status()).toMatchObject({ state: "idle", pending: 0, parked: false });
    expect(a.sync.status().quarantined).toMatchObject([{ caseId: bad, kind: "FORGED_ACTOR" }]);
    expect(await a.store.quarantined()).toMatchObject([{ caseId: bad, kind: "FORGED_ACTOR" }]);
    for (const id of [good, later])
      expect(await hub.repo.heads(id)).toEqual(await a.repo.heads(id));
    // The hub may hold the case's earlier, honest batches; never the refused event.
    const atHub = async () =>
      (await hub.repo.get(bad))?.record.journal.map((e) => e.actor.userId) ?? [];
    expect(await atHub()).not.toContain("u-ghost");
    // Later work: the other cases keep flowing, the quarantined case's changes stay held back.
    await act(a.repo, good, "note", { text: "继续办理" }, actors.helperA);
    await act(a.repo, bad, "note", { text: "仍在本站" }, actors.helperA);
    await a.sync.syncOnce();
    expect(await hub.repo.heads(good)).toEqual(await a.repo.heads(good));
    expect(await atHub()).not.toContain("u-ghost");
    expect((await hub.repo.get(bad))?.record.journal.length ?? 0).toBeLessThan(
      (await a.repo.get(bad))?.record.journal.length ?? 0,
    );
    expect(a.sync.status()).toMatchObject({ state: "idle", pending: 0 });
  });

  it("重新提交: a released case is sent again whole once the cause is fixed, and leaves quarantine; refused again, it stays", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const bad = await acceptedCaseAt(a.repo, 66);
    const ghost = { ...actors.helperA, userId: "u-ghost" };
    await act(a.repo, bad, "note", { text: "新来的帮办员" }, ghost);
    await act(a.repo, bad, "note", { text: "之后的备注" }, actors.helperA);
    await a.sync.syncOnce();
    expect(a.sync.status().quarantined).toMatchObject([{ caseId: bad }]);
    // Released before the cause is fixed: refused again, still set aside, the loop fine.
    expect(await a.sync.release(bad)).toBe(true);
    await a.sync.syncOnce();
    expect(a.sync.status()).toMatchObject({ state: "idle", quarantined: [{ caseId: bad }] });
    expect(a.sync.status().quarantined[0]?.released).toBeFalsy();
    // The center registers the user (the station had her before the hub did); released again.
    hub.authority.add(ghost);
    expect(await a.sync.release(bad)).toBe(true);
    await a.sync.syncOnce();
    expect(a.sync.status()).toMatchObject({ state: "idle", pending: 0, quarantined: [] });
    expect(await hub.repo.heads(bad)).toEqual(await a.repo.heads(bad));
    expect(await a.sync.release(bad)).toBe(false);
  });

  it("停止重试: a refusal no retry can fix parks the loop until a person resumes it; local writes do not wake it", async () => {
    const hub = makeHub();
    let revoked = true;
    const a = makeStation(hub, SITES.stationA, {
      before: () => {
        if (revoked) throw new SyncError({ kind: "REVOKED", zh: "凭证已停用", en: "revoked" });
      },
    });
    const caseId = await acceptedCaseAt(a.repo, 64);
    await expect(a.sync.syncOnce()).rejects.toBeInstanceOf(SyncError);
    expect(a.sync.status()).toMatchObject({
      state: "error",
      parked: true,
      lastError: { kind: "REVOKED" },
    });
    a.sync.nudge();
    expect(a.sync.status().parked).toBe(true);
    // The center re-enrols the station; a person presses 立即同步.
    revoked = false;
    a.sync.resume();
    expect(a.sync.status().parked).toBe(false);
    await a.sync.syncOnce();
    expect(a.sync.status()).toMatchObject({ state: "idle", parked: false, pending: 0 });
    expect(await hub.repo.heads(caseId)).toEqual(await a.repo.heads(caseId));
  });

  it("回连: backing off from an unreachable hub, it probes the hub's health and syncs as soon as it answers", async () => {
    const hub = makeHub();
    let up = false;
    const a = makeStation(hub, SITES.stationA);
    const caseId = await acceptedCaseAt(a.repo, 66);
    const timers = new ManualTimers();
    const sync = new SyncService({
      repo: a.repo,
      store: a.store,
      actorId: a.actorId,
      transport: directTransport(hub, a.identity, {
        before: () => {
          if (!up) throw new Error("connect ECONNREFUSED");
        },
        healthy: () => up,
      }),
      intervalMs: 30_000,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      random: () => 1,
      probeEveryMs: 2000,
      timers,
    });
    sync.run();
    // The first round fails: a minute's back-off, and a look at the hub every 2 s meanwhile.
    const backoff = await timers.when(60_000);
    expect(timers.delays()).toEqual([2000, 60_000]);
    timers.fire(await timers.when(2000));
    // Still down: it looks again, and keeps backing off.
    timers.fire(await timers.when(2000));
    up = true;
    // Up again: at the next look the round starts at once, not when the minute is over.
    timers.fire(await timers.when(2000));
    await timers.when(30_000);
    expect(timers.fired).not.toContain(backoff);
    expect(timers.delays()).toEqual([30_000]);
    expect(sync.status()).toMatchObject({ state: "idle", pending: 0, consecutiveFailures: 0 });
    expect(await hub.repo.heads(caseId)).toEqual(await a.repo.heads(caseId));
    await sync.stop();
  });

  it("回连: a hub that answers but refuses (busy) is not probed: its retry-after stands", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    await acceptedCaseAt(a.repo, 67);
    const timers = new ManualTimers();
    const sync = new SyncService({
      repo: a.repo,
      store: a.store,
      actorId: a.actorId,
      transport: directTransport(hub, a.identity, {
        before: () => {
          throw new SyncError({ kind: "RETRY_AFTER", zh: "忙", en: "busy", retryAfterMs: 90_000 });
        },
      }),
      backoff: { baseMs: 1000, maxMs: 60_000 },
      random: () => 1,
      probeEveryMs: 2000,
      timers,
    });
    sync.run();
    await timers.when(90_000);
    expect(timers.delays()).toEqual([90_000]);
    await sync.stop();
  });

  it("稍后重试: RETRY_AFTER is retryable and does not park the loop", async () => {
    const hub = makeHub();
    let busy = true;
    const a = makeStation(hub, SITES.stationA, {
      before: () => {
        if (busy)
          throw new SyncError({ kind: "RETRY_AFTER", zh: "忙", en: "busy", retryAfterMs: 1500 });
      },
    });
    await acceptedCaseAt(a.repo, 65);
    await expect(a.sync.syncOnce()).rejects.toBeInstanceOf(SyncError);
    expect(a.sync.status()).toMatchObject({ state: "error", parked: false });
    busy = false;
    await a.sync.syncOnce();
    expect(a.sync.status()).toMatchObject({ state: "idle", pending: 0 });
  });

  it("rounds: each round is counted as it starts and as it ends, with the ended round's own error, so an observer can await a round begun after it looked", async () => {
    const hub = makeHub();
    let down: string | null = null;
    const a = makeStation(hub, SITES.stationA, {
      before: () => {
        if (down) throw new Error(down);
      },
    });
    expect(a.sync.status().rounds).toEqual({
      started: 0,
      finished: 0,
      sameErrorInARow: 0,
      lastError: null,
    });
    await acceptedCaseAt(a.repo, 69);
    const round = a.sync.syncOnce();
    // A caller during the round shares it: one round, counted once.
    const shared = a.sync.syncOnce();
    expect(a.sync.status().rounds).toMatchObject({ started: 1, finished: 0 });
    await Promise.all([round, shared]);
    // Ended only once its effects are in: nothing pending when it says so.
    expect(a.sync.status()).toMatchObject({
      pending: 0,
      rounds: { started: 1, finished: 1, sameErrorInARow: 0, lastError: null },
    });
    down = "fetch failed";
    await expect(a.sync.syncOnce()).rejects.toThrow(down);
    await expect(a.sync.syncOnce()).rejects.toThrow(down);
    expect(a.sync.status().rounds).toEqual({
      started: 3,
      finished: 3,
      sameErrorInARow: 2,
      lastError: { kind: "NETWORK", en: "Hub unreachable: fetch failed" },
    });
    // Another error starts its own count.
    down = "hub answered 500: boom";
    await expect(a.sync.syncOnce()).rejects.toThrow(down);
    expect(a.sync.status().rounds).toEqual({
      started: 4,
      finished: 4,
      sameErrorInARow: 1,
      lastError: { kind: "NETWORK", en: "Hub unreachable: hub answered 500: boom" },
    });
    down = null;
    await a.sync.syncOnce();
    expect(a.sync.status().rounds).toEqual({
      started: 5,
      finished: 5,
      sameErrorInARow: 0,
      lastError: null,
    });
  });

  it("稍后重试: the hub's wait stands on its own: repeated RETRY_AFTER does not add the back-off, nor look offline", async () => {
    const hub = makeHub();
    let refusals = 3;
    const a = makeStation(hub, SITES.stationA);
    const caseId = await acceptedCaseAt(a.repo, 68);
    const timers = new ManualTimers();
    const sync = new SyncService({
      repo: a.repo,
      store: a.store,
      actorId: a.actorId,
      transport: directTransport(hub, a.identity, {
        before: () => {
          if (refusals-- > 0)
            throw new SyncError({ kind: "RETRY_AFTER", zh: "忙", en: "busy", retryAfterMs: 700 });
        },
      }),
      intervalMs: 30_000,
      backoff: { baseMs: 1000, maxMs: 60_000 },
      random: () => 1,
      timers,
      probeEveryMs: 2000,
    });
    sync.run();
    // Each refusal: exactly the hub's (jittered) wait, however many came before; no probing.
    for (let i = 0; i < 3; i++) {
      const wait = await timers.when(700);
      expect(timers.delays()).toEqual([700]);
      // Busy is not offline: the station still shows its pending changes, not 街道中心离线.
      expect(sync.status()).toMatchObject({ online: true, parked: false });
      expect(sync.status().state).not.toBe("offline");
      timers.fire(wait);
    }
    await timers.when(30_000);
    expect(sync.status()).toMatchObject({ state: "idle", pending: 0, consecutiveFailures: 0 });
    expect(await hub.repo.heads(caseId)).toEqual(await a.repo.heads(caseId));
    await sync.stop();
  });

  it("幂等: a lost acknowledgement and a duplicated push store nothing twice", async () => {
    const hub = makeHub();
    let failAfter = true;
    const a = makeStation(hub, SITES.stationA, {
      duplicatePush: true,
      after: (kind) => {
        if (kind === "push" && failAfter) {
          failAfter = false;
          throw new Error("connection reset");
        }
      },
    });
    const caseId = await acceptedCaseAt(a.repo, 3);
    await expect(a.sync.syncOnce()).rejects.toThrow("connection reset");
    expect(a.sync.status()).toMatchObject({ state: "offline", online: false });
    const held = await hub.store.lastSeq();
    await a.sync.syncOnce();
    expect(await hub.store.lastSeq()).toBe(held);
    expect(await hub.repo.heads(caseId)).toEqual(await a.repo.heads(caseId));
    expect(a.sync.status().pending).toBe(0);
  });

  it("续传: a pull cut off midway resumes from its cursor and loses nothing", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const ids: string[] = [];
    for (let k = 10; k < 20; k++) ids.push(await acceptedCaseAt(a.repo, k));
    await a.sync.syncOnce();
    // A second station at A's site (a replacement PC) catches up, failing every third page.
    let pages = 0;
    const fresh = makeStation(
      hub,
      SITES.stationA,
      {
        before: (kind) => {
          if (kind === "pull" && ++pages % 3 === 0) throw new Error("timeout");
        },
      },
      2,
    );
    for (let tries = 0; tries < 20; tries++) {
      try {
        await fresh.sync.syncOnce();
        break;
      } catch {
        // retried by the loop in production
      }
    }
    expect(pages).toBeGreaterThan(6);
    for (const id of ids) expect(await fresh.repo.heads(id)).toEqual(await hub.repo.heads(id));
  });
});

/** A push as it reaches `acceptPush` from either wire: protocol 2's frame or protocol 1's JSON. */
type Wire = "frame" | "json";
async function pushVia(
  wire: Wire,
  hub: ReturnType<typeof makeHub>,
  station: StationIdentity,
  protocol: number,
  changes: PushChange[],
) {
  const batch =
    wire === "frame"
      ? decodePushFrame(encodePushFrame({ protocol, changes }))
      : pushBatchFromJson({
          protocol,
          changes: changes.map((c) => ({ caseId: c.caseId, bytes: toBase64(c.bytes) })),
        });
  return hub.accept(station, batch);
}

describe.each<[Wire, number]>([
  ["frame", PROTOCOL_VERSION],
  ["json", 1],
])(
  "hub refuses what a station may not send, storing nothing (%s push, protocol %i)",
  (wire, protocol) => {
    async function setup() {
      const hub = makeHub();
      const a = makeStation(hub, SITES.stationA);
      const b = makeStation(hub, SITES.stationB);
      const caseId = await acceptedCaseAt(a.repo, 30);
      await a.sync.syncOnce();
      return { hub, a, b, caseId };
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

    it("伪造: changes by another station's actor are refused", async () => {
      const { hub, a, b } = await setup();
      const other = await acceptedCaseAt(a.repo, 31);
      const changes = (
        await a.store.changesAfter(0, { maxChanges: 100, maxBytes: 1 << 20 })
      ).filter((c) => c.caseId === other);
      const before = await hub.store.lastSeq();
      const kind = await refusedKind(pushVia(wire, hub, b.identity, protocol, changes));
      expect(kind).toBe("FORGED_ACTOR");
      expect(await hub.store.lastSeq()).toBe(before);
    });

    it("范围: a station cannot change a case outside its scope, even with its own actor", async () => {
      const { hub, b, caseId } = await setup();
      const doc = A.load<{ remarks: string }>(await hub.repo.save(caseId), { actor: b.actorId });
      const next = A.change(doc, (d: { remarks: string }) => {
        A.updateText(d, ["remarks"], "B 站篡改");
      });
      const change = A.getLastLocalChange(next) as Uint8Array;
      const before = await hub.store.lastSeq();
      const kind = await refusedKind(
        pushVia(wire, hub, b.identity, protocol, [{ caseId, bytes: change }]),
      );
      expect(kind).toBe("NOT_IN_SCOPE");
      expect(await hub.store.lastSeq()).toBe(before);
    });

    it("伪造审查意见: a station cannot submit a center item's review for approval, as its lead or as the center's reviewer", async () => {
      const { hub, a, caseId } = await setup();
      await act(hub.repo, caseId, "start_review", {}, actors.reviewer);
      await a.sync.syncOnce();
      for (const [actor, expected] of [
        [actors.leadA, "FORBIDDEN_EVENT"],
        [actors.reviewer, "FORGED_ACTOR"],
      ] as const) {
        // A station that skips its own machine: the event goes straight into the document.
        const held = A.load<CaseDocShape>(await a.repo.save(caseId), { actor: a.actorId });
        const forged = recordEvent(
          readJournal(held),
          "submit_for_approval",
          { opinion: "符合条件，建议准予", recommendation: "approve" },
          { id: `01KFORGED${actor.role.padEnd(17, "0")}`, at: "2026-11-03T02:00:00.000Z", actor },
        );
        const { change } = changeCaseDoc(held, (d) => edits.appendEvent(d, forged));
        if (!change) throw new Error("no change");
        const before = await hub.store.lastSeq();
        const kind = await refusedKind(
          pushVia(wire, hub, a.identity, protocol, [{ caseId, bytes: change }]),
        );
        expect(kind).toBe(expected);
        expect(await hub.store.lastSeq()).toBe(before);
        expect((await hub.repo.get(caseId))?.state.awaitingApproval).toBe(false);
      }
    });

    it("嫁接: a change of one case, sent again under another case's id, is refused; nothing stored", async () => {
      // The log is keyed by (case, hash): the hub holds the change under its own case only, so
      // under another id it is judged as new there, not passed over as held.
      const { hub, a, caseId } = await setup();
      const other = await acceptedCaseAt(a.repo, 32);
      await a.sync.syncOnce();
      const own = await a.store.changesAfter(0, { maxChanges: 100, maxBytes: 1 << 20 });
      const first = own.find((c) => c.caseId === caseId) as { bytes: Uint8Array };
      const fresh = newCase(41, new JournalKit()).caseId;
      for (const target of [fresh, other]) {
        const before = await hub.store.lastSeq();
        const heads = target === other ? await hub.repo.heads(other) : [];
        const kind = await refusedKind(
          pushVia(wire, hub, a.identity, protocol, [{ caseId: target, bytes: first.bytes }]),
        );
        expect(CASE_REFUSAL_KINDS).toContain(kind);
        expect(await hub.store.lastSeq()).toBe(before);
        if (target === fresh) expect(await hub.repo.has(fresh)).toBe(false);
        else expect(await hub.repo.heads(other)).toEqual(heads);
      }
    });

    it("重号: a station's change numbered as one it sent before (a restored backup) is refused, typed; nothing stored", async () => {
      const { hub, a, caseId } = await setup();
      const own = (await a.store.changesAfter(0, { maxChanges: 100, maxBytes: 1 << 20 })).filter(
        (c) => c.caseId === caseId,
      );
      // The history without its last change, edited again by the same actor: the new change
      // takes the last one's number with other content.
      const older = A.applyChanges(
        A.init<{ remarks: string }>({ actor: a.actorId }),
        own.slice(0, -1).map((c) => c.bytes),
      )[0];
      const again = A.change(older, (d: { remarks: string }) => {
        A.updateText(d, ["remarks"], "恢复备份后的修改");
      });
      const change = A.getLastLocalChange(again) as Uint8Array;
      const before = await hub.store.lastSeq();
      const kind = await refusedKind(
        pushVia(wire, hub, a.identity, protocol, [{ caseId, bytes: change }]),
      );
      expect(kind).toBe("MALFORMED_BATCH");
      expect(await hub.store.lastSeq()).toBe(before);
    });

    it("伪造: a station cannot create a case in another site's name", async () => {
      const { hub, b } = await setup();
      const init = newCase(40, new JournalKit());
      const { change } = createCaseDoc(init, b.actorId); // intake says origin = station A
      const kind = await refusedKind(
        pushVia(wire, hub, b.identity, protocol, [{ caseId: init.caseId, bytes: change }]),
      );
      expect(kind).toBe("NOT_IN_SCOPE");
      expect(await hub.repo.has(init.caseId)).toBe(false);
    });

    it("格式: malformed bytes, missing dependencies, oversized batches and old protocols are refused", async () => {
      const { hub, a } = await setup();
      const before = await hub.store.lastSeq();
      expect(
        await refusedKind(
          pushVia(wire, hub, a.identity, protocol, [
            { caseId: "01KCASE0000000000000000001", bytes: new Uint8Array([1, 2, 3]) },
          ]),
        ),
      ).toBe("MALFORMED_BATCH");
      const orphan = await acceptedCaseAt(a.repo, 50);
      const own = (await a.store.changesAfter(0, { maxChanges: 1000, maxBytes: 1 << 22 })).filter(
        (c) => c.caseId === orphan,
      );
      const tail = own.slice(1).map((c) => ({ caseId: c.caseId, bytes: c.bytes }));
      expect(await refusedKind(pushVia(wire, hub, a.identity, protocol, tail))).toBe(
        "MISSING_DEPS",
      );
      const huge = Array.from({ length: 2001 }, () => ({
        caseId: orphan,
        bytes: own[0]?.bytes as Uint8Array,
      }));
      expect(await refusedKind(pushVia(wire, hub, a.identity, protocol, huge))).toBe(
        "BATCH_TOO_LARGE",
      );
      // Frames exist since protocol 2: a frame claiming protocol 1 is as wrong as an unknown one.
      for (const old of wire === "frame" ? [0, 1, 99] : [0, 99]) {
        expect(await refusedKind(pushVia(wire, hub, a.identity, old, tail))).toBe(
          "PROTOCOL_VERSION",
        );
      }
      expect(await hub.store.lastSeq()).toBe(before);
      expect(actorFor(SITES.stationA)).toHaveLength(32);
      expect(ELDERLY.code).toBe("MZ-GF-001");
    });
  },
);

describe("document cache", () => {
  it("缓存: a batch touching more cold cases than the cache holds stores and answers once, without freeing documents in use", async () => {
    const hub = makeHub("330106001", { cacheSize: 1 });
    const a = makeStation(hub, SITES.stationA, {}, 1, { cacheSize: 1 });
    const ids = [
      await acceptedCaseAt(a.repo, 60),
      await acceptedCaseAt(a.repo, 61),
      await acceptedCaseAt(a.repo, 62),
    ];
    await a.sync.syncOnce();
    for (const id of ids) await act(a.repo, id, "note", { text: "冷启动批次" }, actors.helperA);
    await expect(a.sync.syncOnce()).resolves.toBeUndefined();
    for (const id of ids) expect(await hub.repo.heads(id)).toEqual(await a.repo.heads(id));
  });
});

/** Timers a test fires by hand: the sync loop's waits without waiting on the clock. */
class ManualTimers implements Timers {
  private seq = 0;
  private readonly pending = new Map<number, { fn: () => void; ms: number }>();
  private waiters: (() => void)[] = [];
  readonly fired: number[] = [];

  set(fn: () => void, ms: number): number {
    this.seq += 1;
    this.pending.set(this.seq, { fn, ms });
    for (const w of this.waiters.splice(0)) w();
    return this.seq;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The delays of the timers now set, shortest first. */
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms).sort((x, y) => x - y);
  }

  /** Resolves with the id of a timer of `ms` once one is set. */
  async when(ms: number): Promise<number> {
    for (;;) {
      const hit = [...this.pending].find(([, t]) => t.ms === ms);
      if (hit) return hit[0];
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  fire(id: number): void {
    const t = this.pending.get(id);
    this.pending.delete(id);
    this.fired.push(id);
    t?.fn();
  }
}
