import { localDateOf } from "../calendar/local-date";
import type { Pause, PauseReason } from "../calendar/workdays";
import { type Check, DomainError, fail, ok } from "../errors";
import { ratingChannelRefusal } from "../rating/rating";
import {
  materialName,
  outstandingPromises,
  outstandingRefusal,
  refuse,
  roleRefusal,
  type SiteRule,
  siteAllows,
  siteRuleRefusal,
  statusRefusal,
} from "./guards";
import { applyMaterialCheck, clearChecks } from "./material-checks";
import {
  applyAppeal,
  applyCallback,
  applyClassify,
  applyDecide,
  applyRecord,
  openOnRating,
  rectifyWhen,
} from "./rectify-rules";
import { BACK_OFFICE, DECIDERS, LEADS, OPINION_WRITERS, RECEIVERS, STAFF } from "./role-groups";
import type { CaseState, Handoff } from "./state";
import {
  type Actor,
  CASE_EVENT_TYPES,
  type CaseEvent,
  type CaseEventType,
  type CaseStatus,
  type EventOf,
  type Role,
  TERMINAL_STATUSES,
} from "./types";

/**
 * The case state machine of DOMAIN.md §2. One rule per journal event type: the statuses it
 * may start from, who may do it (role and site), and what it changes. `applyEvent` is the
 * only way state moves — commands call it before recording an event, and the fold replays
 * the journal through it, so a node can never record what the fold would refuse locally.
 */
interface Rule<T extends CaseEventType> {
  zh: string;
  en: string;
  /** Statuses the event may be applied in; "open" = any non-terminal status. */
  from: readonly CaseStatus[] | "open" | "any";
  roles: readonly Role[];
  site: SiteRule;
  /**
   * A refusal that depends on the case alone, never on the payload: while it refuses, no
   * payload could make `apply` succeed. `applyEvent` checks it before `apply`, and
   * `allowedEvents` leaves the event out — one check, so the buttons and the fold agree.
   */
  when?: (s: CaseState, actor: Actor) => DomainError | null;
  apply: (s: CaseState, e: EventOf<T>) => CaseState | DomainError;
}

const day = (iso: string) => localDateOf(iso);

function closePause(pauses: Pause[], reason: PauseReason, at: string): Pause[] {
  return pauses.map((p) => (p.to === undefined && p.reason === reason ? { ...p, to: day(at) } : p));
}

function handoff(e: CaseEvent, h: Omit<Handoff, "eventId" | "at" | "byUserId" | "bySiteId">) {
  return { eventId: e.id, at: e.at, byUserId: e.actor.userId, bySiteId: e.actor.siteId, ...h };
}

/**
 * Who may send a 一次性告知, and when: the same people, in the same statuses, mark materials
 * 合格 / 需补正 (材料审查), since the marks are what the notice is written from.
 */
const CORRECTION_GATE = {
  from: ["SUBMITTED", "ACCEPTED", "IN_REVIEW"],
  roles: [...RECEIVERS, "reviewer"],
  site: "handling_or_center",
} as const satisfies Pick<Rule<"request_correction">, "from" | "roles" | "site">;

