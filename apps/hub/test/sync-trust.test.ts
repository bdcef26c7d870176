import * as A from "@automerge/automerge";
import {
  type Actor,
  type CaseEvent,
  type CaseEventType,
  type ItemRules,
  type PayloadOf,
  recordEvent,
  seedCatalog,
  toItemSnapshot,
} from "@bangban/domain";
import {
  type CaseDoc,
  type CaseDocShape,
  createCaseDoc,
  edits,
  encodePushFrame,
  type NewCase,
  PROTOCOL_VERSION,
  type PushChange,
  readJournal,
} from "@bangban/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTER, count, type HubHarness, hubHarness, STATION_A, STATION_B } from "./harness";

/**
 * Attacks by one station holding its own real credential (issue #12), each as the push that
 * carried it: the hub answers with a typed refusal and stores nothing — no change, no
 * projection, no audit line — and the honest stations keep syncing.
 */

const ACTOR_A = "330106001001000011aa22bb33cc44dd";
const ACTOR_B = "330106001002000055ee66ff77008899";

const at = (site: string, userId: string, role: Actor["role"]): Actor => ({
  userId,
  role,
  siteId: site,
  siteKind: site.length === 12 ? "station" : "center",
});
/** The demo seed's staff, as the hub's users table holds them. */
const zhangli = at(STATION_A, "u-zhangli", "helper");
const wangqiang = at(STATION_A, "u-wangqiang", "station_lead");
const chenjing = at(CENTER, "u-chenjing", "reviewer");
const zhaolei = at(CENTER, "u-zhaolei", "approver");
const sunhua = at(CENTER, "u-sunhua", "center_lead");
const resident = at(STATION_A, "resident", "resident");

const seedItem = (code: string): ItemRules =>
  toItemSnapshot(seedCatalog.items.find((i) => i.code === code) as (typeof seedCatalog.items)[0]);
const ELDERLY = seedItem("MZ-GF-001");
const RESIDENCE = seedItem("SQ-GG-001");

let h: HubHarness;
const credentials: Record<string, string> = {};
let n = 0;
let clock = Date.parse("2026-11-02T01:00:00.000Z");

async function enrol(site: string, actorIds: string[]) {
  const lead = await h.as("sunhua");
  const made = await lead.mutate<{ code: string }>("admin.enrolment.createCode", { siteId: site });
  return h.client().mutate<{ credential: string }>("sync.enrol", {
    protocol: PROTOCOL_VERSION,
    code: made.data?.code,
    actorIds,
  });
}

beforeAll(async () => {
  h = await hubHarness();
  credentials[STATION_A] = (await enrol(STATION_A, [ACTOR_A])).data?.credential as string;
  credentials[STATION_B] = (await enrol(STATION_B, [ACTOR_B])).data?.credential as string;
  expect(credentials[STATION_A]).toBeTruthy();
  expect(credentials[STATION_B]).toBeTruthy();
});
afterAll(() => h.close());

/** A case document as a station builds it, one Automerge change per recorded event. */
class StationCase {
  readonly changes: Uint8Array[] = [];
  doc: CaseDoc;
  readonly caseId: string;

  constructor(
    readonly actor: string,
    opts: {
      site?: string;
      item?: ItemRules;
      number?: string;
      person?: Partial<NewCase["applicant"]>;
    } = {},
  ) {
    n += 1;
    const site = opts.site ?? STATION_A;
    this.caseId = `01KTRUST${String(n).padStart(18, "0")}`;
    const intake = this.event(
      [],
      "intake",
      {
        item: opts.item ?? ELDERLY,
        mode: "assist",
        residentPresent: true,
        powerOfAttorney: false,
        originSiteId: site,
        materials: (opts.item ?? ELDERLY).materials
          .filter((m) => m.requirement !== "conditional")
          .map((m) => ({ code: m.code, state: "provided" as const })),
      },
      site === STATION_A ? zhangli : at(site, "u-liumei", "helper"),
    );
    const made = createCaseDoc(
      {
        caseId: this.caseId,
        caseNumber: opts.number ?? `${site}-20261102-${String(n).padStart(4, "0")}`,
        createdAt: intake.at,
        applicant: {
          name: "王秀英",
          idNumber: "11010519491231002X",
          phone: "13812345678",
          address: "宝石一弄 8 号",
          ...opts.person,
        },
        agent: null,
        intake,
      },
      actor,
    );
    this.doc = made.doc;
    this.changes.push(made.change);
  }

