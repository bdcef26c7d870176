import * as A from "@automerge/automerge";
import {
  type Actor,
  type RegisterPayload,
  recordEvent,
  type ServiceItem,
  seedCatalog,
  toItemSnapshot,
} from "@bangban/domain";
import {
  actors,
  ComplaintJournal,
  complaintAboutHelperA,
  JournalKit,
  SITES,
} from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { type CaseDocShape, changeCaseDoc, createCaseDoc, edits, readJournal } from "./case-doc";
import {
  appendComplaintEvent,
  type ComplaintDoc,
  saveComplaintDoc,
} from "./complaint/complaint-doc";
import type { StationIdentity } from "./hub/accept-push";
import { SyncError } from "./protocol/errors";
import { toBase64 } from "./protocol/messages";
import { actorFor, type Hub, linkStreet, makeDistrict, makeHub, makeStation } from "./sync-kit";
import { actor, ELDERLY, newCase } from "./test-kit";

/**
 * The street ↔ district boundary (SPEC.md "The district tier"): a street hub is to the
 * district what a station is to its street. The district takes a street's word for nothing:
 * whose changes, which sites, which staff, which catalog — each is checked against its own
 * tables, with the same rules the street used. One bad street can hurt only itself.
 */

const X = SITES.center; // 330106001, street of stations A and B
const Y = "330106002";
const C = "330106002001";
const yStaff = {
  reviewer: { userId: "u-reviewer-y", role: "reviewer", siteId: Y, siteKind: "center" },
  helperC: { userId: "u-helper-c", role: "helper", siteId: C, siteKind: "station" },
} satisfies Record<string, Actor>;

const act = actor("01KDIST");

/** District 330106; street X with station A, street Y with station C; both streets linked. */
function tiers() {
  const district = makeDistrict();
  const x = makeHub(X);
  const y = makeHub(Y);
  for (const h of [district, x, y]) for (const a of Object.values(yStaff)) h.authority.add(a);
  const a = makeStation(x, SITES.stationA);
  const c = makeStation(y, C);
  return { district, x, y, a, c, xUp: linkStreet(district, x), yUp: linkStreet(district, y) };
}

let forged = 0;
/** A change to a case as a hostile node writes it: any actor, any event, no machine. */
async function forgeOn(
  holder: Hub,
  caseId: string,
  asActor: string,
  event: { type: "set_pickup_site" | "transfer"; payload: never; who: Actor },
) {
  forged += 1;
  const held = A.load<CaseDocShape>(await holder.repo.save(caseId), { actor: asActor });
  const e = recordEvent(readJournal(held), event.type, event.payload, {
    id: `01KDISTFORGED${String(forged).padStart(13, "0")}`,
    at: "2026-11-03T02:00:00.000Z",
    actor: event.who,
  });
  const { change } = changeCaseDoc(held, (d) => edits.appendEvent(d, e));
  if (!change) throw new Error("no change");
  return change;
}

async function refusal(
  district: Hub,
  street: { siteId: string; actorIds: readonly string[] },
  caseId: string,
  bytes: Uint8Array,
) {
  const before = await district.store.lastSeq();
  try {
    await district.accept(street, { protocol: 2, changes: [{ caseId, bytes }] });
    return { kind: "accepted", stored: true };
  } catch (e) {
    if (!(e instanceof SyncError)) throw e;
    return { kind: e.data.kind, stored: (await district.store.lastSeq()) !== before };
  }
}

/** A case taken in at station A (street X) and synced A → X → district. */
async function caseAtA(t: ReturnType<typeof tiers>, n: number) {
  const init = newCase(900 + n);
  await t.a.repo.create(init);
  await t.a.sync.syncOnce();
  await t.xUp.sync.syncOnce();
  return init.caseId;
}