const rules: { [T in CaseEventType]: Rule<T> } = {
  intake: {
    zh: "收件",
    en: "take in",
    from: [],
    roles: ["resident", ...RECEIVERS],
    site: "any",
    apply: () => refuse({ code: "DUPLICATE", field: "type", zh: "办件已收件", en: "Case exists" }),
  },
  update_materials: {
    zh: "更新材料清单",
    en: "update materials of",
    from: ["SUBMITTED", "NEEDS_CORRECTION"],
    roles: RECEIVERS,
    site: "handling_or_center",
    apply: (s, e) => {
      const unknown = e.payload.materials.find((m) => !(m.code in s.materials));
      if (unknown) return unknownMaterial(unknown.code);
      const materials = { ...s.materials };
      for (const m of e.payload.materials) materials[m.code] = m.state;
      return { ...s, materials };
    },
  },
  request_correction: {
    zh: "一次性告知补正",
    en: "request correction of",
    ...CORRECTION_GATE,
    apply: (s, e) => {
      const unknown = e.payload.missing.find((m) => !(m.code in s.materials));
      if (unknown) return unknownMaterial(unknown.code);
      const codes = e.payload.missing.map((m) => m.code);
      // 一次性告知: one notice lists every gap known now; a notice that leaves one out is refused.
      const left = s.item.materials.filter(
        (m) =>
          m.requirement !== "conditional" &&
          s.materials[m.code] === "missing" &&
          !codes.includes(m.code),
      );
      if (left.length) {
        return refuse({
          code: "NOT_ELIGIBLE",
          field: "missing",
          zh: `一次性告知须列明全部缺少的材料，还缺：${left.map((m) => m.name).join("、")}`,
          en: `A one-time notice must list every missing material; also missing: ${left.map((m) => m.code).join(", ")}`,
        });
      }
      const notOnEarlier = s.noticeIds.length
        ? codes.filter((c) => !s.noticedCodes.includes(c))
        : [];
      const flags = notOnEarlier.length
        ? [...s.flags, { kind: "notice_incomplete" as const, eventId: e.id, codes: notOnEarlier }]
        : s.flags;
      const materials = { ...s.materials };
      for (const c of codes) materials[c] = "missing";
      const accepted = s.status !== "SUBMITTED";
      return {
        ...s,
        status: "NEEDS_CORRECTION",
        materials,
        flags,
        noticeIds: [...s.noticeIds, e.payload.noticeId],
        noticedCodes: [...new Set([...s.noticedCodes, ...codes])],
        correctionReturnsTo: accepted ? "IN_REVIEW" : "SUBMITTED",
        pauses: accepted ? [...s.pauses, { from: day(e.at), reason: "correction" }] : s.pauses,
      };
    },
  },
  check_material: {
    zh: "材料审查",
    en: "check a material of",
    ...CORRECTION_GATE,
    apply: applyMaterialCheck,
  },
  supplement: {
    zh: "补充材料",
    en: "supplement",
    from: [
      "SUBMITTED",
      "NEEDS_CORRECTION",
      "ACCEPTED",
      "IN_REVIEW",
      "SUSPENDED",
      "APPROVED",
      "READY_FOR_PICKUP",
    ],
    roles: ["resident", ...STAFF],
    site: "any",
    apply: (s, e) => supplement(s, e),
  },
  reject_intake: {
    zh: "不予受理",
    en: "reject",
    from: ["SUBMITTED", "NEEDS_CORRECTION"],
    roles: LEADS,
    site: "handling_or_center",
    apply: (s, e) => ({ ...s, status: "REJECTED_AT_INTAKE", closedAt: e.at }),
  },
  accept: {
    zh: "受理",
    en: "accept",
    from: ["SUBMITTED"],
    roles: RECEIVERS,
    site: "handling_or_center",
    when: (s) => acceptBlocked(s),
    apply: (s, e) => accept(s, e),
  },
  forward: {
    zh: "转报中心",
    en: "forward",
    from: ["ACCEPTED"],
    roles: RECEIVERS,
    // The station handling the case sends it up; once forwarded the center handles it, so
    // the station cannot forward it again (and the center has nowhere to forward to).
    site: "handling_station",
    when: (s) =>
      s.item.approvalLevel === "STATION"
        ? refuse({
            code: "INVALID_TRANSITION",
            field: "type",
            zh: "该事项由本站审查决定，无需转报中心",
            en: "This item is decided at the station; there is nothing to forward",
          })
        : null,
    apply: (s, e) => ({
      ...s,
      handlingSiteId: e.payload.toSiteId,
      handoffs: [
        ...s.handoffs,
        handoff(e, { kind: "forward", fromSiteId: s.handlingSiteId, toSiteId: e.payload.toSiteId }),
      ],
    }),
  },
  start_review: {
    zh: "开始审查",
    en: "start review of",
    from: ["ACCEPTED"],
    roles: BACK_OFFICE,
    site: "center_or_station_level",
    apply: (s) => ({ ...s, status: "IN_REVIEW" }),
  },
  suspend: {
    zh: "进入特别程序",
    en: "suspend",
    // A person suspends a case in review; the system also suspends an accepted or approved one
    // whose 容缺 promise ran out (the Taizhou grace period, schedule/time-rules.ts).
    from: ["ACCEPTED", "IN_REVIEW", "APPROVED"],
    roles: [...BACK_OFFICE, "system"],
    site: "center_or_station_level",
    when: (s, a) => {
      if (a.role !== "system") {
        return s.status === "IN_REVIEW" ? null : statusRefusal(s.status, "进入特别程序", "suspend");
      }
      return outstandingPromises(s).length > 0
        ? null
        : refuse({
            code: "INVALID_TRANSITION",
            field: "type",
            zh: "没有逾期未补的容缺材料，系统不能中止办理",
            en: "No deferred material is outstanding; the system has nothing to suspend for",
          });
    },
    apply: (s, e) => ({
      ...s,
      status: "SUSPENDED",
      resumesTo: s.status,
      pauses: [...s.pauses, { from: day(e.at), reason: e.payload.reason }],
    }),
  },
  resume: {
    zh: "恢复审查",
    en: "resume",
    from: ["SUSPENDED"],
    roles: [...BACK_OFFICE, "system"],
    site: "center_or_station_level",
    apply: (s, e) => ({
      ...s,
      status: s.resumesTo ?? "IN_REVIEW",
      resumesTo: null,
      pauses: s.pauses.map((p) => (p.to === undefined ? { ...p, to: day(e.at) } : p)),
    }),
  },
  submit_for_approval: {
    zh: "提交审批",
    en: "submit for approval",
    from: ["IN_REVIEW"],
    roles: OPINION_WRITERS,
    site: "center_or_station_level",
    // A later opinion replaces the earlier one (the reviewer may revise it before the decision).
    apply: (s, e) => ({
      ...s,
      opinion: {
        eventId: e.id,
        at: e.at,
        byUserId: e.actor.userId,
        bySiteId: e.actor.siteId,
        text: e.payload.opinion,
        recommendation: e.payload.recommendation,
      },
      awaitingApproval: true,
    }),
  },
  approve: {
    zh: "准予",
    en: "approve",
    from: ["ACCEPTED", "IN_REVIEW"],
    roles: DECIDERS,
    site: "center_or_station_level",
    // No prior 审查意见 is required, not even for CENTER items. DOMAIN.md §2 names only the
    // approver at the item's level (the B post if A is absent), and 即办件 are decided straight
    // after acceptance. Above all, the journal is history: cases approved before opinions
    // existed must fold as they did, and a new refusal here would turn each of them into a
    // conflict on every replica. The opinion is shown to the approver and queues 待审批.
    apply: (s, e) => {
      // 容缺: review may proceed and the decision be taken, but the result is withheld — the
      // wait for the applicant's materials is their time, not the office's.
      const waiting = outstandingPromises(s).length > 0;
      return {
        ...s,
        status: "APPROVED",
        decidedAt: e.at,
        pauses: waiting ? [...s.pauses, { from: day(e.at), reason: "deferred_wait" }] : s.pauses,
      };
    },
  },
  deny: {
    zh: "不予许可",
    en: "deny",
    from: ["ACCEPTED", "IN_REVIEW"],
    roles: DECIDERS,
    site: "center_or_station_level",
    apply: (s, e) => ({ ...s, status: "DENIED", decidedAt: e.at }),
  },
  issue: {
    zh: "出具结果",
    en: "issue the result of",
    from: ["APPROVED", "DENIED"],
    roles: ["front_desk", "reviewer", "approver", "center_lead", "station_lead"],
    site: "center_or_station_level",
    when: (s) => (s.status === "APPROVED" ? outstandingRefusal(s) : null),
    apply: (s, e) => {
      const pickup = e.payload.pickupSiteId ?? s.pickupSiteId ?? s.originSiteId;
      return {
        ...s,
        status: "READY_FOR_PICKUP",
        issuedAt: e.at,
        pickupSiteId: pickup,
        handoffs: [
          ...s.handoffs,
          handoff(e, { kind: "pickup", fromSiteId: s.handlingSiteId, toSiteId: pickup }),
        ],
      };
    },
  },
  complete: {
    zh: "办结",
    en: "complete",
    // APPROVED: the pick-up site hands over the approved result itself once nothing is
    // outstanding (跨域通办: "the station for cross-site cases" issues and completes).
    from: ["READY_FOR_PICKUP", "ACCEPTED", "APPROVED"],
    roles: RECEIVERS,
    site: "pickup",
    when: (s) => {
      if (s.status === "APPROVED" && !s.pickupSiteId) {
        return refuse({
          code: "INVALID_TRANSITION",
          field: "status",
          zh: "尚未指定出件站点，请由中心出具结果",
          en: "No pick-up site named yet; the center issues the result",
        });
      }
      if (s.status === "ACCEPTED" && !(s.item.stationMayComplete || s.item.kind === "IMMEDIATE")) {
        return refuse({
          code: "INVALID_TRANSITION",
          field: "status",
          zh: "该事项不是即办件，须经审查决定后才能办结",
          en: "Only immediate items can be completed straight after acceptance",
        });
      }
      return outstandingRefusal(s);
    },
    apply: (s, e) => {
      const h = e.payload.handover;
      if (h && (h.how === "collector") !== (h.collector !== undefined)) {
        return refuse({
          code: "REQUIRED",
          field: "handover.collector",
          zh: "代领须登记领取人姓名和身份证号码；本人领取不登记领取人",
          en: "A collector is recorded for 代领 only, and 代领 needs one",
        });
      }
      const issuedAt = s.issuedAt ?? (s.status === "APPROVED" ? e.at : null);
      const handover = h
        ? { ...h, at: e.at, siteId: e.actor.siteId, byUserId: e.actor.userId }
        : null;
      return { ...s, status: "COMPLETED", issuedAt, completedAt: e.at, closedAt: e.at, handover };
    },
  },
  withdraw: {
    zh: "撤回",
    en: "withdraw",
    from: "open",
    roles: ["resident", ...RECEIVERS],
    site: "any",
    apply: (s, e) => ({ ...s, status: "WITHDRAWN", closedAt: e.at }),
  },
  terminate: {
    zh: "终止",
    en: "terminate",
    from: ["ACCEPTED", "IN_REVIEW", "SUSPENDED", "APPROVED"],
    roles: ["system", "center_lead"],
    site: "any",
    when: (s) =>
      !s.deferred || outstandingPromises(s).length === 0
        ? refuse({
            code: "INVALID_TRANSITION",
            field: "type",
            zh: "只有容缺材料逾期未补的办件才能终止",
            en: "Only cases with an overdue deferred material can be terminated",
          })
        : null,
    apply: (s, e) => ({ ...s, status: "TERMINATED", closedAt: e.at }),
  },
  extend: {
    zh: "延期",
    en: "extend",
    from: ["ACCEPTED", "IN_REVIEW", "SUSPENDED"],
    roles: ["center_lead"],
    site: "center_or_station_level",
    // Once per case (DOMAIN §3.4); the amount is the item's rule, which the API checks with the
    // jurisdiction's numbers (deadline/extension.ts checkExtension).
    when: (s) =>
      s.extensionWorkdays > 0
        ? refuse({
            code: "INVALID_TRANSITION",
            field: "caseId",
            zh: `本件已延期 ${s.extensionWorkdays} 个工作日，不能再次延期`,
            en: "The case was already extended; it cannot be extended again",
          })
        : null,
    apply: (s, e) => ({ ...s, extensionWorkdays: s.extensionWorkdays + e.payload.workdays }),
  },
  transfer: {
    zh: "转办",
    en: "transfer",
    from: "open",
    roles: [...RECEIVERS, "reviewer"],
    site: "handling_or_center",
    apply: (s, e) => ({
      ...s,
      handlingSiteId: e.payload.toSiteId,
      handoffs: [
        ...s.handoffs,
        handoff(e, {
          kind: "transfer",
          fromSiteId: s.handlingSiteId,
          toSiteId: e.payload.toSiteId,
          reason: e.payload.reason,
        }),
      ],
    }),
  },
  set_pickup_site: {
    zh: "指定出件站点",
    en: "set the pick-up site of",
    from: "open",
    roles: [...RECEIVERS, "reviewer"],
    site: "handling_or_center",
    apply: (s, e) => ({
      ...s,
      pickupSiteId: e.payload.siteId,
      handoffs: [
        ...s.handoffs,
        handoff(e, { kind: "pickup", fromSiteId: s.pickupSiteId, toSiteId: e.payload.siteId }),
      ],
    }),
  },
  reassign: {
    zh: "AB岗转派",
    en: "reassign",
    from: "open",
    roles: ["center_lead", "reviewer", "station_lead", "system"],
    site: "handling_or_center",
    apply: (s, e) => ({
      ...s,
      assigneeId: e.payload.toUserId,
      handoffs: [
        ...s.handoffs,
        handoff(e, {
          kind: "reassign",
          fromSiteId: s.handlingSiteId,
          toSiteId: s.handlingSiteId,
          toUserId: e.payload.toUserId,
          reason: e.payload.reason,
        }),
      ],
    }),
  },
  rate: {
    zh: "评价",
    en: "rate",
    from: "any",
    roles: ["resident"],
    site: "any",
    apply: (s, e) => {
      const { channel, stage, level } = e.payload;
      const channelRule = ratingChannelRefusal(channel, {
        completed: s.status === "COMPLETED",
        siteKind: e.actor.siteKind,
      });
      if (channelRule) return channelRule;
      if (s.ratings.some((r) => r.channel === channel && r.stage === stage)) {
        return refuse({
          code: "DUPLICATE",
          field: "rating",
          zh: "本办件在该渠道、该环节已评价过（一事一评）",
          en: "This case was already rated for this channel and stage",
        });
      }
      // A 差评 opens its rectification record at once (DOMAIN.md §5).
      return openOnRating(
        { ...s, ratings: [...s.ratings, { eventId: e.id, level, channel, stage, at: e.at }] },
        e,
      );
    },
  },
  // 差评整改 (case/rectify-rules.ts): the handling site's lead classifies, records and calls
  // back (谁办理谁负责); its staff may appeal a misrated 差评; the center lead decides.
  rectify_classify: {
    zh: "差评整改分类",
    en: "classify the bad rating of",
    from: "any",
    roles: ["station_lead", "center_lead"],
    site: "any",
    when: rectifyWhen("classify"),
    apply: applyClassify,
  },
  rectify_record: {
    zh: "登记整改情况",
    en: "record the rectification of",
    from: "any",
    roles: ["station_lead", "center_lead"],
    site: "any",
    when: rectifyWhen("record"),
    apply: applyRecord,
  },
  rectify_callback: {
    zh: "差评回访",
    en: "call back the rater of",
    from: "any",
    roles: ["station_lead", "center_lead"],
    site: "any",
    when: rectifyWhen("callback"),
    apply: applyCallback,
  },
  rectify_appeal: {
    zh: "差评申诉",
    en: "appeal the bad rating of",
    from: "any",
    roles: STAFF,
    site: "any",
    when: rectifyWhen("appeal"),
    apply: applyAppeal,
  },
  rectify_appeal_decide: {
    zh: "申诉复核决定",
    en: "decide the appeal on",
    from: "any",
    roles: ["center_lead"],
    site: "any",
    when: rectifyWhen("decide"),
    apply: applyDecide,
  },
  complain: {
    zh: "登记投诉",
    en: "record a complaint on",
    from: "any",
    roles: ["resident", ...STAFF],
    site: "any",
    apply: (s, e) => ({ ...s, complaintIds: [...s.complaintIds, e.payload.complaintId] }),
  },
  resolve_conflict: {
    zh: "处理冲突",
    en: "resolve a conflict on",
    from: "any",
    roles: ["center_lead", "reviewer", "station_lead"],
    site: "any",
    when: (s) =>
      s.conflictOpen
        ? null
        : refuse({
            code: "INVALID_TRANSITION",
            field: "type",
            zh: "该办件没有待处理的冲突",
            en: "The case has no open conflict",
          }),
    apply: (s) => ({ ...s, conflictOpen: false }),
  },
  note: {
    zh: "备注",
    en: "annotate",
    from: "any",
    roles: STAFF,
    site: "any",
    apply: (s) => s,
  },
  flag: {
    zh: "标记",
    en: "flag",
    from: "open",
    roles: ["system"],
    site: "custodian",
    apply: (s, e) =>
      s.flags.some((f) => f.kind === e.payload.kind)
        ? s
        : { ...s, flags: [...s.flags, { kind: e.payload.kind, eventId: e.id }] },
  },
};

