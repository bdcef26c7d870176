import * as A from "@automerge/automerge";
import type { ComplaintEvent } from "@bangban/domain";
import { actors, ComplaintJournal, complaintAboutHelperA, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { toBase64 } from "../protocol/messages";
import { PROTOCOL_VERSION } from "../protocol/version";
import { actorFor, makeHub, makeStation } from "../sync-kit";
import { refusalOf } from "../testing";
import {
  appendComplaintEvent,
  type ComplaintDoc,
  createComplaintDoc,
  saveComplaintDoc,
} from "./complaint-doc";

const ID = "01JCOMPLAINT0000000000001A";
const complainant = { name: "李四", phone: "13912345678" };

function setup() {
  const hub = makeHub(SITES.center);
  const a = makeStation(hub, SITES.stationA);
  const b = makeStation(hub, SITES.stationB);
  return { hub, a, b };
}

/** A station's push of whole documents, as its sync loop would send it. */
function push(
  hub: ReturnType<typeof makeHub>,
  site: string,
  docs: { id?: string; doc: ComplaintDoc; complainant?: typeof complainant | null }[],
) {
  return hub.handler.pushComplaints(
    { siteId: site, actorIds: [actorFor(site)] },
    {
      protocol: PROTOCOL_VERSION,
      complaints: docs.map((d) => ({
        id: d.id ?? ID,
        doc: toBase64(saveComplaintDoc(d.doc)),
        complainant: d.complainant === undefined ? complainant : d.complainant,
      })),
    },
  );
}

const refused = refusalOf;

const journal = () => new ComplaintJournal(ID);
const registeredDoc = (register: ComplaintEvent, site = SITES.stationA) =>
  createComplaintDoc(ID, register, actorFor(site));

describe("complaints sync whole, and the hub judges them like cases", () => {
  it("投诉同步: a complaint registered at a station reaches the hub with its complainant; the center's answer comes back", async () => {
    const { hub, a, b } = setup();
    const j = journal();
    await a.complaints.register(ID, j.register(), complainant);
    await a.sync.syncOnce();
    const atHub = await hub.complaints.get(ID);
    expect(atHub?.complainant).toEqual(complainant);
    expect(atHub?.state.siteId).toBe(SITES.stationA);

    await hub.complaints.record(ID, j.add({ type: "accept", payload: {} }, actors.reviewer));
    await a.sync.syncOnce();
    await b.sync.syncOnce();
    expect((await a.complaints.get(ID))?.state.stage).toBe("accepted");
    // Station B is neither the registering site nor the target: it never sees it.
    expect(await b.complaints.get(ID)).toBeNull();
  });

  it("投诉同步: a station complained about gets the complaint without the complainant", async () => {
    const { hub, b } = setup();
    const j = journal();
    const aboutB = { ...complaintAboutHelperA, target: { siteId: SITES.stationB } };
    await hub.complaints.register(ID, j.register(aboutB, actors.lead), complainant);
    await b.sync.syncOnce();
    const atB = await b.complaints.get(ID);
    expect(atB?.state.register).toEqual({ ...aboutB, anonymous: false });
    expect(atB?.complainant).toBeNull();
    expect(JSON.stringify(atB?.state)).not.toContain("李四");
  });

  it("投诉同步: a push the hub already holds is absorbed, and is not sent back", async () => {
    const { hub, a } = setup();
    await a.complaints.register(ID, journal().register(), complainant);
    await a.sync.syncOnce();
    const seq = (await hub.complaints.get(ID))?.seq;
    await a.sync.syncOnce();
    expect((await hub.complaints.get(ID))?.seq).toBe(seq);
  });
});

describe("attacks on the complaint calls", () => {
  it("投诉同步攻击: a complaint authored in another station's user's name is refused (FORGED_ACTOR), nothing stored", async () => {
    const { hub } = setup();
    const doc = registeredDoc(journal().register(complaintAboutHelperA, actors.helperB));
    const e = await refused(push(hub, SITES.stationA, [{ doc }]));
    expect(e.data.kind).toBe("FORGED_ACTOR");
    expect(await hub.complaints.get(ID)).toBeNull();
  });

  it("投诉同步攻击: a user's role or site kind claimed falsely is refused", async () => {
    const { hub } = setup();
    const asLead = { ...actors.helperA, role: "station_lead" as const };
    const e = await refused(
      push(hub, SITES.stationA, [
        { doc: registeredDoc(journal().register(complaintAboutHelperA, asLead)) },
      ]),
    );
    expect(e.data.kind).toBe("FORGED_ACTOR");
  });

  it("投诉同步攻击: a station cannot push another station's complaint", async () => {
    const { hub, a } = setup();
    const j = journal();
    await a.complaints.register(ID, j.register(), complainant);
    await a.sync.syncOnce();
    // Station B got hold of A's document and pushes it back with nothing new.
    const held = await hub.complaints.get(ID);
    const doc = A.load<never>(held?.doc as Uint8Array) as unknown as ComplaintDoc;
    const e = await refused(push(hub, SITES.stationB, [{ doc, complainant: null }]));
    expect(e.data.kind).toBe("NOT_IN_SCOPE");
    // Nor register a new one in A's name from B's credential.
    const other = new ComplaintJournal("01JCOMPLAINT0000000000002B");
    const forged = createComplaintDoc(
      other.complaintId,
      other.register(),
      actorFor(SITES.stationB),
    );
    const f = await refused(push(hub, SITES.stationB, [{ id: other.complaintId, doc: forged }]));
    expect(f.data.kind).toBe("FORGED_ACTOR");
  });

  it("投诉同步攻击: rewriting a complaint's history (its registration replaced) is refused", async () => {
    const { hub, a } = setup();
    const j = journal();
    const reg = j.register();
    await a.complaints.register(ID, reg, complainant);
    await a.sync.syncOnce();
    const held = await hub.complaints.get(ID);
    const mine = A.load<never>(held?.doc as Uint8Array, { actor: actorFor(SITES.stationA) });
    const softened = A.change(mine as unknown as ComplaintDoc, (d) => {
      d.journal.splice(0, 1);
      d.journal.push(
        new A.ImmutableString(
          JSON.stringify({ ...reg, payload: { ...complaintAboutHelperA, content: "无事" } }),
        ),
      );
    });
    const e = await refused(push(hub, SITES.stationA, [{ doc: softened }]));
    expect(e.data.kind).toBe("HISTORY_REWRITTEN");
    expect((await hub.complaints.get(ID))?.seq).toBe(held?.seq);
  });

  it("投诉同步攻击: a station closing a complaint (even its lead) is refused by the complaint machine", async () => {
    const { hub, a } = setup();
    const j = journal();
    await a.complaints.register(ID, j.register(), complainant);
    await a.sync.syncOnce();
    const held = await hub.complaints.get(ID);
    let doc = A.load<never>(held?.doc as Uint8Array, {
      actor: actorFor(SITES.stationA),
    }) as unknown as ComplaintDoc;
    doc = appendComplaintEvent(doc, j.add({ type: "accept", payload: {} }, actors.leadA));
    doc = appendComplaintEvent(
      doc,
      j.add({ type: "decline", payload: { reason: "unverifiable" } }, actors.leadA),
    );
    const e = await refused(push(hub, SITES.stationA, [{ doc }]));
    expect(e.data.kind).toBe("FORBIDDEN_EVENT");
    expect(e.data.zh).toContain("街道中心");
    expect((await hub.complaints.get(ID))?.state.stage).toBe("registered");
  });

  it("投诉同步攻击: the complainant, fixed at registration, cannot be replaced", async () => {
    const { hub, a } = setup();
    await a.complaints.register(ID, journal().register(), complainant);
    await a.sync.syncOnce();
    const held = await hub.complaints.get(ID);
    const doc = A.load<never>(held?.doc as Uint8Array) as unknown as ComplaintDoc;
    const e = await refused(
      push(hub, SITES.stationA, [{ doc, complainant: { name: "王五", phone: "13800001111" } }]),
    );
    expect(e.data.kind).toBe("HISTORY_REWRITTEN");
    expect((await hub.complaints.get(ID))?.complainant).toEqual(complainant);
  });

  it("投诉同步攻击: an event the schema refuses (a time without a zone) is a malformed push, not a crash", async () => {
    const { hub } = setup();
    const reg = { ...journal().register(), at: "yesterday, around noon" };
    const e = await refused(push(hub, SITES.stationA, [{ doc: registeredDoc(reg) }]));
    expect(e.data.kind).toBe("MALFORMED_BATCH");
    expect(await hub.complaints.get(ID)).toBeNull();
  });

  it("投诉同步攻击: one refused complaint in a push stores none of the push", async () => {
    const { hub } = setup();
    const good = registeredDoc(journal().register());
    const other = new ComplaintJournal("01JCOMPLAINT0000000000003C");
    const bad = createComplaintDoc(
      other.complaintId,
      other.register(complaintAboutHelperA, actors.helperB),
      actorFor(SITES.stationA),
    );
    await refused(push(hub, SITES.stationA, [{ doc: good }, { id: other.complaintId, doc: bad }]));
    expect(await hub.complaints.get(ID)).toBeNull();
  });

  it("投诉同步: a complaint the hub refuses is set aside by the station's loop; the others still go", async () => {
    const { hub, a } = setup();
    // A complaint recorded in the name of a user the hub has since deactivated.
    const gone = { ...actors.helperA, userId: "u-gone" };
    hub.authority.staffById.set("u-gone", {
      role: "helper",
      siteId: SITES.stationA,
      active: false,
    });
    const bad = new ComplaintJournal("01JCOMPLAINT0000000000004D");
    await a.complaints.register(bad.complaintId, bad.register(complaintAboutHelperA, gone), null);
    await a.complaints.register(ID, journal().register(), complainant);
    await a.sync.syncOnce();
    expect(a.sync.status().refusedComplaints.map((q) => [q.caseId, q.kind])).toEqual([
      [bad.complaintId, "FORGED_ACTOR"],
    ]);
    expect(await hub.complaints.get(ID)).not.toBeNull();
    expect(await hub.complaints.get(bad.complaintId)).toBeNull();
  });
});

describe("the anonymous flag: fixed at registration by the registering node", () => {
  /** The register event as the pushing node's document holds it (raw JSON, not re-parsed). */
  const rawRegister = (doc: ComplaintDoc) =>
    JSON.parse(String(doc.journal[0])) as ComplaintEvent & { payload: { anonymous?: boolean } };
  const heldDoc = async (hub: ReturnType<typeof makeHub>, actor: string) =>
    A.load<never>((await hub.complaints.get(ID))?.doc as Uint8Array, {
      actor,
    }) as unknown as ComplaintDoc;

  it("匿名标记: registered with a complainant it reads false, without one true, at the hub too", async () => {
    const { hub, a } = setup();
    await a.complaints.register(ID, journal().register(), complainant);
    const other = new ComplaintJournal("01JCOMPLAINT0000000000002B");
    await a.complaints.register(other.complaintId, other.register(), null);
    await a.sync.syncOnce();
    expect((await hub.complaints.get(ID))?.state.register).toMatchObject({ anonymous: false });
    expect((await hub.complaints.get(other.complaintId))?.state.register).toMatchObject({
      anonymous: true,
    });
    expect(rawRegister(await heldDoc(hub, actorFor(SITES.center))).payload.anonymous).toBe(false);
  });

  it("匿名标记攻击: a station flipping the flag of a complaint the hub holds is refused, nothing stored", async () => {
    const { hub, a } = setup();
    await a.complaints.register(ID, journal().register(), complainant);
    await a.sync.syncOnce();
    const held = await hub.complaints.get(ID);
    const mine = await heldDoc(hub, actorFor(SITES.stationA));
    const reg = rawRegister(mine);
    const flipped = A.change(mine, (d) => {
      d.journal[0] = new A.ImmutableString(
        JSON.stringify({ ...reg, payload: { ...reg.payload, anonymous: true } }),
      );
    });
    const e = await refused(push(hub, SITES.stationA, [{ doc: flipped }]));
    expect(e.data.kind).toBe("HISTORY_REWRITTEN");
    expect((await hub.complaints.get(ID))?.seq).toBe(held?.seq);
    expect((await hub.complaints.get(ID))?.state.register).toMatchObject({ anonymous: false });
  });

  it("匿名标记攻击: a second registration carrying the other flag is refused", async () => {
    const { hub, a } = setup();
    const j = journal();
    await a.complaints.register(ID, j.register(), complainant);
    await a.sync.syncOnce();
    const mine = await heldDoc(hub, actorFor(SITES.stationA));
    const reg = rawRegister(mine);
    const again = A.change(mine, (d) => {
      d.journal.unshift(
        new A.ImmutableString(
          JSON.stringify({ ...reg, id: `${ID}-r2`, payload: { ...reg.payload, anonymous: true } }),
        ),
      );
    });
    const e = await refused(push(hub, SITES.stationA, [{ doc: again }]));
    expect(e.data.kind).toBe("FORBIDDEN_EVENT");
    expect((await hub.complaints.get(ID))?.state.register).toMatchObject({ anonymous: false });
  });

  it("匿名标记攻击: a new complaint whose flag contradicts the complainant sent with it is refused", async () => {
    const { hub } = setup();
    const anonymousWithName = registeredDoc({
      ...journal().register(),
      payload: { ...complaintAboutHelperA, anonymous: true },
    } as ComplaintEvent);
    const e = await refused(push(hub, SITES.stationA, [{ doc: anonymousWithName }]));
    expect(e.data.kind).toBe("INVALID_CASE");
    expect(e.data.zh).toContain("匿名");
    const namedWithout = registeredDoc({
      ...journal().register(),
      payload: { ...complaintAboutHelperA, anonymous: false },
    } as ComplaintEvent);
    const f = await refused(push(hub, SITES.stationA, [{ doc: namedWithout, complainant: null }]));
    expect(f.data.kind).toBe("INVALID_CASE");
    expect(await hub.complaints.get(ID)).toBeNull();
  });

  it("匿名标记: a document older than the flag is taken as it is (unknown), with or without a complainant", async () => {
    const { hub } = setup();
    await push(hub, SITES.stationA, [{ doc: registeredDoc(journal().register()) }]);
    const held = await hub.complaints.get(ID);
    expect(held?.complainant).toEqual(complainant);
    expect(held?.state.register).not.toHaveProperty("anonymous");
  });
});
