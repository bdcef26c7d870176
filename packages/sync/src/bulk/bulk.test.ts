import * as A from "@automerge/automerge";
import { type Actor, recordEvent } from "@bangban/domain";
import { actors, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { type CaseDocShape, changeCaseDoc, edits, readJournal } from "../case-doc";
import { SyncError } from "../protocol/errors";
import {
  actorFor,
  type Hub,
  linkStreet,
  makeDistrict,
  makeHub,
  makeStation,
  type Station,
} from "../sync-kit";
import { actor, ELDERLY, newCase } from "../test-kit";
import {
  BULK_LIMITS,
  bulkEndFrame,
  decodeBulkFrame,
  encodeBulkCase,
  encodeBulkFrame,
  joinBulkFrame,
  packChanges,
  unpackChanges,
} from "./frame";
import { BulkVerifyLoop } from "./verify-loop";

/**
 * Bulk catch-up (SPEC.md "Bulk catch-up"): a street sends its history to the district in
 * frames of whole cases, stored at once as claims and verified later with the same rules a
 * push meets. The district believes the claim only until it checked the history.
 */

const X = SITES.center;
const Y = "330106002";
const C = "330106002001";
const yReviewer = {
  userId: "u-reviewer-y",
  role: "reviewer",
  siteId: Y,
  siteKind: "center",
} satisfies Actor;
const act = actor("01KBULK");

function tiers() {
  const district = makeDistrict();
  const x = makeHub(X);
  const y = makeHub(Y);
  for (const h of [district, x, y]) h.authority.add(yReviewer);
  const a = makeStation(x, SITES.stationA);
  const c = makeStation(y, C);
  return { district, x, y, a, c, xUp: linkStreet(district, x), yUp: linkStreet(district, y) };
}

/** Cases taken in at station A and synced to street X (not yet to the district). */
async function casesAtX(t: ReturnType<typeof tiers>, from: number, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const init = newCase(from + i);
    await t.a.repo.create(init);
    ids.push(init.caseId);
  }
  await t.a.sync.syncOnce();
  return ids;
}

/**
 * A case of X's station A transferred to Y, where Y's reviewer acted, all through an old
 * district (`more` adds to it there); then a new, empty district both streets link to.
 */
async function sharedThenFresh(
  n: number,
  more?: (t: ReturnType<typeof tiers>, caseId: string) => Promise<void>,
) {
  const t = tiers();
  const [id] = await casesAtX(t, n, 1);
  const caseId = id as string;
  await act(t.a.repo, caseId, "transfer", { toSiteId: Y, reason: "转西溪" }, actors.helperA);
  await t.a.sync.syncOnce();
  await t.xUp.sync.syncOnce();
  await t.yUp.sync.syncOnce();
  await act(t.y.repo, caseId, "set_pickup_site", { siteId: C }, yReviewer);
  await t.yUp.sync.syncOnce();
  await t.xUp.sync.syncOnce();
  await more?.(t, caseId);
  const fresh = makeDistrict();
  fresh.authority.add(yReviewer);
  return {
    t,
    caseId,
    fresh,
    xAt: linkStreet(fresh, t.x).identity,
    yAt: linkStreet(fresh, t.y).identity,
  };
}

/** The helper at A completes the materials and accepts the case. */
async function acceptAtA(t: ReturnType<typeof tiers>, caseId: string) {
  const materials = ELDERLY.materials
    .filter((m) => m.requirement !== "conditional")
    .map((m) => ({ code: m.code, state: "provided" as const }));
  await act(t.a.repo, caseId, "update_materials", { materials }, actors.helperA);
  await act(t.a.repo, caseId, "accept", { deferred: [] }, actors.helperA);
}