function unknownMaterial(code: string) {
  return refuse({
    code: "NOT_ELIGIBLE",
    field: `materials.${code}`,
    zh: `材料「${code}」不在该事项的材料清单中`,
    en: `Material ${code} is not on this item's list`,
  });
}

function supplement(s: CaseState, e: EventOf<"supplement">): CaseState | DomainError {
  const unknown = e.payload.materials.find((m) => !(m.code in s.materials));
  if (unknown) return unknownMaterial(unknown.code);
  const today = day(e.at);
  const codes = new Set(e.payload.materials.map((m) => m.code));
  const materials = { ...s.materials };
  for (const c of codes) materials[c] = s.materials[c] === "deferred" ? "supplemented" : "provided";
  const promises = s.promises.map((p) =>
    codes.has(p.code) && p.suppliedOn === null ? { ...p, suppliedOn: today } : p,
  );
  let next: CaseState = { ...s, materials, promises, materialChecks: clearChecks(s, codes) };
  if (s.status === "NEEDS_CORRECTION") {
    const stillMissing = s.noticedCodes.filter((c) => materials[c] === "missing");
    if (stillMissing.length === 0) {
      next = {
        ...next,
        status: s.correctionReturnsTo ?? "SUBMITTED",
        correctionReturnsTo: null,
        pauses: closePause(s.pauses, "correction", e.at),
      };
    }
  }
  if (outstandingPromises(next).length === 0) {
    next = { ...next, pauses: closePause(next.pauses, "deferred_wait", e.at) };
  }
  return next;
}