describe("street → district: cases go up with their whole history", () => {
  it("a station's case reaches the district through its street, in that street's scope only", async () => {
    const t = tiers();
    const caseId = await caseAtA(t, 1);
    expect(await t.district.store.getProjection(caseId)).toMatchObject({
      originSiteId: SITES.stationA,
    });
    expect(await t.district.store.scopeOf(caseId)).toEqual([X]);
    // Street Y's pull brings nothing of X's; X's own changes are not sent back to it.
    await t.yUp.sync.syncOnce();
    expect(await t.y.store.getProjection(caseId)).toBeNull();
    expect(
      (await t.district.handler.pull(t.xUp.identity, { protocol: 2, after: 0 })).changes,
    ).toEqual([]);
    expect(t.xUp.sync.status().pending).toBe(0);
  });

  it("跨街道通办: taken at X's station, transferred to Y's center, picked up at Y's station; every hop visible at both ends", async () => {
    const t = tiers();
    const caseId = await caseAtA(t, 2);
    await act(
      t.a.repo,
      caseId,
      "transfer",
      { toSiteId: Y, reason: "申请人现居西溪街道" },
      actors.helperA,
    );
    await t.a.sync.syncOnce();
    await t.xUp.sync.syncOnce();
    expect(await t.district.store.scopeOf(caseId)).toEqual([X, Y]);

    // Y learns of it from the district; its reviewer names Y's station C as the pick-up site.
    await t.yUp.sync.syncOnce();
    expect(await t.y.store.getProjection(caseId)).toMatchObject({ handlingSiteId: Y });
    await act(t.y.repo, caseId, "set_pickup_site", { siteId: C }, yStaff.reviewer);
    await t.yUp.sync.syncOnce();
    await t.c.sync.syncOnce();
    expect(await t.c.store.getProjection(caseId)).toMatchObject({
      originSiteId: SITES.stationA,
      handlingSiteId: Y,
      pickupSiteId: C,
    });

    // Back down the other side: X, then A, see Y's step.
    await t.xUp.sync.syncOnce();
    await t.a.sync.syncOnce();
    const atA = await t.a.repo.get(caseId);
    // Custody, every hop with who and where: intake at A, transfer to Y, pick-up at C.
    expect(atA?.state.handoffs.map((h) => [h.kind, h.fromSiteId, h.toSiteId, h.bySiteId])).toEqual([
      ["intake", null, SITES.stationA, SITES.stationA],
      ["transfer", SITES.stationA, Y, SITES.stationA],
      ["pickup", null, C, Y],
    ]);
    expect(atA?.state.pickupSiteId).toBe(C);
    expect(await t.district.store.getProjection(caseId)).toMatchObject({ pickupSiteId: C });
  });
});