/** What a street's bulk sender puts in a frame: each case's whole history and its projection. */
async function frameOf(
  street: Pick<Hub | Station, "store">,
  caseIds: readonly string[],
  edit: {
    projection?: (p: Record<string, unknown>) => Record<string, unknown>;
    changes?: (id: string, c: Uint8Array[]) => Uint8Array[];
  } = {},
) {
  const cases = [];
  for (const id of caseIds) {
    const changes = (await street.store.caseChanges(id, "")).map((c) => c.bytes);
    const p = (await street.store.getProjection(id)) as unknown as Record<string, unknown>;
    cases.push(
      encodeBulkCase(
        id,
        JSON.stringify(edit.projection ? edit.projection({ ...p }) : p),
        edit.changes ? edit.changes(id, changes) : changes,
      ),
    );
  }
  return joinBulkFrame(2, cases);
}

async function refusalOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "accepted";
  } catch (e) {
    if (e instanceof SyncError) return e.data.kind;
    throw e;
  }
}

let forged = 0;
/** A change by the street's own node claiming another street's reviewer did something. */
async function forgedChange(street: Hub | Station, caseId: string, who: Actor) {
  forged += 1;
  const held = A.load<CaseDocShape>(await street.repo.save(caseId), {
    actor: "center" in street ? actorFor(street.center) : street.actorId,
  });
  const e = recordEvent(readJournal(held), "set_pickup_site", { siteId: SITES.stationB } as never, {
    id: `01KBULKFORGED${String(forged).padStart(13, "0")}`,
    at: "2026-11-03T02:00:00.000Z",
    actor: who,
  });
  const { change } = changeCaseDoc(held, (d) => edits.appendEvent(d, e));
  if (!change) throw new Error("no change");
  return change;
}

const hashesOf = async (hub: Hub, caseId: string) =>
  (await hub.store.caseChanges(caseId, "")).map((c) => c.hash).sort();

describe("the bulk frame", () => {
  it("carries whole cases and reads back the same", () => {
    const changes = [new Uint8Array([1, 2, 3]), new Uint8Array(300).fill(7)];
    const frame = joinBulkFrame(2, [
      encodeBulkCase("01KBULKCASE0000000000000001", '{"a":1}', changes),
      encodeBulkCase("01KBULKCASE0000000000000002", "{}", [new Uint8Array([9])]),
    ]);
    const { protocol, cases } = decodeBulkFrame(frame);
    expect(protocol).toBe(2);
    expect(cases.map((c) => [c.caseId, c.projection, c.changes.map((b) => [...b])])).toEqual([
      ["01KBULKCASE0000000000000001", { a: 1 }, changes.map((b) => [...b])],
      ["01KBULKCASE0000000000000002", {}, [[9]]],
    ]);
    expect(unpackChanges(packChanges(changes)).map((b) => [...b])).toEqual(
      changes.map((b) => [...b]),
    );
    // Each case's changes, as a node keeps them until verified, are a view of the frame.
    for (const c of cases) expect([...(c.packed ?? [])]).toEqual([...packChanges(c.changes)]);
  });

  it("is the same frame written at once from the cases as read (projection as text or as its UTF-8)", () => {
    const cases = [
      {
        caseId: "01KBULKCASE0000000000000001",
        projectionJson: '{"名":"王*明"}',
        changes: [new Uint8Array(200).fill(3)],
      },
      {
        caseId: "01KBULKCASE0000000000000002",
        projectionJson: new TextEncoder().encode('{"名":"李*"}'),
        changes: [new Uint8Array([0]), new Uint8Array([1, 2])],
      },
    ];
    const joined = joinBulkFrame(
      2,
      cases.map((c) => encodeBulkCase(c.caseId, c.projectionJson, c.changes)),
    );
    expect([...encodeBulkFrame(2, cases)]).toEqual([...joined]);
    expect(decodeBulkFrame(joined).cases.map((c) => c.projection)).toEqual([
      { 名: "王*明" },
      { 名: "李*" },
    ]);
    expect([...encodeBulkFrame(2, [])]).toEqual([...bulkEndFrame(2)]);
  });

  it("a frame of no cases is a catch-up's end", () => {
    expect(decodeBulkFrame(bulkEndFrame(2))).toEqual({ protocol: 2, cases: [] });
    expect([...bulkEndFrame(2)]).toEqual([0x42, 0x4b, 2, 0]);
  });

  it("refuses what is not a whole, bounded, well-formed frame (typed)", () => {
    const id = "01KBULKCASE0000000000000001";
    const good = joinBulkFrame(2, [encodeBulkCase(id, "{}", [new Uint8Array([1])])]);
    const kind = (f: Uint8Array) => {
      try {
        decodeBulkFrame(f);
        return "accepted";
      } catch (e) {
        return e instanceof SyncError ? e.data.kind : String(e);
      }
    };
    expect(kind(good)).toBe("accepted");
    expect(kind(good.subarray(0, good.length - 1))).toBe("MALFORMED_BATCH");
    expect(kind(new Uint8Array([...good, 0]))).toBe("MALFORMED_BATCH");
    expect(kind(new Uint8Array([0x42, 0x42, ...good.subarray(2)]))).toBe("MALFORMED_BATCH");
    expect(kind(joinBulkFrame(1, [encodeBulkCase(id, "{}", [new Uint8Array([1])])]))).toBe(
      "PROTOCOL_VERSION",
    );
    const twice = encodeBulkCase(id, "{}", [new Uint8Array([1])]);
    expect(kind(joinBulkFrame(2, [twice, twice]))).toBe("MALFORMED_BATCH");
    expect(kind(joinBulkFrame(2, [encodeBulkCase(id, "{not json", [new Uint8Array([1])])]))).toBe(
      "MALFORMED_BATCH",
    );
    expect(kind(joinBulkFrame(2, [encodeBulkCase(id, "{}", [])]))).toBe("MALFORMED_BATCH");
    const many = Array.from({ length: BULK_LIMITS.maxCases + 1 }, (_, i) =>
      encodeBulkCase(`01KBULKCASE${String(i).padStart(15, "0")}`, "{}", [new Uint8Array([1])]),
    );
    expect(kind(joinBulkFrame(2, many))).toBe("BATCH_TOO_LARGE");
  });
});

