/**
 * The seeded case documents every scenario uses, made the way a station makes them: one
 * Automerge document per case (`createCaseDoc`), each later action one change
 * (`changeCaseDoc` + `edits`), journal events built with the domain's `recordEvent` and
 * checked by its state machine (`applyEvent`) before they are recorded — as `CaseRepo` does.
 * Documents are made, saved and freed one case at a time; nothing stays loaded.
 */
import { createHmac } from "node:crypto";
import * as A from "@automerge/automerge";
import { seededRandom } from "@bangban/api";
import {
  type Actor,
  applyEvent,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  computeCheckChar,
  defaultRules,
  localDateOf,
  type PayloadOf,
  recordEvent,
  seedCatalog,
  toItemSnapshot,
  WorkCalendar,
} from "@bangban/domain";
import {
  type CaseDoc,
  type CaseProjection,
  type ChangeMeta,
  changeCaseDoc,
  changeMeta,
  createCaseDoc,
  edits,
  type ProjectionContext,
  projectState,
  readCase,
} from "@bangban/sync";
import { monotonicFactory } from "ulid";

/** The key both processes hash ID numbers with (BANGBAN_ID_HASH_KEY), so projections agree. */
export const ID_HASH_KEY = "bangban-bench-id-hash-key-2026";

/** The processes' keyed ID-number hash (services.ts of the hub and the station), with the bench's key. */
const hmac = (id: string) => createHmac("sha256", ID_HASH_KEY).update(id).digest("hex");

/** `today`: the day the projection is computed as of (a fixed day for a deterministic run). */
export function projectionContext(
  today = localDateOf(new Date().toISOString()),
): ProjectionContext {
  return {
    calendar: new WorkCalendar(),
    rules: defaultRules,
    today,
    hashIdNumber: hmac,
  };
}