  private event<T extends CaseEventType>(
    journal: CaseEvent[],
    type: T,
    payload: PayloadOf<T>,
    actor: Actor,
  ): CaseEvent {
    clock += 60_000;
    return recordEvent(journal, type, payload, {
      id: `01KEVT${String(clock).padStart(20, "0")}`,
      at: new Date(clock).toISOString(),
      actor,
    });
  }

  /** Records an event on top of the document's journal (no machine check: an attacker's tool). */
  add<T extends CaseEventType>(type: T, payload: PayloadOf<T>, actor: Actor): this {
    const e = this.event(readJournal(this.doc), type, payload, actor);
    return this.change((d) => edits.appendEvent(d, e));
  }

  change(mutate: (d: CaseDocShape) => void): this {
    this.doc = A.change(this.doc, { time: 0 }, mutate);
    this.changes.push(A.getLastLocalChange(this.doc) as Uint8Array);
    return this;
  }

  /** Takes in what the hub holds of the case (its own and others' changes). */
  async merge(): Promise<this> {
    const saved = await h.services.repo.save(this.caseId);
    this.doc = A.merge(this.doc, A.load<CaseDocShape>(saved));
    return this;
  }

  /** The changes from the `from`-th on. */
  since(from: number): PushChange[] {
    return this.changes.slice(from).map((bytes) => ({ caseId: this.caseId, bytes }));
  }
}

interface Answer {
  status: number;
  code?: string;
  caseId?: string;
}

async function push(changes: PushChange[], site = STATION_A): Promise<Answer> {
  const res = await h.app.request("/trpc/sync.pushFrames", {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      authorization: `Bearer ${credentials[site]}`,
    },
    body: encodePushFrame({ protocol: PROTOCOL_VERSION, changes }),
  });
  const body = (await res.json()) as {
    error?: { data?: { bangban?: { code: string; caseId?: string; en?: string } } };
  };
  const e = body.error?.data?.bangban;
  if (process.env.DEBUG_TRUST) console.log(e);
  return { status: res.status, code: e?.code, caseId: e?.caseId };
}

/** What a refusal must leave as it was: the log, the projections and the audit log. */
async function held() {
  return {
    seq: await h.services.repo.store.lastSeq(),
    cases: await count(h.services, "case_projections"),
    audit: await count(h.services, "audit_log"),
  };
}

async function refused(changes: PushChange[], code: string, site = STATION_A) {
  const before = await held();
  const r = await push(changes, site);
  expect(r, `expected ${code}`).toMatchObject({ code });
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(await held()).toEqual(before);
  return r;
}

/** The center lead rejects a case at the hub (不予受理). */
function rejectAtHub(caseId: string, id: string, reason: string) {
  return h.services.repo.record(caseId, ({ journal }) =>
    recordEvent(
      journal,
      "reject_intake",
      { reason },
      { id, at: "2026-11-02T05:00:00.000Z", actor: sunhua },
    ),
  );
}

/** A case taken at A and pushed honestly, so the hub holds it. */
async function heldCase(item = ELDERLY): Promise<StationCase> {
  const c = new StationCase(ACTOR_A, { item });
  expect(await push(c.since(0))).toMatchObject({ status: 200 });
  return c;
}

