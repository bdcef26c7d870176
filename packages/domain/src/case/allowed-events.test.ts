import { describe, expect, it } from "vitest";
import { actors, elderlyAllowance, JournalKit, residenceCertificate, SITES } from "./fixtures";
import { foldJournal } from "./fold";
import { allowedEvents, applyEvent } from "./machine";
import { caseStageOf } from "./stage";
import type { CaseState } from "./state";
import {
  type Actor,
  CASE_EVENT_TYPES,
  type CaseEvent,
  type CaseEventType,
  type ItemRules,
  type PayloadOf,
  payloadSchemaOf,
  ROLES,
  type SiteKind,
  TERMINAL_STATUSES,
} from "./types";

/**
 * allowedEvents and applyEvent share one gate; these tests walk the reachable cases and hold
 * them to it: every listed event is accepted with a minimal valid payload, every other one is
 * refused — for every role at every kind of site.
 */

const SITE_OF: { id: string; kind: SiteKind }[] = [
  { id: SITES.stationA, kind: "station" },
  { id: SITES.stationB, kind: "station" },
  { id: SITES.center, kind: "center" },
  { id: "330106", kind: "district" },
];

const EVERYONE: Actor[] = ROLES.flatMap((role) =>
  SITE_OF.map((site) => ({
    userId: `u-${role}-${site.id}`,
    role,
    siteId: site.id,
    siteKind: site.kind,
  })),
);

const payloadCache = new WeakMap<CaseState, Map<CaseEventType, PayloadOf<CaseEventType>>>();

/** The least payload that is valid for this case: what a person would send to just do it. */
function minimalPayload(type: CaseEventType, s: CaseState): PayloadOf<CaseEventType> {
  let byType = payloadCache.get(s);
  if (!byType) {
    byType = new Map();
    payloadCache.set(s, byType);
  }
  let p = byType.get(type);
  if (!p) {
    p = payloadSchemaOf(type).parse(minimalPayloads(s)[type]) as PayloadOf<CaseEventType>;
    byType.set(type, p);
  }
  return p;
}

function minimalPayloads(s: CaseState): { [T in CaseEventType]: PayloadOf<T> } {
  const first = s.item.materials[0]?.code ?? "ID_CARD";
  const missing = s.item.materials.filter(
    (m) => m.requirement !== "conditional" && s.materials[m.code] === "missing",
  );
  const rect = s.rectifications[0]?.ratingEventId ?? "no-rating";
  return {
    intake: {
      item: s.item,
      mode: "assist",
      residentPresent: true,
      powerOfAttorney: false,
      originSiteId: SITES.stationA,
      materials: [],
    },
    update_materials: { materials: [{ code: first, state: "provided" }] },
    request_correction: {
      noticeId: "N-test",
      missing: (missing.length ? missing.map((m) => m.code) : [first]).map((code) => ({
        code,
        reason: "未提供",
      })),
    },
    check_material: { code: first, verdict: "ok" },
    supplement: { materials: [{ code: first, attachments: [] }] },
    reject_intake: { reason: "不符合受理条件" },
    accept: {
      deferred: missing
        .filter((m) => m.requirement === "deferrable")
        .map((m) => ({ code: m.code, promisedBy: "2026-12-31" })),
    },
    forward: { toSiteId: SITES.center },
    start_review: {},
    suspend: { reason: "publicity" },
    resume: {},
    submit_for_approval: { opinion: "材料齐全，符合条件", recommendation: "approve" },
    approve: {},
    deny: { reason: "不符合条件" },
    issue: {},
    complete: {},
    withdraw: {},
    terminate: { reason: "容缺材料逾期未补" },
    extend: { workdays: 1, reason: "需补充核查" },
    transfer: { toSiteId: SITES.stationB, reason: "居民就近办理" },
    set_pickup_site: { siteId: SITES.stationB },
    reassign: { toUserId: "u-helper-b", reason: "A岗休假" },
    // The first rating is a 差评, so the walk reaches the rectification steps; later ones are good.
    rate: {
      level: s.ratings.length === 0 ? 2 : 5,
      channel: "offline",
      stage: `stage-${s.ratings.length}`,
    },
    rectify_classify: { ratingEventId: rect, kind: "immediate" },
    rectify_record: { ratingEventId: rect, text: "已当面致歉并改进窗口引导" },
    rectify_callback: { ratingEventId: rect, reached: true, result: "群众表示认可" },
    rectify_appeal: { ratingEventId: rect, reason: "评价人误点" },
    rectify_appeal_decide: { ratingEventId: rect, upheld: false, reason: "证据不足" },
    complain: { complaintId: "C-test", channel: "desk" },
    resolve_conflict: { note: "已核实" },
    note: { text: "备注" },
    flag: { kind: "correction_notice_late", note: "许可事项补正告知逾期" },
  };
}