/** Materials still to come that no 容缺 can cover: a main one, or any on an item without 容缺. */
function acceptBlocked(s: CaseState): DomainError | null {
  for (const m of lacking(s)) {
    if (m.requirement === "mandatory") {
      return refuse({
        code: "MATERIALS_OUTSTANDING",
        field: `materials.${m.code}`,
        zh: `主要材料「${m.name}」未提供，不能受理；请一次性告知补正`,
        en: `Mandatory material ${m.code} is missing; request a correction instead`,
      });
    }
    if (!s.item.deferralAllowed) {
      return refuse({
        code: "MATERIALS_OUTSTANDING",
        field: `materials.${m.code}`,
        zh: `材料「${m.name}」未提供，该事项不能容缺受理；请一次性告知补正`,
        en: `Material ${m.code} is missing and this item allows no deferral; request a correction`,
      });
    }
  }
  return null;
}

/** The item's materials not in hand, conditional ones aside. */
function lacking(s: CaseState) {
  return s.item.materials.filter((m) => {
    const state = s.materials[m.code];
    return state !== "provided" && state !== "supplemented" && m.requirement !== "conditional";
  });
}

function accept(s: CaseState, e: EventOf<"accept">): CaseState | DomainError {
  const deferredCodes = new Set(e.payload.deferred.map((d) => d.code));
  for (const m of lacking(s)) {
    if (!deferredCodes.has(m.code)) {
      return refuse({
        code: "MATERIALS_OUTSTANDING",
        field: `materials.${m.code}`,
        zh: `材料「${m.name}」未提供：请办理容缺并约定补交日期，或一次性告知补正`,
        en: `Material ${m.code} is missing: defer it with a promise date or request a correction`,
      });
    }
  }
  for (const d of e.payload.deferred) {
    const spec = s.item.materials.find((m) => m.code === d.code);
    if (!spec) return unknownMaterial(d.code);
    if (spec.requirement !== "deferrable" || !s.item.deferralAllowed) {
      return refuse({
        code: "NOT_ELIGIBLE",
        field: `deferred.${d.code}`,
        zh: `「${materialName(s, d.code)}」不在容缺清单内，不能容缺受理`,
        en: `${d.code} may not be deferred`,
      });
    }
    if (d.promisedBy <= day(e.at)) {
      return refuse({
        code: "OUT_OF_RANGE",
        field: `deferred.${d.code}.promisedBy`,
        zh: "容缺材料的承诺补交日期须晚于受理日",
        en: "The promised date must be after the acceptance day",
      });
    }
  }
  const materials = { ...s.materials };
  for (const c of deferredCodes) materials[c] = "deferred";
  return {
    ...s,
    status: "ACCEPTED",
    acceptedAt: e.at,
    materials,
    deferred: deferredCodes.size > 0,
    promises: e.payload.deferred.map((d) => ({ ...d, suppliedOn: null })),
  };
}