describe("street → district: a street cannot forge another street's work (attacks)", () => {
  it("a change authored as another street's station is refused, nothing stored", async () => {
    const t = tiers();
    const caseId = await caseAtA(t, 3);
    await act(t.a.repo, caseId, "transfer", { toSiteId: Y, reason: "转西溪" }, actors.helperA);
    await t.a.sync.syncOnce();
    await t.xUp.sync.syncOnce();
    await t.yUp.sync.syncOnce();
    const bytes = await forgeOn(t.y, caseId, actorFor(SITES.stationA, 7), {
      type: "set_pickup_site",
      payload: { siteId: C } as never,
      who: yStaff.reviewer,
    });
    expect(await refusal(t.district, t.yUp.identity, caseId, bytes)).toEqual({
      kind: "FORGED_ACTOR",
      stored: false,
    });
  });

  it("an event claiming another street's staff is refused, even on a case in the street's scope", async () => {
    const t = tiers();
    const caseId = await caseAtA(t, 4);
    await act(t.a.repo, caseId, "transfer", { toSiteId: Y, reason: "转西溪" }, actors.helperA);
    await t.a.sync.syncOnce();
    await t.xUp.sync.syncOnce();
    await t.yUp.sync.syncOnce();
    const bytes = await forgeOn(t.y, caseId, actorFor(Y), {
      type: "set_pickup_site",
      payload: { siteId: SITES.stationB } as never,
      who: actors.reviewer, // X's reviewer
    });
    expect(await refusal(t.district, t.yUp.identity, caseId, bytes)).toEqual({
      kind: "FORGED_ACTOR",
      stored: false,
    });
  });

  it("a case outside the street's scope cannot be touched, even with its bytes in hand", async () => {
    const t = tiers();
    const caseId = await caseAtA(t, 5);
    const bytes = await forgeOn(t.x, caseId, actorFor(Y), {
      type: "set_pickup_site",
      payload: { siteId: C } as never,
      who: yStaff.reviewer,
    });
    expect(await refusal(t.district, t.yUp.identity, caseId, bytes)).toEqual({
      kind: "NOT_IN_SCOPE",
      stored: false,
    });
  });

  it("a new case in another street's namespace is refused", async () => {
    const t = tiers();
    const init = newCase(906); // intake at station A, number 330106001001-…
    const { change } = createCaseDoc(init, actorFor(Y));
    expect(await refusal(t.district, t.yUp.identity, init.caseId, change)).toEqual({
      kind: "NOT_IN_SCOPE",
      stored: false,
    });
  });

  it("a catalog version the district never issued is refused (the district owns the 事项清单)", async () => {
    const t = tiers();
    const kit = new JournalKit();
    const intake = kit.intake({ ...ELDERLY, promisedDays: 3 }, yStaff.helperC);
    const init = {
      ...newCase(907),
      caseNumber: `${C}-20261102-0907`,
      intake,
    };
    const { change } = createCaseDoc(init, actorFor(C));
    expect(await refusal(t.district, t.yUp.identity, init.caseId, change)).toEqual({
      kind: "INVALID_CASE",
      stored: false,
    });
    // The same case under the issued version is the street's own and is taken.
    const good = { ...init, intake: new JournalKit().intake(ELDERLY, yStaff.helperC) };
    const ok = createCaseDoc(good, actorFor(C));
    expect(await refusal(t.district, t.yUp.identity, good.caseId, ok.change)).toEqual({
      kind: "accepted",
      stored: true,
    });
  });
});

describe("sync.pushDirectory: a street reports its own staff and stations only (attacks)", () => {
  const at = "2026-11-23T02:00:00.000Z";
  const own = [
    { id: "u-reviewer-y", name: "审查员", role: "reviewer" as const, siteId: Y, active: true },
    { id: "u-helper-c", name: "帮办员", role: "helper" as const, siteId: C, active: true },
  ];
  const station = { siteId: C, lastSeenAt: at, lastPushAt: at, lastPullAt: null };
  const push = (t: ReturnType<typeof tiers>, body: object, who = t.yUp.identity) =>
    t.district.handler
      .pushDirectory(who, { protocol: 2, at, staff: own, stations: [station], ...body })
      .then(
        (r) => ({ kind: "accepted", r }),
        (e: unknown) => {
          if (!(e instanceof SyncError)) throw e;
          return { kind: e.data.kind, r: null };
        },
      );

  it("stores the street's staff and its stations' freshness", async () => {
    const t = tiers();
    expect(await push(t, {})).toEqual({ kind: "accepted", r: { staff: 2, stations: 1 } });
    expect(t.district.directory.staff.get("u-helper-c")).toMatchObject({ streetId: Y, siteId: C });
    expect(t.district.directory.stations.get(C)).toMatchObject({ streetId: Y, lastPushAt: at });
  });

  it("refuses a person placed at another street's site, a district role, or a role foreign to the site", async () => {
    const t = tiers();
    const bad = [
      { ...own[1], siteId: SITES.stationA },
      { ...own[0], role: "district_admin" },
      { ...own[1], role: "approver" },
    ];
    for (const u of bad) {
      expect((await push(t, { staff: [u] })).kind).toBe("FORGED_ACTOR");
    }
    expect(t.district.directory.staff.size).toBe(0);
  });

  it("refuses a user id another street already reported", async () => {
    const t = tiers();
    await push(t, { staff: [{ ...own[0], id: "u-reviewer", siteId: X }] }, t.xUp.identity).then(
      (r) => expect(r.kind).toBe("FORGED_ACTOR"),
    );
    const xStaff = [
      { id: "u-reviewer", name: "审查员", role: "reviewer" as const, siteId: X, active: true },
    ];
    expect((await push(t, { staff: xStaff, stations: [] }, t.xUp.identity)).kind).toBe("accepted");
    expect((await push(t, { staff: [{ ...xStaff[0], siteId: Y }] })).kind).toBe("ACTOR_ID_TAKEN");
    expect(t.district.directory.staff.get("u-reviewer")).toMatchObject({ streetId: X });
  });

  it("refuses another street's station in the freshness report, and a station that is no street", async () => {
    const t = tiers();
    expect((await push(t, { stations: [{ ...station, siteId: SITES.stationA }] })).kind).toBe(
      "FORGED_ACTOR",
    );
    expect((await push(t, {}, t.a.identity)).kind).toBe("NOT_IN_SCOPE");
    // A station sending one to its street hub (no district) gets the same typed refusal.
    const atStreet = await t.x.handler.pushDirectory(t.a.identity, {}).catch((e: unknown) => e);
    expect(atStreet instanceof SyncError && atStreet.data.kind).toBe("NOT_IN_SCOPE");
    expect(t.district.directory.stations.size).toBe(0);
  });
});