describe("a station's push is judged against the hub's own tables", () => {
  it("伪造中心审批: a whole case decided at the station under the center's reviewer and approver is refused", async () => {
    const c = new StationCase(ACTOR_A)
      .add("accept", { deferred: [] }, zhangli)
      .add("forward", { toSiteId: CENTER }, zhangli)
      // The center's real staff, but claimed at the station's own site…
      .add("start_review", {}, { ...chenjing, siteId: STATION_A, siteKind: "station" })
      .add("approve", {}, { ...zhaolei, siteId: STATION_A, siteKind: "station" })
      .add("issue", {}, { ...zhaolei, siteId: STATION_A, siteKind: "station" })
      .add("rate", { level: 5, channel: "offline", stage: "completion" }, resident);
    const r = await refused(c.since(0), "FORGED_ACTOR");
    expect(r.caseId).toBe(c.caseId);
    expect(await h.services.repo.has(c.caseId)).toBe(false);
  });

  it("伪造中心站点: events claiming the center's site are refused", async () => {
    const c = new StationCase(ACTOR_A)
      .add("accept", { deferred: [] }, zhangli)
      .add("start_review", {}, chenjing);
    await refused(c.since(0), "FORGED_ACTOR");
  });

  it("冒用岗位: the station's own helper claiming the approver's role is refused", async () => {
    const c = new StationCase(ACTOR_A)
      .add("accept", { deferred: [] }, zhangli)
      .add("approve", {}, { ...zhangli, role: "approver" });
    await refused(c.since(0), "FORGED_ACTOR");
  });

  it("冒用站点类型: the station's real lead claiming a center site kind is refused", async () => {
    const c = new StationCase(ACTOR_A)
      .add("accept", { deferred: [] }, zhangli)
      .add("start_review", {}, { ...wangqiang, siteKind: "center" });
    await refused(c.since(0), "FORGED_ACTOR");
  });

  it("越权决定: the station's real lead approving a center-level item is refused by the machine", async () => {
    const c = new StationCase(ACTOR_A)
      .add("accept", { deferred: [] }, zhangli)
      .add("start_review", {}, wangqiang);
    await refused(c.since(0), "FORBIDDEN_EVENT");
  });

  it("a station-level item decided by the station's real lead is accepted", async () => {
    const c = new StationCase(ACTOR_A, { item: RESIDENCE })
      .add("accept", { deferred: [] }, zhangli)
      .add("approve", {}, wangqiang)
      .add("issue", {}, wangqiang)
      .add("complete", {}, wangqiang)
      .add("rate", { level: 5, channel: "offline", stage: "completion" }, resident);
    expect(await push(c.since(0))).toMatchObject({ status: 200 });
    expect((await h.services.repo.get(c.caseId))?.state.status).toBe("COMPLETED");
  });

  it("篡改事项快照: a center-level item made station-level with 0 days is refused", async () => {
    const doctored: ItemRules = { ...ELDERLY, approvalLevel: "STATION", promisedDays: 0 };
    const c = new StationCase(ACTOR_A, { item: doctored });
    await refused(c.since(0), "INVALID_CASE");
    const unknown = new StationCase(ACTOR_A, { item: { ...ELDERLY, version: 99 } });
    await refused(unknown.since(0), "INVALID_CASE");
  });

  it("非法证件号与标记姓名: an ID number 'not-an-id' and a name with markup are refused", async () => {
    await refused(
      new StationCase(ACTOR_A, { person: { idNumber: "not-an-id" } }).since(0),
      "INVALID_CASE",
    );
    await refused(
      new StationCase(ACTOR_A, { person: { name: "<img src=x onerror=alert(1)>" } }).since(0),
      "INVALID_CASE",
    );
    const c = await heldCase();
    const from = c.changes.length;
    c.change((d) => {
      d.applicant.idNumber = new A.ImmutableString("not-an-id");
    });
    await refused(c.since(from), "INVALID_CASE");
  });

  it("改写历史: a known event id re-recorded with reordered keys and another type is refused", async () => {
    const c = await heldCase();
    await rejectAtHub(c.caseId, "01KREJECT0000000000000001", "材料不齐");
    await c.merge();
    const from = c.changes.length;
    const journal = readJournal(c.doc);
    const i = journal.findIndex((e) => e.type === "reject_intake");
    const original = journal[i] as CaseEvent;
    // Same id, keys in another order, the rejection turned into an acceptance.
    const forged = JSON.stringify({
      type: "accept",
      payload: { deferred: [] },
      actor: original.actor,
      lamport: original.lamport,
      at: original.at,
      id: original.id,
    });
    c.change((d) => {
      d.journal[i] = new A.ImmutableString(forged);
    });
    await refused(c.since(from), "HISTORY_REWRITTEN");
    // The same, appended beside the original instead of over it.
    const again = await heldCase();
    await rejectAtHub(again.caseId, "01KREJECT0000000000000002", "材料不齐");
    await again.merge();
    const from2 = again.changes.length;
    const twin = {
      ...(readJournal(again.doc).at(-1) as CaseEvent),
      type: "note",
      payload: { text: "x" },
    };
    again.change((d) => {
      d.journal.push(new A.ImmutableString(JSON.stringify(twin)));
    });
    await refused(again.since(from2), "CONFLICTING_EVENT");
    expect((await h.services.repo.get(c.caseId))?.state.status).toBe("REJECTED_AT_INTAKE");
  });

  it("删除历史: an Automerge list delete removing the center's rejection is refused", async () => {
    const c = await heldCase();
    await rejectAtHub(c.caseId, "01KREJECT0000000000000003", "不符合条件");
    await c.merge();
    const from = c.changes.length;
    const i = readJournal(c.doc).findIndex((e) => e.type === "reject_intake");
    c.change((d) => {
      A.deleteAt(d.journal, i);
    });
    await refused(c.since(from), "HISTORY_REWRITTEN");
    const timeline = (await h.services.repo.get(c.caseId))?.record.journal.map((e) => e.type);
    expect(timeline).toEqual(["intake", "reject_intake"]);
  });

  it("改写受理号: rewriting a held case's number is refused", async () => {
    const c = await heldCase();
    const from = c.changes.length;
    c.change((d) => {
      d.caseNumber = new A.ImmutableString(`${STATION_A}-20261102-9999`);
    });
    await refused(c.since(from), "HISTORY_REWRITTEN");
  });

  it("抢占他站编号: a case numbered in station B's namespace is refused, and B's own push still lands", async () => {
    const squat = new StationCase(ACTOR_A, { number: `${STATION_B}-20261102-0777` });
    await refused(squat.since(0), "INVALID_CASE");
    const own = new StationCase(ACTOR_B, { site: STATION_B, number: `${STATION_B}-20261102-0777` });
    expect(await push(own.since(0), STATION_B)).toMatchObject({ status: 200 });
  });

  it("重复编号: a second case under a number the hub holds is a typed refusal, not a 500", async () => {
    const first = await heldCase();
    const number = (await h.services.repo.get(first.caseId))?.record.caseNumber as string;
    await refused(new StationCase(ACTOR_A, { number }).since(0), "INVALID_CASE");
    // Two new cases under one number in one batch.
    const x = new StationCase(ACTOR_A, { number: `${STATION_A}-20261103-0001` });
    const y = new StationCase(ACTOR_A, { number: `${STATION_A}-20261103-0001` });
    await refused([...x.since(0), ...y.since(0)], "INVALID_CASE");
  });

  it("系统操作: a station writing a system event on a case the center holds is refused", async () => {
    const c = new StationCase(ACTOR_A)
      .add("accept", { deferred: [{ code: "PHOTO", promisedBy: "2026-11-20" }] }, zhangli)
      .add("forward", { toSiteId: CENTER }, zhangli)
      .add("terminate", { reason: "容缺逾期" }, { ...resident, userId: "system", role: "system" });
    await refused(c.since(0), "FORBIDDEN_EVENT");
  });
});

describe("enrolment: actor ids belong to one node", () => {
  it("冒用标识: declaring the hub's or another station's actor id, or another site's prefix, is refused", async () => {
    for (const actorIds of [
      [ACTOR_B], // station B's
      [h.services.actorId], // the hub's own
      ["3301060010020000aaaaaaaaaaaaaaaa"], // station B's prefix
    ]) {
      const r = await enrol(STATION_A, actorIds);
      expect(r.error?.code).toBe("ACTOR_ID_TAKEN");
    }
    // A's own id again (the same installation re-enrolling) is fine.
    const again = await enrol(STATION_A, [ACTOR_A]);
    expect(again.data?.credential).toBeTruthy();
    credentials[STATION_A] = again.data?.credential as string;
  });
});