/** Starts a case from its intake event. */
export function startCase(e: CaseEvent): Check<CaseState> {
  if (e.type !== "intake") {
    return fail({
      code: "INVALID_TRANSITION",
      field: "type",
      zh: "办件尚未收件，不能进行该操作",
      en: `A case must start with intake, not ${e.type}`,
    });
  }
  const roleError = checkRole("intake", e.actor.role);
  if (roleError) return { ok: false, error: roleError };
  const p = e.payload;
  if (e.actor.role === "helper" && !p.item.stationAssist) {
    return fail({
      code: "NOT_ALLOWED",
      field: "itemCode",
      zh: `「${p.item.name}」不在帮办代办事项清单内，社区帮办员不能收件`,
      en: "Station helpers may only take items marked for assisted handling",
    });
  }
  if (p.mode === "proxy" && !p.residentPresent && !p.powerOfAttorney) {
    return fail({
      code: "NOT_ELIGIBLE",
      field: "powerOfAttorney",
      zh: "代办须有申请人签署的委托书（申请人本人到场的除外）",
      en: "Proxy handling needs a signed power of attorney unless the resident is present",
    });
  }
  const materials: CaseState["materials"] = {};
  for (const m of p.item.materials) materials[m.code] = "missing";
  for (const m of p.materials) {
    if (!(m.code in materials)) return { ok: false, error: unknownMaterial(m.code) };
    materials[m.code] = m.state;
  }
  return ok({
    status: "SUBMITTED",
    item: p.item,
    mode: p.mode,
    originSiteId: p.originSiteId,
    handlingSiteId: p.originSiteId,
    pickupSiteId: null,
    firstResponderId: e.actor.userId,
    assigneeId: e.actor.userId,
    materials,
    materialChecks: {},
    noticedCodes: [],
    noticeIds: [],
    deferred: false,
    promises: [],
    correctionReturnsTo: null,
    resumesTo: null,
    submittedAt: e.at,
    acceptedAt: null,
    decidedAt: null,
    issuedAt: null,
    completedAt: null,
    handover: null,
    closedAt: null,
    pauses: [],
    extensionWorkdays: 0,
    handoffs: [handoff(e, { kind: "intake", fromSiteId: null, toSiteId: p.originSiteId })],
    ratings: [],
    rectifications: [],
    complaintIds: [],
    conflicts: [],
    conflictOpen: false,
    opinion: null,
    awaitingApproval: false,
    flags: [],
    applied: [e.id],
    lastLamport: e.lamport,
  });
}