describe("complaints go up from a street to its district", () => {
  const complainant = { name: "李四", phone: "13912345678" };

  it("a complaint registered at a station reaches the district through its street", async () => {
    const t = tiers();
    const id = "01KDISTCOMPLAINT0000000001";
    await t.a.complaints.register(id, new ComplaintJournal(id).register(), complainant);
    await t.a.sync.syncOnce();
    await t.xUp.sync.syncOnce();
    expect((await t.district.complaints.get(id))?.state.siteId).toBe(SITES.stationA);
    expect(t.xUp.sync.status().refusedComplaints).toEqual([]);
  });

  it("a street cannot push a complaint registered at another street's station (attack)", async () => {
    const t = tiers();
    const id = "01KDISTCOMPLAINT0000000002";
    // Street Y writes into its own book a complaint claiming registration at X's station A.
    await t.y.complaints.register(
      id,
      new ComplaintJournal(id).register(complaintAboutHelperA, actors.helperA),
      complainant,
    );
    await t.yUp.sync.syncOnce();
    expect(await t.district.complaints.get(id)).toBeNull();
    // Its registration names X's helper at X's station: not a person the street speaks for.
    expect(t.yUp.sync.status().refusedComplaints.map((r) => [r.caseId, r.kind])).toEqual([
      [id, "FORGED_ACTOR"],
    ]);
  });
});