let n = 0;
function eventOn(s: CaseState, type: CaseEventType, actor: Actor): CaseEvent {
  n += 1;
  return {
    id: `01JTEST${String(n).padStart(19, "0")}`,
    at: "2026-11-20T02:00:00.000Z",
    lamport: s.lastLamport + 1,
    actor,
    type,
    payload: minimalPayload(type, s),
  } as CaseEvent;
}

/** Intake at station A with every material in hand (or only the mandatory ones). */
function intakeAll(kit: JournalKit, item: ItemRules = elderlyAllowance, provideAll = true) {
  kit.intake(item, actors.helperA, provideAll);
}

function start(item: ItemRules, provideAll: boolean): CaseState {
  const kit = new JournalKit();
  intakeAll(kit, item, provideAll);
  const s = foldJournal(kit.events).state;
  if (!s) throw new Error("no case");
  return s;
}

/** A case with an open conflict: an acceptance that reached the journal after a withdrawal. */
function conflicted(): CaseState {
  const kit = new JournalKit();
  kit.intake(residenceCertificate);
  kit.add("withdraw", {}, actors.helperA);
  kit.add("accept", { deferred: [] }, actors.leadA);
  const s = foldJournal(kit.events).state;
  if (!s?.conflictOpen) throw new Error("expected a conflict");
  return s;
}

/** A case completed and then given a 差评: at station A by a named rater, or at the center anonymously. */
function badlyRated(atCenter: boolean): CaseState {
  const kit = new JournalKit();
  const item: ItemRules = atCenter
    ? { ...residenceCertificate, code: "IMM-C", kind: "IMMEDIATE", approvalLevel: "CENTER" }
    : residenceCertificate;
  const who = atCenter ? actors.lead : actors.helperA;
  kit.add(
    "intake",
    {
      item,
      mode: "assist",
      residentPresent: true,
      powerOfAttorney: false,
      originSiteId: who.siteId,
      materials: item.materials.map((m) => ({ code: m.code, state: "provided" as const })),
    },
    who,
  );
  kit.add("accept", { deferred: [] }, who);
  kit.add("complete", {}, who);
  kit.add(
    "rate",
    { level: atCenter ? 2 : 1, channel: "offline", stage: "completion", anonymous: atCenter },
    actors.resident,
  );
  const s = foldJournal(kit.events).state;
  if (s?.status !== "COMPLETED" || s.rectifications.length !== 1) throw new Error("no 差评");
  return s;
}

/**
 * What can change what is allowed: two cases alike in these are alike for the rules. A closed
 * case takes only the rules open to any site, so its sites and materials do not matter.
 */
const rectKey = (s: CaseState) =>
  s.rectifications.map((r) => [r.state, r.siteId, r.realName, r.appeal !== null]);
const key = (s: CaseState) =>
  TERMINAL_STATUSES.has(s.status)
    ? JSON.stringify([s.item.code, s.status, s.conflictOpen, rectKey(s)])
    : JSON.stringify([
        rectKey(s),
        s.item.code,
        s.status,
        s.handlingSiteId,
        s.pickupSiteId,
        Object.values(s.materials).filter((m) => m === "missing").length,
        s.promises.filter((p) => p.suppliedOn === null).length,
        s.deferred,
        s.conflictOpen,
        s.awaitingApproval,
      ]);