function checkRole(type: CaseEventType, role: Role): DomainError | null {
  const rule = rules[type];
  return rule.roles.includes(role) ? null : roleRefusal(role, rule.roles, rule.zh);
}

/**
 * Whether an actor may record an event of this type on the case now, whatever the payload:
 * the rule's statuses, roles, site and state precondition, in that order. The one gate
 * `applyEvent` and `allowedEvents` share, so what a screen offers is what the fold accepts.
 * A refusal comes back unbuilt: `allowedEvents` asks about every event type and needs no
 * error objects (each captures a stack).
 */
function gate(type: CaseEventType, state: CaseState, actor: Actor): (() => DomainError) | null {
  const rule = rules[type] as Rule<typeof type>;
  const fromOk =
    rule.from === "any" ||
    (rule.from === "open"
      ? !TERMINAL_STATUSES.has(state.status)
      : rule.from.includes(state.status));
  if (!fromOk) return () => statusRefusal(state.status, rule.zh, rule.en);
  if (!rule.roles.includes(actor.role)) return () => roleRefusal(actor.role, rule.roles, rule.zh);
  // The system acts only where the case is held: its custodian records the rules' events.
  const site = actor.role === "system" ? "custodian" : rule.site;
  if (site !== "any" && !siteAllows(site, state, actor)) return () => siteRuleRefusal(site);
  const refused = rule.when?.(state, actor);
  return refused ? () => refused : null;
}

