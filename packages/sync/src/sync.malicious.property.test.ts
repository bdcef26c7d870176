import * as A from "@automerge/automerge";
import {
  type Actor,
  type CaseEventType,
  foldJournal,
  type ItemRules,
  type PayloadOf,
  recordEvent,
  seedCatalog,
  toItemSnapshot,
} from "@bangban/domain";
import { actors, SITES } from "@bangban/domain/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CaseDoc,
  type CaseDocShape,
  changeMeta,
  createCaseDoc,
  edits,
  readJournal,
} from "./case-doc";
import type { CaseRepo } from "./case-repo";
import { CASE_REFUSAL_KINDS, SyncError } from "./protocol/errors";
import type { PushChange } from "./protocol/frames";
import { PROTOCOL_VERSION } from "./protocol/version";
import { actorFor, type Hub, makeHub, makeStation, type Station } from "./sync-kit";

/**
 * SPEC.md invariant 5 with a malicious station in the model: two honest stations and the hub
 * do ordinary work and sync, while station C — with its real credential and its real helper —
 * sends forged, rewriting, deleting, squatting, doctored and replayed changes among its honest
 * ones. Every malicious push is refused with a typed error and stored nowhere; the honest
 * replicas converge; the hub's cases hold honest events only; no honest station is wedged.
 */

const STATION_M = "330106001003";
const item = (code: string): ItemRules =>
  toItemSnapshot(seedCatalog.items.find((i) => i.code === code) as (typeof seedCatalog.items)[0]);
const ELDERLY = item("MZ-GF-001");
const RESIDENCE = item("SQ-GG-001");
const helperM: Actor = {
  userId: "u-helper-m",
  role: "helper",
  siteId: STATION_M,
  siteKind: "station",
};
const leadM: Actor = { ...helperM, userId: "u-lead-m", role: "station_lead" };

type Attack =
  | "forge"
  | "claimRole"
  | "rewrite"
  | "delete"
  | "renumber"
  | "squat"
  | "doctor"
  | "replay"
  | "outOfScope";
type Op =
  | { t: "intake"; at: 0 | 1 | 2 }
  | { t: "center"; k: number }
  | { t: "sync"; at: 0 | 1 }
  | { t: "attack"; kind: Attack; k: number };

class World {
  hub: Hub = makeHub();
  a: Station;
  b: Station;
  /** The malicious station's honest side: its repo records and syncs like any station. */
  m: Station;
  clock = Date.parse("2026-11-02T01:00:00.000Z");
  n = 0;
  honestEvents = new Set<string>();
  /** Cases each station took in (M's too: it also does honest work). */
  cases: string[][] = [[], [], []];
  /** Every change an honest station pushed, as the wire carried it (for replays). */
  sniffed: PushChange[] = [];
  refused = 0;

  constructor() {
    this.hub.authority.add(helperM).add(leadM);
    const sniff = { onPush: (b: { changes: PushChange[] }) => this.sniffed.push(...b.changes) };
    this.a = makeStation(this.hub, SITES.stationA, sniff);
    this.b = makeStation(this.hub, SITES.stationB, sniff);
    this.m = makeStation(this.hub, STATION_M);
  }

  private id(): string {
    this.n += 1;
    return `01KMAL${String(this.n).padStart(20, "0")}`;
  }

