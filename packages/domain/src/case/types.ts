import { z } from "zod";
import { approvalLevelSchema, caseKindSchema, itemTypeSchema } from "../catalog/schema";
import { eligibilitySchema } from "../eligibility/eligibility";
import { ratingChannelSchema } from "../rating/rating";

/**
 * The case vocabulary shared by every replica: statuses, roles, actors and the journal
 * events. The status is never stored as truth — it is derived by folding the journal
 * (see fold.ts) — so these schemas are what travels between stations and the hub.
 */

export const CASE_STATUSES = [
  "SUBMITTED",
  "NEEDS_CORRECTION",
  "REJECTED_AT_INTAKE",
  "ACCEPTED",
  "IN_REVIEW",
  "SUSPENDED",
  "APPROVED",
  "DENIED",
  "READY_FOR_PICKUP",
  "COMPLETED",
  "WITHDRAWN",
  "TERMINATED",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const caseStatusLabels: Record<CaseStatus, { zh: string; en: string }> = {
  SUBMITTED: { zh: "已收件", en: "Submitted" },
  NEEDS_CORRECTION: { zh: "待补正", en: "Needs correction" },
  REJECTED_AT_INTAKE: { zh: "不予受理", en: "Rejected at intake" },
  ACCEPTED: { zh: "已受理", en: "Accepted" },
  IN_REVIEW: { zh: "审查中", en: "In review" },
  SUSPENDED: { zh: "特别程序", en: "Suspended" },
  APPROVED: { zh: "准予", en: "Approved" },
  DENIED: { zh: "不予许可", en: "Denied" },
  READY_FOR_PICKUP: { zh: "待出件", en: "Ready for pickup" },
  COMPLETED: { zh: "已办结", en: "Completed" },
  WITHDRAWN: { zh: "已撤回", en: "Withdrawn" },
  TERMINATED: { zh: "已终止", en: "Terminated" },
};

export const TERMINAL_STATUSES: ReadonlySet<CaseStatus> = new Set([
  "REJECTED_AT_INTAKE",
  "COMPLETED",
  "WITHDRAWN",
  "TERMINATED",
]);

export const ROLES = [
  "resident",
  "helper",
  "station_lead",
  "front_desk",
  "reviewer",
  "approver",
  "center_lead",
  "district_admin",
  "system",
] as const;
export type Role = (typeof ROLES)[number];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  resident: { zh: "群众", en: "Resident" },
  helper: { zh: "帮办员", en: "Station helper" },
  station_lead: { zh: "站长", en: "Station lead" },
  front_desk: { zh: "综合窗口", en: "Front desk" },
  reviewer: { zh: "审查员", en: "Reviewer" },
  approver: { zh: "审批人", en: "Approver" },
  center_lead: { zh: "中心负责人", en: "Center lead" },
  district_admin: { zh: "区级管理员", en: "District administrator" },
  system: { zh: "系统", en: "System" },
};

export const SITE_KINDS = ["station", "center", "district", "online"] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const actorSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES),
  siteId: z.string().min(1),
  siteKind: z.enum(SITE_KINDS),
});
export type Actor = z.infer<typeof actorSchema>;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");
const text = (max: number) => z.string().trim().min(1).max(max);

export const materialStateSchema = z.enum(["provided", "missing", "deferred", "supplemented"]);
export type MaterialState = z.infer<typeof materialStateSchema>;

const materialEntry = z.object({ code: text(64), state: materialStateSchema });

/**
 * The rule-relevant part of the catalog item, frozen into the case at intake (the same shape
 * as catalog's `toItemSnapshot`), so a later catalog version never changes a case's rules.
 */
export const itemRulesSchema = z.object({
  code: text(32),
  version: z.number().int().min(1),
  name: text(100),
  kind: caseKindSchema,
  type: itemTypeSchema,
  approvalLevel: approvalLevelSchema,
  stationAssist: z.boolean(),
  stationMayComplete: z.boolean(),
  deferralAllowed: z.boolean(),
  legalDays: z.number().int().min(0).nullable(),
  promisedDays: z.number().int().min(0),
  publicityWorkdays: z.number().int().min(0).nullable(),
  materials: z
    .array(
      z.object({
        code: text(64),
        name: text(100),
        requirement: z.enum(["mandatory", "deferrable", "conditional"]),
      }),
    )
    .min(1),
  eligibility: eligibilitySchema.optional(),
});
export type ItemRules = z.infer<typeof itemRulesSchema>;