describe("complaints about another street's sites come down to that street", () => {
  const complainant = { name: "李四", phone: "13912345678" };
  /** Registered at X's station A about Y's station C. */
  const aboutC = { ...complaintAboutHelperA, target: { siteId: C } };

  /** A complaint registered at A (about `payload`'s target), synced A → X → district. */
  async function registeredAtA(
    t: ReturnType<typeof tiers>,
    id: string,
    payload: RegisterPayload = aboutC,
  ) {
    const j = new ComplaintJournal(id);
    await t.a.complaints.register(id, j.register(payload, actors.helperA), complainant);
    await t.a.sync.syncOnce();
    await t.xUp.sync.syncOnce();
    return j;
  }

  /** Street `who`'s own copy of a complaint, as a document it may edit (its own actor). */
  async function copyAt(street: Hub, id: string) {
    const held = await street.complaints.get(id);
    return A.load<never>(held?.doc as Uint8Array, {
      actor: actorFor(street.center),
    }) as unknown as ComplaintDoc;
  }

  const pushAs = (
    t: ReturnType<typeof tiers>,
    who: StationIdentity,
    id: string,
    doc: ComplaintDoc,
  ) =>
    t.district.handler
      .pushComplaints(who, {
        protocol: 2,
        complaints: [{ id, doc: toBase64(saveComplaintDoc(doc)), complainant: null }],
      })
      .then(
        () => "accepted",
        (e: unknown) => (e instanceof SyncError ? e.data.kind : Promise.reject(e)),
      );

  it("a street does not receive complaints that concern only another street (attack)", async () => {
    const t = tiers();
    const id = "01KDISTCOMPLAINT0000000010";
    await registeredAtA(t, id, complaintAboutHelperA);
    const page = await t.district.handler.pullComplaints(t.yUp.identity, { protocol: 2, after: 0 });
    expect(page.complaints.map((c) => c.id)).toEqual([]);
    await t.yUp.sync.syncOnce();
    expect(await t.y.complaints.get(id)).toBeNull();
  });

  it("registered at X's station about Y's station: it reaches Y and that station, without the complainant", async () => {
    const t = tiers();
    const id = "01KDISTCOMPLAINT0000000011";
    await registeredAtA(t, id);
    // The test link sends the complainant up (the real street's transport strips it): even so
    // the district sends it only to the registering site, never to the street complained about.
    expect((await t.district.complaints.get(id))?.complainant).toEqual(complainant);
    await t.yUp.sync.syncOnce();
    const atY = await t.y.complaints.get(id);
    expect(atY?.state.register).toMatchObject({ target: { siteId: C }, anonymous: false });
    expect(atY?.complainant).toBeNull();
    await t.c.sync.syncOnce();
    expect((await t.c.complaints.get(id))?.complainant).toBeNull();
    expect(JSON.stringify(await t.c.complaints.get(id))).not.toContain("李四");
    // Y's copy goes back up as a no-op: nothing refused, nothing saved again at the district.
    const seq = (await t.district.complaints.get(id))?.seq;
    await t.yUp.sync.syncOnce();
    expect(t.yUp.sync.status().refusedComplaints).toEqual([]);
    expect((await t.district.complaints.get(id))?.seq).toBe(seq);
  });

  it("X's center, which registered it and keeps the complainant, answers it; the answer reaches Y and its station C", async () => {
    const t = tiers();
    const id = "01KDISTCOMPLAINT0000000012";
    const j = await registeredAtA(t, id);
    await t.yUp.sync.syncOnce();
    // Y's own handler has no step to take: its machine refuses it before anything is sent.
    const byY = j.add({ type: "accept", payload: {} }, yStaff.reviewer);
    await expect(t.y.complaints.record(id, byY)).rejects.toMatchObject({ field: "actor" });
    j.events.pop();
    await t.x.complaints.record(id, j.add({ type: "accept", payload: {} }, actors.reviewer));
    await t.xUp.sync.syncOnce();
    await t.yUp.sync.syncOnce();
    await t.c.sync.syncOnce();
    await t.a.sync.syncOnce();
    for (const node of [t.district, t.y, t.c, t.a]) {
      expect((await node.complaints.get(id))?.state.stage).toBe("accepted");
    }
    expect((await t.a.complaints.get(id))?.complainant).toEqual(complainant);
    expect(t.yUp.sync.status().refusedComplaints).toEqual([]);
  });

  it("Y cannot rewrite X's complaint, forge X's people on it, answer it, or flip its anonymous flag (attack)", async () => {
    const t = tiers();
    const id = "01KDISTCOMPLAINT0000000013";
    const j = await registeredAtA(t, id);
    await t.yUp.sync.syncOnce();
    const before = await t.district.complaints.get(id);
    const mine = await copyAt(t.y, id);
    const reg = JSON.parse(String(mine.journal[0]));
    const softened = A.change(A.clone(mine), (d) => {
      d.journal[0] = new A.ImmutableString(
        JSON.stringify({ ...reg, payload: { ...reg.payload, content: "无事" } }),
      );
    });
    expect(await pushAs(t, t.yUp.identity, id, softened)).toBe("HISTORY_REWRITTEN");
    const flipped = A.change(A.clone(mine), (d) => {
      d.journal[0] = new A.ImmutableString(
        JSON.stringify({ ...reg, payload: { ...reg.payload, anonymous: true } }),
      );
    });
    expect(await pushAs(t, t.yUp.identity, id, flipped)).toBe("HISTORY_REWRITTEN");
    const asX = appendComplaintEvent(
      A.clone(mine),
      j.add({ type: "accept", payload: {} }, actors.reviewer),
    );
    expect(await pushAs(t, t.yUp.identity, id, asX)).toBe("FORGED_ACTOR");
    // Nor answer it with its own handler, past its own machine: not the registering street's.
    const asY = appendComplaintEvent(
      A.clone(mine),
      j.add({ type: "accept", payload: {} }, yStaff.reviewer),
    );
    expect(await pushAs(t, t.yUp.identity, id, asY)).toBe("FORBIDDEN_EVENT");
    const held = await t.district.complaints.get(id);
    expect(held?.seq).toBe(before?.seq);
    expect(held?.state.register).toMatchObject({ content: aboutC.content, anonymous: false });
    expect(held?.state.stage).toBe("registered");
  });

  it("a street cannot flip the anonymous flag of its own complaint the district holds (attack)", async () => {
    const t = tiers();
    const id = "01KDISTCOMPLAINT0000000014";
    await registeredAtA(t, id, complaintAboutHelperA);
    const mine = await copyAt(t.x, id);
    const reg = JSON.parse(String(mine.journal[0]));
    const flipped = A.change(mine, (d) => {
      d.journal[0] = new A.ImmutableString(
        JSON.stringify({ ...reg, payload: { ...reg.payload, anonymous: true } }),
      );
    });
    expect(await pushAs(t, t.xUp.identity, id, flipped)).toBe("HISTORY_REWRITTEN");
    expect((await t.district.complaints.get(id))?.state.register).toMatchObject({
      anonymous: false,
    });
  });
});