describe("a street's history into the district in bulk", () => {
  it("is stored at once as claims (counted, in no feed), then verified into the district's own log", async () => {
    const t = tiers();
    const ids = await casesAtX(t, 100, 5);
    await acceptAtA(t, ids[0] as string);
    await t.a.sync.syncOnce();
    const r = await t.district.handler.pushBulk(t.xUp.identity, await frameOf(t.x, ids));
    expect(r).toEqual({ stored: 5, verified: 0, already: 0 });
    // Counted at once, by the street's claim; nothing in the log or any feed yet.
    expect(await t.district.store.getProjection(ids[0] as string)).toMatchObject({
      status: "ACCEPTED",
      originSiteId: SITES.stationA,
    });
    expect(await t.district.store.lastSeq()).toBe(0);
    expect(await t.district.bulk?.counts()).toEqual({ waiting: 5, verified: 0, refused: 0 });

    // Sent again (a resend after a lost answer): nothing twice.
    expect(await t.district.handler.pushBulk(t.xUp.identity, await frameOf(t.x, ids))).toEqual({
      stored: 0,
      verified: 0,
      already: 5,
    });

    expect(await t.district.handler.verifier?.pass(100)).toEqual({
      verified: 5,
      refused: 0,
      waiting: 0,
    });
    for (const id of ids) {
      expect(await hashesOf(t.district, id)).toEqual(await hashesOf(t.x, id));
      expect(await t.district.store.scopeOf(id)).toEqual([X]);
      expect(await t.district.store.getProjection(id)).toEqual(await t.x.store.getProjection(id));
    }
    // The street's normal loop then has nothing more to send of these cases.
    await t.xUp.sync.syncOnce();
    expect(await t.district.store.lastSeq()).toBe(await t.x.store.countAfter(0));
  });

  it("a claim's long text fields (a case's rule state) are taken as they are", async () => {
    const t = tiers();
    const [id] = await casesAtX(t, 105, 1);
    const frame = await frameOf(t.x, [id as string], {
      projection: (p) => ({ ...p, ruleState: JSON.stringify({ steps: "x".repeat(5000) }) }),
    });
    expect(await t.district.handler.pushBulk(t.xUp.identity, frame)).toMatchObject({ stored: 1 });
  });

  it("a push touching a case still waiting verifies it first: a push never builds on a claim", async () => {
    const t = tiers();
    const [id] = await casesAtX(t, 110, 1);
    await t.district.handler.pushBulk(t.xUp.identity, await frameOf(t.x, [id as string]));
    await acceptAtA(t, id as string);
    await t.a.sync.syncOnce();
    await t.xUp.sync.syncOnce();
    expect(await t.district.bulk?.counts()).toEqual({ waiting: 0, verified: 1, refused: 0 });
    expect(await hashesOf(t.district, id as string)).toEqual(await hashesOf(t.x, id as string));
    expect(await t.district.store.getProjection(id as string)).toMatchObject({
      status: "ACCEPTED",
    });
  });
});