/**
 * Applies one event to a case, or says why it cannot be applied. Never mutates `state`.
 * `null` state means the case does not exist yet: only `intake` can start it.
 */
export function applyEvent(state: CaseState | null, e: CaseEvent): Check<CaseState> {
  if (state === null) return startCase(e);
  const refused = gate(e.type, state, e.actor);
  if (refused) return { ok: false, error: refused() };
  const rule = rules[e.type] as Rule<typeof e.type>;
  const next = (rule.apply as (s: CaseState, ev: CaseEvent) => CaseState | DomainError)(state, e);
  if (next instanceof DomainError) return { ok: false, error: next };
  return ok({
    ...next,
    // 待审批 lasts while the case is in review: a decision, a 补正 or a suspension ends it.
    awaitingApproval: next.awaitingApproval && next.status === "IN_REVIEW",
    applied: [...state.applied, e.id],
    lastLamport: Math.max(state.lastLamport, e.lamport),
  });
}

/**
 * The events this actor may record on the case now, in the rule table's order. An event is
 * listed exactly when `applyEvent` would accept it with some valid payload; only refusals
 * that depend on the payload (an unknown material, a rating already given on that channel)
 * are left to `applyEvent`. Screens build their buttons from it; the API sends it with the case.
 */
export function allowedEvents(state: CaseState, actor: Actor): CaseEventType[] {
  return CASE_EVENT_TYPES.filter((type) => gate(type, state, actor) === null);
}

/** Roles that may record an event type — for menus and for API guards. */
export function rolesFor(type: CaseEventType): readonly Role[] {
  return rules[type].roles;
}

/**
 * The staff roles among them: who may record the event through a signed-in procedure.
 * Residents act through their own screens (rating, progress) and the system through rules.
 */
export function staffRolesFor(type: CaseEventType): readonly Role[] {
  return rules[type].roles.filter((r) => r !== "resident" && r !== "system");
}

/** The Chinese name of an action, for timelines and messages. */
export function actionLabel(type: CaseEventType): { zh: string; en: string } {
  return { zh: rules[type].zh, en: rules[type].en };
}