describe("street-local 事项: defined by the street where the district allows, judged at the district", () => {
  const at = "2026-11-23T02:00:00.000Z";
  const seed = seedCatalog.items.find((i) => i.code === "MZ-GF-001");
  if (!seed) throw new Error("seed catalog lacks MZ-GF-001");
  /** A local item of `street` (or any code), as the street's 事项管理 saves it. */
  const localItem = (code: string, over: Partial<ServiceItem> = {}): ServiceItem => ({
    ...seed,
    code,
    name: "辖区困难老人助餐补贴",
    ...over,
  });
  const xItem = localItem(`${X}-MZ-GF-901`);
  const report = (t: ReturnType<typeof tiers>, who: StationIdentity, items: unknown[]) =>
    t.district.handler.pushDirectory(who, { protocol: 2, at, staff: [], stations: [], items }).then(
      () => "accepted",
      (e: unknown) => {
        if (!(e instanceof SyncError)) throw e;
        return e.data.kind;
      },
    );
  /** A new case taken at `site` under `item`, numbered in `site`'s namespace. */
  const caseUnder = (n: number, item: ServiceItem, who: Actor) => ({
    ...newCase(n),
    caseNumber: `${who.siteId}-20261102-${String(n).padStart(4, "0")}`,
    intake: new JournalKit().intake(toItemSnapshot(item), who),
  });

  it("an allowed street's local item versions reach the district, and cases under them are taken", async () => {
    const t = tiers();
    t.district.directory.allowed.add(X);
    const v2 = { ...xItem, version: 2, effectiveFrom: "2026-12-01" };
    expect(await report(t, t.xUp.identity, [xItem, v2])).toBe("accepted");
    expect([...t.district.directory.items.keys()]).toEqual([`${xItem.code}@1`, `${xItem.code}@2`]);
    // Sent again whole (the street always sends every version): nothing new, accepted.
    expect(await report(t, t.xUp.identity, [xItem, v2])).toBe("accepted");
    expect(t.district.directory.items.size).toBe(2);
    const init = caseUnder(910, xItem, actors.helperA);
    const { change } = createCaseDoc(init, actorFor(SITES.stationA));
    expect(await refusal(t.district, t.xUp.identity, init.caseId, change)).toEqual({
      kind: "accepted",
      stored: true,
    });
  });

  it("a street defining an item in another street's namespace or the district's is refused, nothing stored (attack)", async () => {
    const t = tiers();
    t.district.directory.allowed.add(X);
    t.district.directory.allowed.add(Y);
    expect(await report(t, t.yUp.identity, [xItem])).toBe("NOT_IN_SCOPE");
    // A district code: shadowing the district's own 清单, a new version or a new code.
    expect(await report(t, t.yUp.identity, [{ ...seed, version: 9 }])).toBe("NOT_IN_SCOPE");
    expect(await report(t, t.yUp.identity, [localItem("MZ-GF-901")])).toBe("NOT_IN_SCOPE");
    expect(t.district.directory.items.size).toBe(0);
  });

  it("a street defining local items when the district does not allow it is refused (attack)", async () => {
    const t = tiers();
    expect(await report(t, t.xUp.identity, [xItem])).toBe("NOT_IN_SCOPE");
    expect(t.district.directory.items.size).toBe(0);
    // Once allowed, the same report is taken; allowed again later, what is held stays valid.
    t.district.directory.allowed.add(X);
    expect(await report(t, t.xUp.identity, [xItem])).toBe("accepted");
    t.district.directory.allowed.delete(X);
    expect(await report(t, t.xUp.identity, [xItem])).toBe("accepted");
    expect(
      await report(t, t.xUp.identity, [
        xItem,
        { ...xItem, version: 2, effectiveFrom: "2026-12-01" },
      ]),
    ).toBe("NOT_IN_SCOPE");
    expect(t.district.directory.items.size).toBe(1);
  });

  it("a local item version cannot be rewritten once the district holds it, nor be malformed (attack)", async () => {
    const t = tiers();
    t.district.directory.allowed.add(X);
    expect(await report(t, t.xUp.identity, [xItem])).toBe("accepted");
    const rewritten = { ...xItem, guide: { ...xItem.guide, promisedDays: 1 } };
    expect(await report(t, t.xUp.identity, [rewritten])).toBe("HISTORY_REWRITTEN");
    expect(await report(t, t.xUp.identity, [{ ...xItem, version: 2, guide: null }])).toBe(
      "MALFORMED_BATCH",
    );
    expect(t.district.directory.items.get(`${xItem.code}@1`)).toEqual(xItem);
    expect(t.district.directory.items.size).toBe(1);
  });

  it("a case at the district under another street's local item is refused (attack)", async () => {
    const t = tiers();
    t.district.directory.allowed.add(X);
    expect(await report(t, t.xUp.identity, [xItem])).toBe("accepted");
    // Street Y's station C takes a case under X's local item: the version is real, but not Y's.
    const init = caseUnder(911, xItem, yStaff.helperC);
    const { change } = createCaseDoc(init, actorFor(C));
    expect(await refusal(t.district, t.yUp.identity, init.caseId, change)).toEqual({
      kind: "INVALID_CASE",
      stored: false,
    });
  });

  it("跨街道通办 of a case under a local item: the receiving street judges its stations' steps without the item", async () => {
    const t = tiers();
    t.district.directory.allowed.add(X);
    t.x.authority.items.push(toItemSnapshot(xItem));
    expect(await report(t, t.xUp.identity, [xItem])).toBe("accepted");
    const init = caseUnder(912, xItem, actors.helperA);
    await t.a.repo.create(init);
    await t.a.sync.syncOnce();
    await act(t.a.repo, init.caseId, "transfer", { toSiteId: Y, reason: "转西溪" }, actors.helperA);
    await t.a.sync.syncOnce();
    await t.xUp.sync.syncOnce();
    expect(t.xUp.sync.status().quarantined).toEqual([]);
    // Y holds no version of X's item; it sees the case, with the item's name, and works on it.
    await t.yUp.sync.syncOnce();
    expect(t.y.authority.items.some((i) => i.code === xItem.code)).toBe(false);
    expect((await t.y.repo.get(init.caseId))?.state.item.name).toBe("辖区困难老人助餐补贴");
    await act(t.y.repo, init.caseId, "set_pickup_site", { siteId: C }, yStaff.reviewer);
    await t.yUp.sync.syncOnce();
    expect(await t.district.store.getProjection(init.caseId)).toMatchObject({ pickupSiteId: C });
    await t.c.sync.syncOnce();
    expect((await t.c.repo.get(init.caseId))?.state.pickupSiteId).toBe(C);
  });
});