/** A promise and what settles it: a test awaits the moment the loop reaches a hook. */
function signal(): [Promise<void>, () => void] {
  let settle!: () => void;
  const reached = new Promise<void>((r) => {
    settle = r;
  });
  return [reached, settle];
}

describe("the district's verify loop", () => {
  it("runs what the catch-up set aside (beforePass) only once frames have stopped, then verifies", async () => {
    const t = tiers();
    const ids = await casesAtX(t, 120, 2);
    await t.district.handler.pushBulk(t.xUp.identity, await frameOf(t.x, ids));
    const verifier = t.district.handler.verifier;
    if (!verifier) throw new Error("no verifier");
    let frames = true;
    const order: string[] = [];
    const [sawYield, yielded] = signal();
    const [sawBefore, landed] = signal();
    const loop = new BulkVerifyLoop(verifier, {
      idleMs: 1,
      yieldTo: () => {
        if (frames) {
          order.push("yield");
          yielded();
        }
        return frames;
      },
      beforePass: async () => {
        order.push("before");
        landed();
      },
    });
    loop.start();
    await sawYield;
    expect(order).not.toContain("before");
    expect(loop.done.verified).toBe(0);
    frames = false;
    await sawBefore;
    await loop.stop();
    expect(order[0]).toBe("yield");
    expect(order.filter((o) => o === "before").length).toBeGreaterThan(0);
    expect(loop.done.verified).toBe(2);
  });
});

describe("a catch-up's end frame", () => {
  it("stores nothing and ends its own sender's catch-up only: the district need not wait out a quiet", async () => {
    const t = tiers();
    const ids = await casesAtX(t, 140, 2);
    const h = t.district.handler;
    expect(h.bulkLanding(Number.POSITIVE_INFINITY)).toBe(false);
    expect(await h.pushBulk(t.xUp.identity, await frameOf(t.x, ids))).toMatchObject({ stored: 2 });
    expect(h.bulkLanding(Number.POSITIVE_INFINITY)).toBe(true);
    // Only for as long as the quiet when no end frame comes (a sender that crashed).
    expect(h.bulkLanding(0)).toBe(false);
    const counts = await t.district.bulk.counts();
    // Another street's end frame (it sent none) ends nothing of X's.
    const nothing = { stored: 0, verified: 0, already: 0 };
    expect(await h.pushBulk(t.yUp.identity, bulkEndFrame(2))).toEqual(nothing);
    expect(h.bulkLanding(Number.POSITIVE_INFINITY)).toBe(true);
    expect(await h.pushBulk(t.xUp.identity, bulkEndFrame(2))).toEqual(nothing);
    expect(h.bulkLanding(Number.POSITIVE_INFINITY)).toBe(false);
    expect(await t.district.bulk.counts()).toEqual(counts);
  });

  it("wakes a verify loop that waits for frames at once (nudge), not after its rest", async () => {
    const t = tiers();
    const ids = await casesAtX(t, 150, 2);
    const h = t.district.handler;
    await h.pushBulk(t.xUp.identity, await frameOf(t.x, ids));
    const verifier = h.verifier;
    if (!verifier) throw new Error("no verifier");
    const [sawYield, yielded] = signal();
    const [sawBefore, before] = signal();
    // Rests of a day, and no quiet: only the end frame and a nudge can let it pass.
    const loop = new BulkVerifyLoop(verifier, {
      idleMs: 86_400_000,
      yieldTo: () => {
        const landing = h.bulkLanding(Number.POSITIVE_INFINITY);
        if (landing) yielded();
        return landing;
      },
      beforePass: async () => before(),
    });
    loop.start();
    await sawYield;
    await h.pushBulk(t.xUp.identity, bulkEndFrame(2));
    loop.nudge();
    await sawBefore;
    await loop.stop();
    expect(loop.done.verified).toBe(2);
  });
});