/** The demo's seeded PRNG (mulberry32): every run makes the same cases. */
export const rng = seededRandom;

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰涛明超霞平刚婷晨", "秀英", "建华", "志强", "海燕"];
const REGIONS = ["330106", "330102", "330105", "330108", "110105", "320102"];
const STREETS = ["宝石一弄", "保俶路", "北山路", "曙光路", "黄龙路", "文三路", "玉古路"];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const digits = (r: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join("");

function idNumber(r: () => number): string {
  const birth = new Date(Date.UTC(1930, 0, 1) + Math.floor(r() * 75 * 365.25) * 86_400_000);
  const first17 = `${pick(r, REGIONS)}${birth.toISOString().slice(0, 10).replaceAll("-", "")}${digits(r, 3)}`;
  return first17 + computeCheckChar(first17);
}

function person(r: () => number) {
  return {
    name: pick(r, SURNAMES) + pick(r, GIVEN),
    idNumber: idNumber(r),
    phone: `1${pick(r, ["3", "5", "7", "8", "9"])}${digits(r, 9)}`,
    address: `${pick(r, STREETS)} ${1 + Math.floor(r() * 120)} 号`,
  };
}

/** A station's Automerge actor, minted like the station's own: site code padded, then random. */
export function stationActor(site: string, r: () => number): string {
  const tail = Array.from({ length: 16 }, () => Math.floor(r() * 16).toString(16)).join("");
  return `${site.padEnd(16, "0")}${tail}`;
}

export function helperOf(site: string): Actor {
  return { userId: `u-bench-${site}`, role: "helper", siteId: site, siteKind: "station" };
}

/** One action a helper takes on a case after intake, in the order a case usually goes. */
type Step =
  | { kind: "event"; type: CaseEventType; payload: (codes: Codes) => unknown }
  | { kind: "remarks"; text: string };
interface Codes {
  mandatory: string;
  missing: string[];
  noticeId: string;
  /** The day the missing materials are promised by when they are deferred (容缺). */
  promisedBy: string;
}

/** After intake: 一次性告知, 补正, 受理 … — the station bench's edit plan, as journal events. */
const STEPS: Step[] = [
  { kind: "event", type: "note", payload: () => ({ text: "已电话联系申请人，告知办理进度" }) },
  { kind: "remarks", text: "申请人行动不便，材料由帮办员上门收取" },
  {
    kind: "event",
    type: "request_correction",
    payload: (c) => ({
      noticeId: c.noticeId,
      missing: [c.mandatory, ...c.missing].map((code) => ({
        code,
        reason: "复印件不清晰，请重新提供",
      })),
    }),
  },
  { kind: "event", type: "note", payload: () => ({ text: "已出具一次性告知书" }) },
  {
    kind: "event",
    type: "supplement",
    payload: (c) => ({
      materials: [c.mandatory, ...c.missing].map((code) => ({ code, attachments: [] })),
    }),
  },
  { kind: "remarks", text: "申请人行动不便，材料由帮办员上门收取；补正材料已齐，复印件清晰" },
  { kind: "event", type: "accept", payload: () => ({ deferred: [] }) },
  { kind: "event", type: "note", payload: () => ({ text: "已核对原件" }) },
  { kind: "event", type: "complete", payload: () => ({ note: "当场办结" }) },
];
/**
 * The scheduler bench's plan (B9): open cases whose time rules run — accepted at once, with
 * the missing deferrable materials deferred (容缺) to a promised day, then a note. A case the
 * machine will not accept so (no deferral for its item) gets a note instead and stays 收件.
 */
const SCHEDULER_STEPS: Step[] = [
  {
    kind: "event",
    type: "accept",
    payload: (c) => ({ deferred: c.missing.map((code) => ({ code, promisedBy: c.promisedBy })) }),
  },
  { kind: "event", type: "note", payload: () => ({ text: "已核对原件，转入审查" }) },
];

/** Changes a case can have: intake plus every step. */
export const MAX_CHANGES = 1 + STEPS.length;

/** One case as the bench holds it: its changes in order, and what the end state is. */
export interface SeedCase {
  caseId: string;
  site: string;
  changes: ChangeMeta[];
  heads: string[];
  /** A.save of the whole document (what a store keeps as its snapshot); null for clones. */
  snapshot: Uint8Array | null;
  projection: CaseProjection;
}

export interface CaseMaker {
  /** Makes case `i` of this maker with `count` changes (1 = intake only). */
  make(i: number, count: number): SeedCase;
  /** Adds `count` more changes to a case made by this maker (a later week's work). */
  extend(c: SeedCase, count: number): SeedCase;
}

const items = seedCatalog.items.filter((i) => i.stationAssist);

export interface MakerOptions {
  site: string;
  /** The node's Automerge actor. */
  actor: string;
  seed: number;
  /** Who takes the cases in (default: the station's bench helper, `helperOf`). */
  author?: Actor;
  /** The steps after intake: the station bench's edits (default) or the scheduler's (B9). */
  plan?: "edits" | "scheduler";
  /** Case i is taken in at `start + i × spacingMs` (default 2026-03-02 09:00 China time, 37 s). */
  start?: number;
  spacingMs?: number;
  /** The day projections are computed as of (default: the real today). */
  today?: string;
}

/** Makes cases for one node: its site, its actor, its helper; deterministic from `seed`. */
export function caseMaker(opts: MakerOptions): CaseMaker {
  const ulid = monotonicFactory(() => 0.5);
  const ctx = projectionContext(opts.today);
  const actor = opts.author ?? helperOf(opts.site);
  const base = opts.start ?? Date.parse("2026-03-02T01:00:00.000Z");
  const spacing = opts.spacingMs ?? 37_000;
  const steps = opts.plan === "scheduler" ? SCHEDULER_STEPS : STEPS;

  const stepsDone = new Map<string, { done: number; codes: Codes; t: number }>();

  function apply(
    doc: CaseDoc,
    state: CaseState,
    journal: CaseEvent[],
    step: Step,
    codes: Codes,
    at: number,
  ): { doc: CaseDoc; state: CaseState; change: Uint8Array | null } {
    if (step.kind === "remarks") {
      const r = changeCaseDoc(doc, (d) => edits.setRemarks(d, step.text));
      return { doc: r.doc, state, change: r.change };
    }
    let event = recordEvent(
      journal,
      step.type,
      step.payload(codes) as PayloadOf<typeof step.type>,
      {
        id: ulid(at),
        at: new Date(at).toISOString(),
        actor,
      },
    );
    let next = applyEvent(state, event);
    if (!next.ok) {
      // The machine refuses this step for this item (e.g. no 当场办结): a note instead.
      event = recordEvent(
        journal,
        "note",
        { text: "材料已核对，等待后续办理" },
        {
          id: ulid(at),
          at: new Date(at).toISOString(),
          actor,
        },
      );
      next = applyEvent(state, event);
      if (!next.ok) throw next.error;
    }
    journal.push(event);
    const r = changeCaseDoc(doc, (d) => edits.appendEvent(d, event));
    return { doc: r.doc, state: next.value, change: r.change };
  }

  function finish(caseId: string, doc: CaseDoc, state: CaseState, changes: ChangeMeta[]) {
    const record = readCase(doc);
    const c: SeedCase = {
      caseId,
      site: opts.site,
      changes,
      heads: A.getHeads(doc),
      snapshot: A.save(doc),
      projection: projectState(record, state, ctx),
    };
    A.free(doc);
    return c;
  }

  return {
    make(i, count) {
      const r = rng(opts.seed * 1_000_003 + i);
      const t0 = base + i * spacing;
      const item = items[i % items.length];
      if (!item) throw new Error("no station-assist items in the seed catalog");
      const deferrable = item.guide.materials.filter((m) => m.requirement === "deferrable");
      const missing = i % 3 === 0 ? deferrable.map((m) => m.code) : [];
      const mandatory = item.guide.materials.find((m) => m.requirement === "mandatory")?.code;
      if (!mandatory) throw new Error(`item ${item.code} has no mandatory material`);
      const caseId = ulid(t0);
      const intake = recordEvent(
        [],
        "intake",
        {
          item: toItemSnapshot(item),
          mode: i % 10 === 9 ? "proxy" : "assist",
          residentPresent: true,
          powerOfAttorney: false,
          originSiteId: opts.site,
          materials: item.guide.materials
            .filter((m) => m.requirement !== "conditional")
            .map((m) => ({
              code: m.code,
              state: missing.includes(m.code) ? ("missing" as const) : ("provided" as const),
            })),
        },
        { id: ulid(t0), at: new Date(t0).toISOString(), actor },
      );
      const started = applyEvent(null, intake);
      if (!started.ok) throw started.error;
      const created = createCaseDoc(
        {
          caseId,
          caseNumber: `${opts.site}-20260302-${String(i + 1).padStart(6, "0")}`,
          createdAt: intake.at,
          applicant: person(r),
          agent: i % 10 === 9 ? { ...person(r), relation: "子女" } : null,
          intake,
        },
        opts.actor,
      );
      let doc = created.doc;
      let state = started.value;
      const journal: CaseEvent[] = [intake];
      const changes = [changeMeta(created.change)];
      // Promised 2–9 working days after the acceptance an hour later (容缺, scheduler plan).
      const acceptedOn = localDateOf(new Date(t0 + 3_600_000).toISOString());
      const promisedBy = ctx.calendar.addWorkdays(acceptedOn, 2 + (i % 8)).date ?? acceptedOn;
      const codes = { mandatory, missing, noticeId: `N-${caseId}`, promisedBy };
      let t = t0;
      for (const step of steps.slice(0, Math.max(0, count - 1))) {
        t += 3_600_000;
        const r2 = apply(doc, state, journal, step, codes, t);
        doc = r2.doc;
        state = r2.state;
        if (r2.change) changes.push(changeMeta(r2.change));
      }
      stepsDone.set(caseId, { done: Math.max(0, count - 1), codes, t });
      return finish(caseId, doc, state, changes);
    },

    extend(c, count) {
      const info = stepsDone.get(c.caseId);
      if (!info) throw new Error(`case ${c.caseId} was not made by this maker`);
      if (!c.snapshot) throw new Error(`case ${c.caseId} has no snapshot to extend`);
      let doc = A.load<CaseDoc>(c.snapshot, { actor: opts.actor }) as CaseDoc;
      const journal = readCase(doc).journal;
      let state: CaseState | null = null;
      for (const e of journal) {
        const r = applyEvent(state, e);
        if (r.ok) state = r.value;
      }
      if (!state) throw new Error(`case ${c.caseId} has no state`);
      const changes: ChangeMeta[] = [];
      for (let k = 0; k < count; k++) {
        const step = steps[(info.done + k) % steps.length] as Step;
        info.t += 3_600_000;
        const r2 = apply(doc, state, journal, step, info.codes, info.t);
        doc = r2.doc;
        state = r2.state;
        if (r2.change) changes.push(changeMeta(r2.change));
      }
      info.done += count;
      return finish(c.caseId, doc, state, changes);
    },
  };
}

/** How many changes case `i` gets in the bulk scenarios: 1–6, 3.5 on average. */
export const bulkChangeCount = (i: number) => 1 + (i % 6);

/** How many changes case `i` gets in the scheduler bench: 1 (收件 only) for one in five, else 2–3. */
export const schedulerChangeCount = (i: number) => (i % 5 === 0 ? 1 : 2 + (i % 2));

/** Sum of the changes' own encoded sizes. */
export function changeBytes(cases: readonly { changes: readonly ChangeMeta[] }[]): number {
  let n = 0;
  for (const c of cases) for (const ch of c.changes) n += ch.bytes.byteLength;
  return n;
}