/** Every case reachable in a few steps by anyone, from a few starting points. */
function reachable(maxDepth: number): CaseState[] {
  const immediate: ItemRules = {
    ...elderlyAllowance,
    code: "IMM-1",
    kind: "IMMEDIATE",
    approvalLevel: "CENTER",
  };
  const noDeferral: ItemRules = { ...elderlyAllowance, code: "NOD-1", deferralAllowed: false };
  let frontier = [
    start(elderlyAllowance, false),
    start(elderlyAllowance, true),
    start(residenceCertificate, false),
    start(immediate, true),
    start(noDeferral, false),
    conflicted(),
    badlyRated(false),
    badlyRated(true),
  ];
  const seen = new Map(frontier.map((s) => [key(s), s]));
  for (let depth = 0; depth < maxDepth; depth++) {
    const next: CaseState[] = [];
    for (const s of frontier) {
      for (const actor of EVERYONE) {
        for (const type of allowedEvents(s, actor)) {
          const r = applyEvent(s, eventOn(s, type, actor));
          if (!r.ok || seen.has(key(r.value))) continue;
          seen.set(key(r.value), r.value);
          next.push(r.value);
        }
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

describe("allowedEvents agrees with applyEvent", () => {
  const states = reachable(4);

  it("reaches every status", () => {
    const statuses = new Set(states.map((s) => s.status));
    expect([...statuses].sort()).toEqual(
      [
        "ACCEPTED",
        "APPROVED",
        "COMPLETED",
        "DENIED",
        "IN_REVIEW",
        "NEEDS_CORRECTION",
        "READY_FOR_PICKUP",
        "REJECTED_AT_INTAKE",
        "SUBMITTED",
        "SUSPENDED",
        "TERMINATED",
        "WITHDRAWN",
      ].sort(),
    );
  });

  // One test per status keeps each well inside the default timeout on a busy machine.
  it.each([...new Set(states.map((s) => s.status))])(
    "%s, for every role and site: listed ⇔ accepted with a minimal valid payload",
    (status) => {
      const disagreements: string[] = [];
      for (const s of states.filter((x) => x.status === status)) {
        for (const actor of EVERYONE) {
          const allowed = new Set(allowedEvents(s, actor));
          for (const type of CASE_EVENT_TYPES) {
            const r = applyEvent(s, eventOn(s, type, actor));
            if (r.ok !== allowed.has(type)) {
              const why = r.ok ? "accepted but not listed" : `listed but refused: ${r.error.zh}`;
              disagreements.push(`${actor.role}@${actor.siteId} ${type}: ${why}`);
            }
          }
        }
      }
      expect(disagreements).toEqual([]);
    },
  );
});

describe("what the lists say", () => {
  const helperA = actors.helperA;
  const centerDesk: Actor = {
    userId: "u-desk",
    role: "front_desk",
    siteId: SITES.center,
    siteKind: "center",
  };

  function after(kit: JournalKit) {
    const s = foldJournal(kit.events).state;
    if (!s) throw new Error("no case");
    return s;
  }

  it("转报中心: offered to the station handling the case, and gone once it is forwarded", () => {
    const kit = new JournalKit();
    intakeAll(kit);
    kit.add("accept", { deferred: [] }, helperA);
    expect(allowedEvents(after(kit), helperA)).toContain("forward");
    expect(allowedEvents(after(kit), centerDesk)).not.toContain("forward");
    kit.add("forward", { toSiteId: SITES.center }, helperA);
    const s = after(kit);
    expect(s.status).toBe("ACCEPTED");
    expect(caseStageOf(s)).toBe("forwarded");
    expect(allowedEvents(s, helperA)).not.toContain("forward");
    expect(allowedEvents(s, centerDesk)).not.toContain("forward");
    kit.add("transfer", { toSiteId: SITES.stationB, reason: "居民就近办理" }, actors.lead);
    expect(caseStageOf(after(kit))).toBeNull();
  });

  it("转报中心 is not offered for an item the station decides itself", () => {
    const kit = new JournalKit();
    kit.intake(residenceCertificate);
    kit.add("accept", { deferred: [] }, helperA);
    expect(allowedEvents(after(kit), helperA)).not.toContain("forward");
  });

  it("受理 is not offered while a main material is missing", () => {
    const kit = new JournalKit();
    kit.add(
      "intake",
      {
        item: elderlyAllowance,
        mode: "assist",
        residentPresent: true,
        powerOfAttorney: false,
        originSiteId: SITES.stationA,
        materials: [{ code: "ID_CARD", state: "provided" }],
      },
      helperA,
    );
    expect(allowedEvents(after(kit), helperA)).not.toContain("accept");
    expect(allowedEvents(after(kit), helperA)).toContain("request_correction");
  });

  it("办结 from 准予 waits for a pick-up site and for every 容缺 material", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "accept",
      {
        deferred: [
          { code: "BANK_CARD", promisedBy: "2026-11-20" },
          { code: "PHOTO", promisedBy: "2026-11-20" },
        ],
      },
      helperA,
    );
    kit.add("approve", {}, actors.approver);
    const helperB = actors.helperB;
    expect(allowedEvents(after(kit), helperA)).not.toContain("complete");
    kit.add("set_pickup_site", { siteId: SITES.stationB }, actors.reviewer);
    expect(allowedEvents(after(kit), helperB)).not.toContain("complete");
    expect(allowedEvents(after(kit), actors.approver)).not.toContain("issue");
    kit.add(
      "supplement",
      {
        materials: [
          { code: "BANK_CARD", attachments: [] },
          { code: "PHOTO", attachments: [] },
        ],
      },
      helperA,
    );
    expect(allowedEvents(after(kit), helperB)).toContain("complete");
    expect(allowedEvents(after(kit), helperA)).not.toContain("complete");
  });

  it("终止 only with a 容缺 promise outstanding; 处理冲突 only with a conflict open", () => {
    const kit = new JournalKit();
    intakeAll(kit);
    kit.add("accept", { deferred: [] }, helperA);
    expect(allowedEvents(after(kit), actors.system)).not.toContain("terminate");
    expect(allowedEvents(after(kit), actors.lead)).not.toContain("resolve_conflict");
    expect(allowedEvents(conflicted(), actors.lead)).toContain("resolve_conflict");
  });

  it("gives a district administrator, who only reads, nothing but nothing", () => {
    const admin: Actor = {
      userId: "u-admin",
      role: "district_admin",
      siteId: "330106",
      siteKind: "district",
    };
    const kit = new JournalKit();
    kit.intake();
    expect(allowedEvents(after(kit), admin)).toEqual([]);
  });
});

describe("审查意见 and 提交审批", () => {
  function inReview(item: ItemRules = elderlyAllowance) {
    const kit = new JournalKit();
    intakeAll(kit, item);
    kit.add("accept", { deferred: [] }, actors.helperA);
    kit.add("start_review", {}, item.approvalLevel === "STATION" ? actors.leadA : actors.reviewer);
    return kit;
  }
  const fold = (kit: JournalKit) => {
    const s = foldJournal(kit.events).state;
    if (!s) throw new Error("no case");
    return s;
  };

  it("the reviewer submits an opinion; the case waits for the approver (待审批)", () => {
    const kit = inReview();
    expect(allowedEvents(fold(kit), actors.reviewer)).toContain("submit_for_approval");
    const e = kit.add(
      "submit_for_approval",
      { opinion: "符合条件，建议准予", recommendation: "approve" },
      actors.reviewer,
    );
    const s = fold(kit);
    expect(s.status).toBe("IN_REVIEW");
    expect(s.awaitingApproval).toBe(true);
    expect(caseStageOf(s)).toBe("awaiting_approval");
    expect(s.opinion).toEqual({
      eventId: e.id,
      at: e.at,
      byUserId: actors.reviewer.userId,
      bySiteId: SITES.center,
      text: "符合条件，建议准予",
      recommendation: "approve",
    });
  });

  it("the decision ends 待审批 and keeps the opinion; a suspension ends it too", () => {
    const submitted = () => {
      const kit = inReview();
      kit.add(
        "submit_for_approval",
        { opinion: "建议不予许可", recommendation: "deny" },
        actors.reviewer,
      );
      return kit;
    };
    const denied = submitted();
    denied.add("deny", { reason: "年龄不符" }, actors.approver);
    expect(fold(denied).awaitingApproval).toBe(false);
    expect(fold(denied).opinion?.recommendation).toBe("deny");
    const suspended = submitted();
    suspended.add("suspend", { reason: "publicity" }, actors.reviewer);
    expect(fold(suspended).awaitingApproval).toBe(false);
  });

  it("a helper cannot submit, nor a station lead for an item decided at the center", () => {
    const s = fold(inReview());
    expect(allowedEvents(s, actors.helperA)).not.toContain("submit_for_approval");
    expect(allowedEvents(s, actors.leadA)).not.toContain("submit_for_approval");
    expect(allowedEvents(s, actors.approver)).not.toContain("submit_for_approval");
  });

  it("a station lead submits for an item decided at the station", () => {
    const s = fold(inReview(residenceCertificate));
    expect(allowedEvents(s, actors.leadA)).toContain("submit_for_approval");
  });

  it("an opinion is only for a case in review", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add("accept", { deferred: [] }, actors.helperA);
    const s = fold(kit);
    expect(allowedEvents(s, actors.reviewer)).not.toContain("submit_for_approval");
    const r = applyEvent(s, eventOn(s, "submit_for_approval", actors.reviewer));
    expect(r.ok).toBe(false);
  });
});