/** 18 characters with the 8 birth-date digits starred (privacy/mask.ts maskIdNumber). */
const maskedId = z
  .string()
  .regex(/^\d{6}\*{8}\d{3}[\dX]$/, "证件号码应为脱敏形式，如 110105********1234");

/**
 * 送达: who collected the result and how — 本人 (the applicant) or 代领 (someone else, whose
 * name and ID number the counter checked). The journal keeps the collector's ID masked: the
 * full number was checked at the counter and stays on the signed 送达回证 (DOMAIN.md §8).
 */
export const handoverSchema = z.object({
  how: z.enum(["self", "collector"]),
  collector: z.object({ name: text(50), idMasked: maskedId }).optional(),
});
export type Handover = z.infer<typeof handoverSchema>;

const payloads = {
  intake: z.object({
    item: itemRulesSchema,
    mode: z.enum(["assist", "proxy"]),
    residentPresent: z.boolean(),
    powerOfAttorney: z.boolean(),
    /** Present (true) only when the 户口簿 stood in for the ID number's address code (户籍). */
    householdVerified: z.literal(true).optional(),
    originSiteId: text(32),
    materials: z.array(materialEntry),
  }),
  update_materials: z.object({ materials: z.array(materialEntry).min(1) }),
  request_correction: z.object({
    noticeId: text(64),
    missing: z.array(z.object({ code: text(64), reason: text(200) })).min(1),
  }),
  /**
   * 审查 of one material: 合格, or 需补正 with what is wanting (feeds the 一次性告知). The
   * latest mark per material stands (case/material-checks.ts).
   */
  check_material: z.object({
    code: text(64),
    verdict: z.enum(["ok", "needs_correction"]),
    reason: z.string().trim().max(200).optional(),
  }),
  supplement: z.object({
    materials: z
      .array(z.object({ code: text(64), attachments: z.array(text(80)).default([]) }))
      .min(1),
  }),
  reject_intake: z.object({ reason: text(500), competentBody: z.string().max(100).optional() }),
  accept: z.object({
    deferred: z.array(z.object({ code: text(64), promisedBy: localDate })).default([]),
  }),
  start_review: z.object({}),
  suspend: z.object({
    reason: z.enum([
      "publicity",
      "hearing",
      "testing",
      "appraisal",
      "expert_review",
      "verification",
      "other",
      /** 容缺 grace (Taizhou policy): suspended by the system when a promise is missed. */
      "deferred_grace",
    ]),
    note: z.string().max(500).optional(),
  }),
  resume: z.object({}),
  submit_for_approval: z.object({
    opinion: text(500),
    recommendation: z.enum(["approve", "deny"]),
  }),
  approve: z.object({ note: z.string().max(500).optional() }),
  deny: z.object({ reason: text(500) }),
  issue: z.object({ pickupSiteId: text(32).optional() }),
  /** `handover` is absent on journals recorded before it was asked for. */
  complete: z.object({ note: z.string().max(500).optional(), handover: handoverSchema.optional() }),
  withdraw: z.object({ reason: z.string().max(500).optional() }),
  /**
   * `outcome` names what the system did when a 容缺 promise ran out: 终止 at once, or 退件
   * after the grace period. Absent on a person's 终止 and on journals recorded before it.
   */
  terminate: z.object({
    reason: text(500),
    outcome: z.enum(["terminated", "returned"]).optional(),
  }),
  extend: z.object({ workdays: z.number().int().min(1).max(60), reason: text(500) }),
  transfer: z.object({ toSiteId: text(32), reason: text(500) }),
  forward: z.object({ toSiteId: text(32) }),
  set_pickup_site: z.object({ siteId: text(32) }),
  reassign: z.object({ toUserId: text(64), reason: text(500) }),
  rate: z.object({
    level: z.number().int().min(1).max(5),
    channel: ratingChannelSchema,
    stage: text(32).default("completion"),
    dimensions: z.record(z.string(), z.number().int().min(1).max(5)).optional(),
    /** What the resident wrote, if anything (the public rating page asks; optional). */
    comment: z.string().trim().max(500, "评价内容不能超过 500 个字").optional(),
    /**
     * The rater chose not to be named: no callback is owed (回访 is for 实名差评). Absent: the
     * rating is the applicant's own, on their case, and they can be called back.
     */
    anonymous: z.boolean().optional(),
  }),
  // 差评整改 (DOMAIN.md §5, case/rectification.ts): each names the 差评 by its rating event.
  rectify_classify: z.discriminatedUnion("kind", [
    z.object({
      ratingEventId: text(120),
      kind: z.literal("immediate"),
      note: text(500).optional(),
    }),
    z.object({
      ratingEventId: text(120),
      kind: z.literal("ledger"),
      due: localDate,
      note: text(500).optional(),
    }),
    z.object({
      ratingEventId: text(120),
      kind: z.literal("no_legal_basis"),
      explanation: text(500),
    }),
  ]),
  rectify_record: z.object({ ratingEventId: text(120), text: text(500) }),
  rectify_callback: z.object({
    ratingEventId: text(120),
    reached: z.boolean(),
    result: text(500),
    satisfied: z.boolean().optional(),
  }),
  rectify_appeal: z.object({ ratingEventId: text(120), reason: text(500) }),
  rectify_appeal_decide: z.object({
    ratingEventId: text(120),
    upheld: z.boolean(),
    reason: text(500),
  }),
  complain: z.object({ complaintId: text(64), channel: text(32) }),
  resolve_conflict: z.object({ note: text(500) }),
  note: z.object({ text: text(2000) }),
  /** A mark the rules put on a case (recorded by the system; see schedule/time-rules.ts). */
  flag: z.object({ kind: z.enum(["correction_notice_late"]), note: text(500) }),
} as const;