describe("bulk frames at the district: the claim is believed only until checked (attacks)", () => {
  it("a forged event in a bulk history is counted only until verification refuses it; then it is in no log and no figure", async () => {
    const t = tiers();
    const ids = await casesAtX(t, 120, 2);
    const bad = ids[1] as string;
    const forgedBytes = await forgedChange(t.x, bad, yReviewer);
    const frame = await frameOf(t.x, ids, {
      changes: (id, c) => (id === bad ? [...c, forgedBytes] : c),
    });
    expect(await t.district.handler.pushBulk(t.xUp.identity, frame)).toMatchObject({ stored: 2 });
    expect(await t.district.handler.verifier?.pass(100)).toEqual({
      verified: 1,
      refused: 1,
      waiting: 0,
    });
    expect(t.district.bulk?.rows.get(`${bad} ${X}`)).toMatchObject({
      state: "refused",
      kind: "FORGED_ACTOR",
    });
    expect(await t.district.store.getProjection(bad)).toBeNull();
    expect(await t.district.store.caseChanges(bad, "")).toEqual([]);
    expect(await t.district.store.scopeOf(bad)).toEqual([]);
    // The other case of the same frame is the district's, verified.
    expect(await hashesOf(t.district, ids[0] as string)).toEqual(
      await hashesOf(t.x, ids[0] as string),
    );
  });

  it("a lying claim (a case shown completed and on time) is replaced by the district's own reading", async () => {
    const t = tiers();
    const [id] = await casesAtX(t, 130, 1);
    const frame = await frameOf(t.x, [id as string], {
      projection: (p) => ({ ...p, status: "COMPLETED", onTime: true, completedAt: p.submittedAt }),
    });
    await t.district.handler.pushBulk(t.xUp.identity, frame);
    await t.district.handler.verifier?.pass(10);
    expect(await t.district.store.getProjection(id as string)).toMatchObject({
      status: "SUBMITTED",
      onTime: null,
    });
  });

  it("a claim naming another street's site is not stored as a claim: the case is verified at once", async () => {
    const t = tiers();
    const [id] = await casesAtX(t, 140, 1);
    const frame = await frameOf(t.x, [id as string], {
      projection: (p) => ({ ...p, handlingSiteId: Y }),
    });
    expect(await t.district.handler.pushBulk(t.xUp.identity, frame)).toEqual({
      stored: 0,
      verified: 1,
      already: 0,
    });
    expect(await t.district.store.getProjection(id as string)).toMatchObject({
      handlingSiteId: SITES.stationA,
    });
    expect(await t.district.store.scopeOf(id as string)).toEqual([X]);
  });

  it("a forged history sent that way is refused whole, the frame stored nothing", async () => {
    const t = tiers();
    const ids = await casesAtX(t, 150, 2);
    const bad = ids[1] as string;
    const forgedBytes = await forgedChange(t.x, bad, yReviewer);
    const frame = await frameOf(t.x, ids, {
      changes: (id, c) => (id === bad ? [...c, forgedBytes] : c),
      projection: (p) => (p.caseId === bad ? { ...p, pickupSiteId: C } : p),
    });
    expect(await refusalOf(t.district.handler.pushBulk(t.xUp.identity, frame))).toBe(
      "FORGED_ACTOR",
    );
    expect(await t.district.bulk?.counts()).toEqual({ waiting: 0, verified: 0, refused: 0 });
    expect(await t.district.store.getProjection(ids[0] as string)).toBeNull();
    expect(await t.district.store.lastSeq()).toBe(0);
  });

  it("a projection that is not one, or a case number another case holds, refuses the frame (typed, nothing stored)", async () => {
    const t = tiers();
    const ids = await casesAtX(t, 160, 2);
    const malformed = await frameOf(t.x, ids, {
      projection: (p) => (p.caseId === ids[1] ? { ...p, eventCount: "many" } : p),
    });
    expect(await refusalOf(t.district.handler.pushBulk(t.xUp.identity, malformed))).toBe(
      "MALFORMED_BATCH",
    );
    const numberOf = (await t.x.store.getProjection(ids[0] as string))?.caseNumber;
    const taken = await frameOf(t.x, ids, {
      projection: (p) => (p.caseId === ids[1] ? { ...p, caseNumber: numberOf } : p),
    });
    expect(await refusalOf(t.district.handler.pushBulk(t.xUp.identity, taken))).toBe(
      "INVALID_CASE",
    );
    expect(await t.district.bulk?.counts()).toEqual({ waiting: 0, verified: 0, refused: 0 });
    expect(await t.district.store.getProjection(ids[0] as string)).toBeNull();
  });

  it("another street's changes the district does not hold yet: the history before them is verified, the rest waits for them", async () => {
    // A case of X's station A transferred to Y, where Y's reviewer acted, all through an old
    // district; then a new, empty district is caught up from the streets.
    const { t, caseId, fresh, xAt, yAt } = await sharedThenFresh(170);

    expect(await fresh.handler.pushBulk(xAt, await frameOf(t.x, [caseId]))).toEqual({
      stored: 1,
      verified: 0,
      already: 0,
    });
    // Uncounted: X cannot vouch for Y's change.
    expect(await fresh.store.getProjection(caseId)).toBeNull();
    expect(await fresh.handler.verifier?.pass(10)).toEqual({ verified: 0, refused: 0, waiting: 1 });
    // X's part (intake, transfer) is the district's now, so Y's own push lands on it.
    const yOwn = await t.y.store.caseChanges(caseId, Y);
    expect(yOwn.length).toBeGreaterThan(0);
    await fresh.handler.push(yAt, {
      protocol: 2,
      changes: yOwn.map((c) => ({ caseId, bytes: c.bytes })),
    });
    expect(await fresh.handler.verifier?.pass(10)).toEqual({ verified: 1, refused: 0, waiting: 0 });
    expect(await hashesOf(fresh, caseId)).toEqual(await hashesOf(t.x, caseId));
    expect(await fresh.store.getProjection(caseId)).toMatchObject({
      handlingSiteId: Y,
      pickupSiteId: C,
    });
  });

  it("a case two streets share, both caught up in bulk: each one's part is verified in turn until the whole history is the district's", async () => {
    const { t, fresh, caseId, xAt, yAt } = await sharedThenFresh(175, async (t, id) => {
      // Station A records more after Y's step: X's history now interleaves both streets.
      await t.a.sync.syncOnce();
      await act(t.a.repo, id, "note", { text: "已电话告知申请人" } as never, actors.helperA);
      await t.a.sync.syncOnce();
    });
    await fresh.handler.pushBulk(xAt, await frameOf(t.x, [caseId]));
    await fresh.handler.pushBulk(yAt, await frameOf(t.y, [caseId]));
    expect(await fresh.bulk?.counts()).toEqual({ waiting: 2, verified: 0, refused: 0 });
    for (let i = 0; i < 4 && (await fresh.bulk?.counts())?.waiting; i++) {
      await fresh.handler.verifier?.pass(10);
    }
    expect(await fresh.bulk?.counts()).toEqual({ waiting: 0, verified: 2, refused: 0 });
    expect(await hashesOf(fresh, caseId)).toEqual(await hashesOf(t.x, caseId));
  });
});