  private stamp(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  async record<T extends CaseEventType>(
    repo: CaseRepo,
    caseId: string,
    type: T,
    payload: PayloadOf<T>,
    actor: Actor,
  ) {
    const id = this.id();
    try {
      await repo.record(caseId, ({ journal }) =>
        recordEvent(journal, type, payload, { id, at: this.stamp(), actor }),
      );
      this.honestEvents.add(id);
    } catch {
      // The machine refused it here: nothing was recorded.
    }
  }

  async intake(at: 0 | 1 | 2) {
    const st = [this.a, this.b, this.m][at] as Station;
    const actor = [actors.helperA, actors.helperB, helperM][at] as Actor;
    const caseId = this.id();
    const intake = recordEvent(
      [],
      "intake",
      {
        item: at === 2 ? RESIDENCE : ELDERLY,
        mode: "assist",
        residentPresent: true,
        powerOfAttorney: false,
        originSiteId: st.site,
        materials: (at === 2 ? RESIDENCE : ELDERLY).materials
          .filter((m) => m.requirement !== "conditional")
          .map((m) => ({ code: m.code, state: "provided" as const })),
      },
      { id: this.id(), at: this.stamp(), actor },
    );
    const number = `${st.site}-20261102-${String(this.n).padStart(4, "0")}`;
    await st.repo.create({
      caseId,
      caseNumber: number,
      createdAt: intake.at,
      applicant: {
        name: "王秀英",
        idNumber: "11010519491231002X",
        phone: "13812345678",
        address: "",
      },
      agent: null,
      intake,
    });
    this.honestEvents.add(intake.id);
    await this.record(st.repo, caseId, "accept", { deferred: [] }, actor);
    this.cases[at]?.push(caseId);
  }

  /** The center rejects, reviews or decides one of the cases it holds. */
  async center(k: number) {
    const all = this.cases.flat();
    const caseId = all[k % Math.max(all.length, 1)];
    if (!caseId || !(await this.hub.repo.has(caseId))) return;
    const moves = [
      () => this.record(this.hub.repo, caseId, "start_review", {}, actors.reviewer),
      () => this.record(this.hub.repo, caseId, "approve", {}, actors.approver),
      () => this.record(this.hub.repo, caseId, "note", { text: "中心备注" }, actors.reviewer),
      () =>
        this.record(this.hub.repo, caseId, "reject_intake", { reason: "材料不齐" }, actors.lead),
    ];
    await (moves[k % moves.length] as () => Promise<void>)();
  }

  async sync(at: 0 | 1 | 2) {
    const st = [this.a, this.b, this.m][at] as Station;
    await st.sync.syncOnce();
  }

  /** One malicious push by M, built with Automerge directly (no machine in the way). */
  async attack(kind: Attack, k: number): Promise<void> {
    const changes = await this.craft(kind, k);
    if (!changes) return;
    const seq = await this.hub.store.lastSeq();
    const err = await this.hub
      .accept(this.m.identity, { protocol: PROTOCOL_VERSION, changes })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err, `attack ${kind} was accepted`).toBeInstanceOf(SyncError);
    expect(CASE_REFUSAL_KINDS).toContain((err as SyncError).data.kind);
    expect(await this.hub.store.lastSeq(), `attack ${kind} stored something`).toBe(seq);
    const keys = changes.map((c) => ({ caseId: c.caseId, hash: changeMeta(c.bytes).hash }));
    const fresh = keys.filter(
      (k) => !this.sniffed.some((s) => changeMeta(s.bytes).hash === k.hash),
    );
    expect((await this.hub.store.hasChanges(fresh)).size).toBe(0);
    this.refused += 1;
  }

  /** A document of one of M's own cases as the hub holds it, opened with M's actor. */
  private async mine(k: number): Promise<CaseDoc | null> {
    const own = this.cases[2] as string[];
    for (let i = 0; i < own.length; i++) {
      const caseId = own[(k + i) % own.length] as string;
      if (await this.hub.repo.has(caseId))
        return A.load<CaseDocShape>(await this.hub.repo.save(caseId), { actor: this.m.actorId });
    }
    return null;
  }

  private change(doc: CaseDoc, mutate: (d: CaseDocShape) => void): PushChange {
    const next = A.change(doc, { time: 0 }, mutate);
    return { caseId: String(next.caseId), bytes: A.getLastLocalChange(next) as Uint8Array };
  }

  private newCase(opts: {
    item?: ItemRules;
    number?: string;
    actorId?: string;
    events?: [CaseEventType, unknown, Actor][];
  }) {
    const caseId = this.id();
    const intake = recordEvent(
      [],
      "intake",
      {
        item: opts.item ?? RESIDENCE,
        mode: "assist",
        residentPresent: true,
        powerOfAttorney: false,
        originSiteId: STATION_M,
        materials: RESIDENCE.materials.map((m) => ({ code: m.code, state: "provided" as const })),
      },
      { id: this.id(), at: this.stamp(), actor: helperM },
    );
    let { doc, change } = createCaseDoc(
      {
        caseId,
        caseNumber: opts.number ?? `${STATION_M}-20261109-${String(this.n).padStart(4, "0")}`,
        createdAt: intake.at,
        applicant: {
          name: "李四",
          idNumber: "11010519491231002X",
          phone: "13812345678",
          address: "",
        },
        agent: null,
        intake,
      },
      opts.actorId ?? this.m.actorId,
    );
    const out: PushChange[] = [{ caseId, bytes: change }];
    for (const [type, payload, actor] of opts.events ?? []) {
      const e = recordEvent(readJournal(doc), type, payload as never, {
        id: this.id(),
        at: this.stamp(),
        actor,
      });
      doc = A.change(doc, { time: 0 }, (d) => edits.appendEvent(d, e));
      change = A.getLastLocalChange(doc) as Uint8Array;
      out.push({ caseId, bytes: change });
    }
    return out;
  }