export type CaseEventType = keyof typeof payloads;
export const CASE_EVENT_TYPES = Object.keys(payloads) as CaseEventType[];
export type PayloadOf<T extends CaseEventType> = z.infer<(typeof payloads)[T]>;

/** The time rule a system event carries out, and the day it fell due (schedule/time-rules.ts). */
export const ruleRefSchema = z.object({ id: text(40), dueOn: localDate });
export type RuleRef = z.infer<typeof ruleRefSchema>;

const eventBase = {
  /**
   * Globally unique and sortable (ULID), minted by the node that recorded it. A system event's
   * id is derived from its rule, case and due date instead (`systemEventId`), so the same rule
   * firing twice, or on two nodes, records one event.
   */
  id: z.string().min(10).max(120),
  /** ISO instant the action happened, by the recording node's clock. */
  at: z.string().datetime({ offset: true }),
  /**
   * Lamport clock: one more than the largest `lamport` the recorder had seen on this case.
   * Sorting by (lamport, at, id) puts every event after the events it was recorded on top
   * of, whatever the sites' clocks say, and orders concurrent ones the same way everywhere.
   */
  lamport: z.number().int().min(0),
  actor: actorSchema,
  /** System events only: the rule that fired and its due date. */
  rule: ruleRefSchema.optional(),
};

const variants = CASE_EVENT_TYPES.map((type) =>
  z.object({ ...eventBase, type: z.literal(type), payload: payloads[type] }),
);

export const caseEventSchema = z.discriminatedUnion(
  "type",
  variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]],
);

export type CaseEvent = {
  [T in CaseEventType]: {
    id: string;
    at: string;
    lamport: number;
    actor: Actor;
    type: T;
    payload: PayloadOf<T>;
    rule?: RuleRef;
  };
}[CaseEventType];

export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export function payloadSchemaOf<T extends CaseEventType>(type: T): (typeof payloads)[T] {
  return payloads[type];
}