/**
 * The same path one tier down: a station's first link with a long history (a station that
 * worked offline for months) sends it to its street hub in bulk frames. The street believes
 * the claim only until it checked the history, and its staff never act on a claim.
 */
describe("bulk frames from a station at its street hub: the claim is believed only until checked (attacks)", () => {
  function stationTier() {
    const t = tiers();
    t.x.enrol("credential-a", t.a.identity);
    return t;
  }
  /** Cases taken in at station A while it never synced. */
  async function casesAtA(t: ReturnType<typeof tiers>, from: number, n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const init = newCase(from + i);
      await t.a.repo.create(init);
      ids.push(init.caseId);
    }
    return ids;
  }

  it("is stored at once as claims (counted, in no feed); a case the street's staff open is verified first", async () => {
    const t = stationTier();
    const ids = await casesAtA(t, 200, 3);
    await acceptAtA(t, ids[0] as string);
    expect(await t.x.handler.pushBulk(t.a.identity, await frameOf(t.a, ids))).toEqual({
      stored: 3,
      verified: 0,
      already: 0,
    });
    expect(await t.x.store.getProjection(ids[0] as string)).toMatchObject({ status: "ACCEPTED" });
    expect(await t.x.store.lastSeq()).toBe(0);

    // The reviewer opens the first case: it is verified on the way, and the view is the hub's own.
    const view = await t.x.repo.get(ids[0] as string);
    expect(view?.state.status).toBe("ACCEPTED");
    expect(await t.x.bulk.counts()).toEqual({ waiting: 2, verified: 1, refused: 0 });
    expect(await hashesOf(t.x, ids[0] as string)).toEqual(
      (await t.a.store.caseChanges(ids[0] as string, "")).map((c) => c.hash).sort(),
    );
    // And acting on a claimed case builds on the verified history, never on the claim.
    await act(t.x.repo, ids[1] as string, "note", { text: "已电话联系" } as never, actors.reviewer);
    expect(await t.x.bulk.counts()).toEqual({ waiting: 1, verified: 2, refused: 0 });

    expect(await t.x.handler.verifier?.pass(100)).toEqual({ verified: 1, refused: 0, waiting: 0 });
    for (const id of ids) {
      expect(await t.x.store.scopeOf(id)).toEqual([SITES.stationA]);
    }
    // The station's normal round then sends nothing the street does not hold already.
    await t.a.sync.syncOnce();
    expect(await hashesOf(t.x, ids[2] as string)).toEqual(
      (await t.a.store.caseChanges(ids[2] as string, "")).map((c) => c.hash).sort(),
    );
  });

  it("a forged event (the street's reviewer, written at the station) counts only until verification refuses it", async () => {
    const t = stationTier();
    const ids = await casesAtA(t, 210, 2);
    const bad = ids[1] as string;
    const forgedBytes = await forgedChange(t.a, bad, actors.reviewer);
    const frame = await frameOf(t.a, ids, {
      changes: (id, c) => (id === bad ? [...c, forgedBytes] : c),
    });
    expect(await t.x.handler.pushBulk(t.a.identity, frame)).toMatchObject({ stored: 2 });
    expect(await t.x.handler.verifier?.pass(100)).toEqual({
      verified: 1,
      refused: 1,
      waiting: 0,
    });
    expect(t.x.bulk.rows.get(`${bad} ${SITES.stationA}`)).toMatchObject({
      state: "refused",
      kind: "FORGED_ACTOR",
    });
    expect(await t.x.store.getProjection(bad)).toBeNull();
    expect(await t.x.store.caseChanges(bad, "")).toEqual([]);
    expect(await t.x.repo.get(bad)).toBeNull();
  });

  it("a lying claim (completed, on time) is what nobody at the street ever reads: opened or verified, the street's own reading replaces it", async () => {
    const t = stationTier();
    const [id] = await casesAtA(t, 220, 1);
    const frame = await frameOf(t.a, [id as string], {
      projection: (p) => ({ ...p, status: "COMPLETED", onTime: true, completedAt: p.submittedAt }),
    });
    await t.x.handler.pushBulk(t.a.identity, frame);
    expect((await t.x.repo.get(id as string))?.projection).toMatchObject({
      status: "SUBMITTED",
      onTime: null,
    });
    expect(await t.x.store.getProjection(id as string)).toMatchObject({ status: "SUBMITTED" });
  });

  it("a claim naming another station's site is not stored as a claim: the case is verified at once", async () => {
    const t = stationTier();
    const [id] = await casesAtA(t, 230, 1);
    const frame = await frameOf(t.a, [id as string], {
      projection: (p) => ({ ...p, handlingSiteId: SITES.stationB }),
    });
    expect(await t.x.handler.pushBulk(t.a.identity, frame)).toEqual({
      stored: 0,
      verified: 1,
      already: 0,
    });
    expect(await t.x.store.getProjection(id as string)).toMatchObject({
      handlingSiteId: SITES.stationA,
    });
    expect(await t.x.store.scopeOf(id as string)).toEqual([SITES.stationA]);
  });

  it("another station's case sent as one's own is refused whole, the frame stored nothing", async () => {
    const t = stationTier();
    const b = makeStation(t.x, SITES.stationB);
    const mine = await casesAtA(t, 240, 1);
    const init = newCase(241);
    await b.repo.create(init);
    // A's frame carries B's case with A's own claim: B's changes, which the street does not hold.
    const frame = joinBulkFrame(2, [
      ...decodeBulkFrame(await frameOf(t.a, mine)).cases.map((c) =>
        encodeBulkCase(c.caseId, JSON.stringify(c.projection), c.changes),
      ),
      ...decodeBulkFrame(await frameOf(b, [init.caseId])).cases.map((c) =>
        encodeBulkCase(
          c.caseId,
          JSON.stringify({ ...(c.projection as object), originSiteId: SITES.stationA }),
          c.changes,
        ),
      ),
    ]);
    const r = await t.x.handler.pushBulk(t.a.identity, frame);
    // Kept aside uncounted (it needs changes the street does not hold), never counted or fed.
    expect(r).toEqual({ stored: 2, verified: 0, already: 0 });
    expect(await t.x.store.getProjection(init.caseId)).toBeNull();
    expect(await t.x.handler.verifier?.pass(100)).toEqual({ verified: 1, refused: 0, waiting: 1 });
    expect(await t.x.store.getProjection(init.caseId)).toBeNull();
    expect(await t.x.store.scopeOf(init.caseId)).toEqual([]);
  });

  it("a station revoked before its cases were verified: they are refused, their claims withdrawn", async () => {
    const t = stationTier();
    const ids = await casesAtA(t, 250, 2);
    await t.x.handler.pushBulk(t.a.identity, await frameOf(t.a, ids));
    t.x.enrol("credential-a", t.a.identity, true);
    expect(await t.x.handler.verifier?.pass(100)).toEqual({ verified: 0, refused: 2, waiting: 0 });
    for (const id of ids) expect(await t.x.store.getProjection(id)).toBeNull();
  });
});

describe("a hub's pushes and readers do not look for bulk cases when none waits", () => {
  it("after a whole pass found none, a push asks the bulk store nothing; a frame arriving makes it look again", async () => {
    const t = tiers();
    t.x.enrol("credential-a", t.a.identity);
    const bulk = t.x.bulk;
    const waiting = bulk.waiting.bind(bulk);
    let asked = 0;
    bulk.waiting = (limit, ids) => {
      asked += 1;
      return waiting(limit, ids);
    };
    await t.x.handler.verifier?.pass(100);
    asked = 0;
    const [first] = await casesAtX(t, 260, 1);
    await t.x.repo.get(first as string);
    expect(asked).toBe(0);

    // A frame: the next push, and the next case opened, look for claims again.
    const init = newCase(261);
    await t.a.repo.create(init);
    await t.x.handler.pushBulk(t.a.identity, await frameOf(t.a, [init.caseId]));
    expect((await t.x.repo.get(init.caseId))?.state.status).toBe("SUBMITTED");
    expect(asked).toBeGreaterThan(0);
    expect(await t.x.bulk.counts()).toEqual({ waiting: 0, verified: 1, refused: 0 });
  });
});