  private async craft(kind: Attack, k: number): Promise<PushChange[] | null> {
    switch (kind) {
      case "forge": // the center's approver, at the center, on M's own new case
        return this.newCase({
          events: [
            ["accept", { deferred: [] }, helperM],
            ["approve", {}, actors.approver],
          ],
        });
      case "claimRole": // M's helper claiming the center lead's role at M
        return this.newCase({
          events: [
            ["accept", { deferred: [] }, helperM],
            ["approve", {}, { ...helperM, role: "center_lead" }],
          ],
        });
      case "doctor":
        return this.newCase({ item: { ...ELDERLY, approvalLevel: "STATION", promisedDays: 0 } });
      case "squat": // A's namespace, or A's actor id
        return k % 2
          ? this.newCase({
              number: `${SITES.stationA}-20261102-${String(900 + (k % 99)).padStart(4, "0")}`,
            })
          : this.newCase({ actorId: actorFor(SITES.stationA) });
      case "replay": {
        // An honest station's change sent again under M's credential.
        const c = this.sniffed[k % Math.max(this.sniffed.length, 1)];
        return c ? [c] : null;
      }
      case "outOfScope": {
        const c = this.sniffed.find((s) => !(this.cases[2] as string[]).includes(s.caseId));
        if (!c || !(await this.hub.repo.has(c.caseId))) return null;
        const doc = A.load<CaseDocShape>(await this.hub.repo.save(c.caseId), {
          actor: this.m.actorId,
        });
        return [this.change(doc, (d) => edits.setRemarks(d, "改"))];
      }
      case "rewrite":
      case "delete":
      case "renumber": {
        const doc = await this.mine(k);
        if (!doc) return null;
        const journal = readJournal(doc);
        const i = journal.length - 1;
        const last = journal[i];
        if (!last) return null;
        if (kind === "renumber")
          return [
            this.change(
              doc,
              (d) => (d.caseNumber = new A.ImmutableString(`${STATION_M}-20261231-9999`)),
            ),
          ];
        if (kind === "delete") return [this.change(doc, (d) => A.deleteAt(d.journal, i))];
        const forged = JSON.stringify({ ...last, type: "note", payload: { text: "改写" } });
        return [this.change(doc, (d) => (d.journal[i] = new A.ImmutableString(forged)))];
      }
    }
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("intake" as const),
      at: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>,
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("center" as const), k: fc.nat(50) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("sync" as const),
      at: fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("attack" as const),
      kind: fc.constantFrom<Attack>(
        "forge",
        "claimRole",
        "rewrite",
        "delete",
        "renumber",
        "squat",
        "doctor",
        "replay",
        "outOfScope",
      ),
      k: fc.nat(50),
    }),
  },
);

async function run(ops: readonly Op[]) {
  const w = new World();
  // M's honest side syncs too, so the hub holds M's own cases to be rewritten.
  for (const op of ops) {
    if (op.t === "intake") await w.intake(op.at);
    else if (op.t === "center") await w.center(op.k);
    else if (op.t === "sync") {
      await w.sync(op.at);
      await w.sync(2);
    } else await w.attack(op.kind, op.k);
  }
  for (let round = 0; round < 3; round++) for (const at of [0, 1, 2] as const) await w.sync(at);

  // No honest station is wedged: idle, nothing pending, nothing set aside.
  for (const st of [w.a, w.b, w.m]) {
    expect(st.sync.status()).toMatchObject({
      state: "idle",
      pending: 0,
      quarantined: [],
      parked: false,
    });
  }
  // Honest replicas converge, and the hub's cases hold honest events only: its derived status
  // is the one derived from honest events alone.
  for (const [i, st] of [w.a, w.b, w.m].entries()) {
    for (const caseId of w.cases[i] as string[]) {
      expect(await st.repo.heads(caseId)).toEqual(await w.hub.repo.heads(caseId));
      const view = await w.hub.repo.get(caseId);
      const journal = view?.record.journal ?? [];
      expect(journal.every((e) => w.honestEvents.has(e.id))).toBe(true);
      expect(view?.state.status).toBe(
        foldJournal(journal.filter((e) => w.honestEvents.has(e.id))).state?.status,
      );
    }
  }
  return w.refused;
}

describe("a malicious station among honest ones (SPEC.md invariant 5)", () => {
  it("every forged, rewriting, deleting, squatting, doctored or replayed push is refused with a typed error and stored nowhere; honest replicas converge; no honest station is wedged", async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 40 }), async (ops) => {
        refused += await run(ops);
      }),
      { numRuns: 25 },
    );
    expect(refused).toBeGreaterThan(25);
  });
});
