import { z } from "zod";
import { compareDates, type LocalDate, localDateOf } from "../calendar/local-date";
import type { WorkCalendar } from "../calendar/workdays";
import { STAFF } from "../case/role-groups";
import { actorSchema, type Role } from "../case/types";
import type { JurisdictionRules } from "../config";
import { type Check, fail, ok } from "../errors";
import {
  COMPLAINT_CHANNELS,
  type ComplaintAction,
  type ComplaintStage,
  complaintAnswerDue,
  complaintNext,
  NOT_ACCEPTED_REASONS,
  substantiatedFollowUpDues,
} from "./complaint";

/**
 * The complaint machine: one complaint (投诉) or one 办不成事 record (兜底, `kind: "fallback"`)
 * is an append-only journal of these events; its state is the journal folded here, on every
 * node alike (the hub folds a station's push with the same function before it stores it).
 *
 * Who does what (DOMAIN.md §6, §8):
 * - 登记 (`register`): any staff post, at its own site; that site is the complaint's
 *   registering site for ever. A complaint needs a target (site, staff member or case); one
 *   registered without any can only be declined as `no_identifiable_target`.
 * - The handling side — 受理/不予受理, 处理, 办结, 归档整改结果, 回访 — is the street center's
 *   supervision posts, `COMPLAINT_HANDLERS` (center lead and reviewers), at the center of the
 *   street that registered the complaint (`handlingCenterOf`): the complainant stays at that
 *   street, and the handler calls them back and replies in writing. Another street a complaint
 *   is about (its station complained of at a neighbouring street) sees it, but does not handle
 *   it — so two streets never answer one complaint two ways. Not the
 *   station lead: most complaints are about a station's own window, the station would judge
 *   itself, and the handler sees the complainant in clear, which the staff complained about
 *   must never do (§8). A station therefore only ever adds `register` events.
 * - 办不成事 (`fallback`): registered by any staff; closed with its outcome (办成/转办/解释) by
 *   the named coordinator or the center lead.
 */
export const COMPLAINT_HANDLERS: readonly Role[] = ["center_lead", "reviewer"];

/** The two kinds of record the journal holds. */
export const COMPLAINT_KINDS = ["complaint", "fallback"] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** How a 办不成事 matter ended: 办成 / 转办 / 解释说明. */
export const FALLBACK_OUTCOMES = ["done", "referred", "explained"] as const;
export type FallbackOutcome = (typeof FALLBACK_OUTCOMES)[number];
export const fallbackOutcomeLabels: Readonly<Record<FallbackOutcome, string>> = {
  done: "办成",
  referred: "转办",
  explained: "解释说明",
};

const text = (max: number) => z.string().trim().min(1).max(max);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What a complaint is about; at least one for it to be accepted. */
export const complaintTargetSchema = z.object({
  siteId: z.string().min(1).max(20).optional(),
  staffId: z.string().min(1).max(64).optional(),
  caseId: z.string().min(1).max(40).optional(),
});
export type ComplaintTarget = z.infer<typeof complaintTargetSchema>;

/**
 * Registered without a complainant (匿名): set once by the registering node from whether one was
 * given, never changed (it is part of the register event, which the journal keeps as it was).
 * Absent from documents older than the flag: unknown. A node that is not told the complainant
 * (the district, another street) reads "kept at the registering street" from `false`.
 */
const anonymous = z.boolean().optional();

const registerComplaint = z.object({
  kind: z.literal("complaint"),
  channel: z.enum(COMPLAINT_CHANNELS),
  target: complaintTargetSchema,
  content: text(2000),
  written: z.boolean(),
  complexity: z.enum(["simple", "complex"]),
  anonymous,
});
const registerFallback = z.object({
  kind: z.literal("fallback"),
  /** The resident's matter that could not be done through the normal channels. */
  matter: text(2000),
  coordinatorId: z.string().min(1).max(64),
  deadline: localDate,
  anonymous,
});

/** An instant with its zone, as localDateOf reads it (the fold dates every event by it). */
const instant = z
  .string()
  .max(40)
  .refine((s) => {
    try {
      localDateOf(s);
      return true;
    } catch {
      return false;
    }
  }, "时间应为带时区的 ISO 时间");

const base = { id: z.string().min(1).max(64), at: instant, actor: actorSchema };

/** One event of a complaint's journal (JSON in the document; checked again by the hub). */
export const complaintEventSchema = z.discriminatedUnion("type", [
  z.object({
    ...base,
    type: z.literal("register"),
    payload: z.discriminatedUnion("kind", [registerComplaint, registerFallback]),
  }),
  z.object({ ...base, type: z.literal("accept"), payload: z.object({}) }),
  z.object({
    ...base,
    type: z.literal("decline"),
    payload: z.object({ reason: z.enum(NOT_ACCEPTED_REASONS), note: text(500).optional() }),
  }),
  z.object({ ...base, type: z.literal("start_handling"), payload: z.object({}) }),
  z.object({
    ...base,
    type: z.literal("close"),
    payload: z.object({
      substantiated: z.boolean(),
      /** 书面答复: required when the complaint was written. */
      reply: text(4000).optional(),
      result: text(2000),
    }),
  }),
  z.object({ ...base, type: z.literal("file_result"), payload: z.object({ result: text(2000) }) }),
  z.object({
    ...base,
    type: z.literal("follow_up"),
    payload: z.object({ reached: z.boolean(), result: text(1000) }),
  }),
  z.object({
    ...base,
    type: z.literal("fallback_close"),
    payload: z.object({ outcome: z.enum(FALLBACK_OUTCOMES), note: text(2000) }),
  }),
]);
export type ComplaintEvent = z.infer<typeof complaintEventSchema>;
export type ComplaintEventType = ComplaintEvent["type"];
export type RegisterPayload = Extract<ComplaintEvent, { type: "register" }>["payload"];

/** A complaint folded from its journal. */
export interface ComplaintState {
  id: string;
  kind: ComplaintKind;
  /** The site that registered it (the only site that may push its register event). */
  siteId: string;
  registeredAt: string;
  registeredOn: LocalDate;
  registeredBy: string;
  register: RegisterPayload;
  stage: ComplaintStage;
  declineReason: (typeof NOT_ACCEPTED_REASONS)[number] | null;
  substantiated: boolean | null;
  reply: string | null;
  result: string | null;
  closedOn: LocalDate | null;
  resultFiledOn: LocalDate | null;
  /** The rectification result filed after a substantiated close (归档整改结果). */
  filedResult: string | null;
  /** Callback attempts, in order; the one that reached the complainant moves to 回访. */
  followUps: { on: LocalDate; reached: boolean; result: string; by: string }[];
  outcome: FallbackOutcome | null;
  /** The center handler who last moved the complaint (reminders go to them); null before. */
  handledBy: string | null;
  /** Ids of the events folded. */
  applied: string[];
}

const refuse = (zh: string, en: string, field = "actor"): Check<never> =>
  fail({ code: "NOT_ALLOWED", field, zh, en });

const hasTarget = (t: ComplaintTarget) => !!(t.siteId || t.staffId || t.caseId);

/** Whether `actor` is the center's complaint handler (center lead or reviewer, at a center). */
export function isComplaintHandler(actor: { role: Role; siteKind: string }): boolean {
  return actor.siteKind === "center" && COMPLAINT_HANDLERS.includes(actor.role);
}

/**
 * The center whose handlers run a complaint's loop: the registering site's (a station's center
 * is its code's first 9 digits; a center is its own).
 */
export function handlingCenterOf(s: Pick<ComplaintState, "siteId">): string {
  return s.siteId.slice(0, 9);
}

/** The first event of a journal: a complaint or 兜底 record as registered. */
function registered(e: ComplaintEvent, id: string): Check<ComplaintState> {
  if (e.type !== "register") {
    return fail({
      code: "INVALID_TRANSITION",
      field: "journal",
      zh: "投诉记录的第一条必须是登记",
      en: "a complaint journal starts with register",
    });
  }
  if (!STAFF.includes(e.actor.role)) {
    return refuse("只有工作人员可以登记投诉或办不成事事项", `${e.actor.role} cannot register`);
  }
  if (e.payload.kind === "fallback" && !e.payload.coordinatorId) {
    return refuse("请指定协调人", "a coordinator is required", "coordinatorId");
  }
  return ok({
    id,
    kind: e.payload.kind,
    siteId: e.actor.siteId,
    registeredAt: e.at,
    registeredOn: localDateOf(e.at),
    registeredBy: e.actor.userId,
    register: e.payload,
    stage: "registered",
    declineReason: null,
    substantiated: null,
    reply: null,
    result: null,
    closedOn: null,
    resultFiledOn: null,
    filedResult: null,
    followUps: [],
    outcome: null,
    handledBy: null,
    applied: [e.id],
  });
}

/** The stage move of a loop event, checked against complaint.ts's loop. */
function moved(s: ComplaintState, action: ComplaintAction): Check<ComplaintStage> {
  return complaintNext(s.stage, action);
}

/**
 * Applies one event to a complaint: who may (see the module comment), in which stage, with
 * which payload. Pure; the state is not modified.
 */
export function applyComplaintEvent(s: ComplaintState, e: ComplaintEvent): Check<ComplaintState> {
  if (e.type === "register") {
    return fail({
      code: "INVALID_TRANSITION",
      field: "journal",
      zh: "投诉已登记，不能再次登记",
      en: "already registered",
    });
  }
  const on = localDateOf(e.at);
  const next = { ...s, applied: [...s.applied, e.id] };
  if (s.kind === "fallback") return applyFallback(next, e, on);
  if (e.type === "fallback_close") {
    return fail({
      code: "INVALID_TRANSITION",
      field: "type",
      zh: "这是投诉，不是办不成事事项",
      en: "fallback_close on a complaint",
    });
  }
  if (!isComplaintHandler(e.actor)) {
    return refuse(
      "投诉由街道中心负责人或审查员办理，站点不能办理投诉",
      `${e.actor.role} at a ${e.actor.siteKind} cannot ${e.type} a complaint`,
    );
  }
  if (e.actor.siteId !== handlingCenterOf(s)) {
    return refuse(
      "投诉由登记投诉的街道中心办理（投诉人信息留在该街道），其他街道只能查看",
      `only the center of ${handlingCenterOf(s)}, where the complaint was registered, handles it`,
    );
  }
  next.handledBy = e.actor.userId;
  const target = s.register.kind === "complaint" ? s.register.target : {};
  const written = s.register.kind === "complaint" && s.register.written;
  if (e.type === "file_result") {
    if (s.substantiated !== true || (s.stage !== "closed" && s.stage !== "followed_up")) {
      return refuse(
        "只有办结且属实的投诉需要归档整改结果",
        "file_result needs a substantiated, closed complaint",
        "stage",
      );
    }
    if (s.resultFiledOn) return refuse("整改结果已归档", "result already filed", "stage");
    return ok({ ...next, resultFiledOn: on, filedResult: e.payload.result });
  }
  const step = moved(s, e.type);
  if (!step.ok) return step;
  switch (e.type) {
    case "accept":
      if (!hasTarget(target)) {
        return refuse(
          "投诉没有明确对象（站点、人员或办件），只能以「无明确投诉对象」不予受理",
          "no target: only decline(no_identifiable_target)",
          "target",
        );
      }
      return ok({ ...next, stage: step.value });
    case "decline":
      if (!hasTarget(target) && e.payload.reason !== "no_identifiable_target") {
        return refuse(
          "投诉没有明确对象，不予受理的理由应为「无明确投诉对象」",
          "a complaint without target is declined as no_identifiable_target",
          "reason",
        );
      }
      return ok({ ...next, stage: step.value, declineReason: e.payload.reason, closedOn: on });
    case "start_handling":
      return ok({ ...next, stage: step.value });
    case "close":
      if (written && !e.payload.reply) {
        return refuse(
          "书面投诉须书面答复：请填写答复内容",
          "a written complaint needs a reply",
          "reply",
        );
      }
      return ok({
        ...next,
        stage: step.value,
        substantiated: e.payload.substantiated,
        reply: e.payload.reply ?? null,
        result: e.payload.result,
        closedOn: on,
      });
    case "follow_up": {
      const followUps = [
        ...s.followUps,
        { on, reached: e.payload.reached, result: e.payload.result, by: e.actor.userId },
      ];
      // An attempt that did not reach the complainant is recorded; the loop waits for one that does.
      return ok({ ...next, followUps, stage: e.payload.reached ? step.value : s.stage });
    }
  }
}

function applyFallback(
  s: ComplaintState,
  e: Exclude<ComplaintEvent, { type: "register" }>,
  on: LocalDate,
): Check<ComplaintState> {
  if (e.type !== "fallback_close") {
    return fail({
      code: "INVALID_TRANSITION",
      field: "type",
      zh: "办不成事事项只能登记和办结",
      en: `${e.type} on a fallback record`,
    });
  }
  if (s.stage !== "registered") {
    return fail({
      code: "INVALID_TRANSITION",
      field: "stage",
      zh: "办不成事事项已办结",
      en: "fallback record already closed",
    });
  }
  const coordinator = s.register.kind === "fallback" ? s.register.coordinatorId : "";
  if (e.actor.userId !== coordinator && e.actor.role !== "center_lead") {
    return refuse(
      "只有协调人或中心负责人可以办结办不成事事项",
      "only the coordinator or center lead",
    );
  }
  return ok({
    ...s,
    stage: "closed",
    outcome: e.payload.outcome,
    result: e.payload.note,
    closedOn: on,
  });
}

/** Folds a whole journal in its order; the first refused event ends it with its id. */
export function foldComplaint(
  id: string,
  journal: readonly ComplaintEvent[],
): { state: ComplaintState | null; refused: { eventId: string; error: Check<never> } | null } {
  const [first, ...rest] = journal;
  if (!first) return { state: null, refused: null };
  const start = registered(first, id);
  if (!start.ok) return { state: null, refused: { eventId: first.id, error: start } };
  let state = start.value;
  for (const e of rest) {
    const r = applyComplaintEvent(state, e);
    if (!r.ok) return { state, refused: { eventId: e.id, error: r } };
    state = r.value;
  }
  return { state, refused: null };
}

/** The events the actor may record next (the buttons a screen shows). */
export function complaintActions(
  s: ComplaintState,
  actor: { userId: string; role: Role; siteId: string; siteKind: string },
): ComplaintEventType[] {
  if (s.kind === "fallback") {
    const may =
      s.stage === "registered" &&
      (actor.role === "center_lead" ||
        (s.register.kind === "fallback" && s.register.coordinatorId === actor.userId));
    return may ? ["fallback_close"] : [];
  }
  if (!isComplaintHandler(actor) || actor.siteId !== handlingCenterOf(s)) return [];
  const out: ComplaintEventType[] = [];
  for (const a of ["accept", "decline", "start_handling", "close", "follow_up"] as const) {
    if (complaintNext(s.stage, a).ok) out.push(a);
  }
  if (s.register.kind === "complaint" && !hasTarget(s.register.target)) {
    return out.filter((a) => a !== "accept");
  }
  if (s.substantiated === true && !s.resultFiledOn && s.closedOn) out.push("file_result");
  return out;
}

/** A deadline and whether it has passed today. */
export interface ComplaintDue {
  what: "answer" | "file_result" | "callback" | "fallback";
  date: LocalDate;
  overdue: boolean;
}

/**
 * The deadlines still open, computed when read (the calendar may change): the answer (simple:
 * the same day; complex: N working days after registration) until closed; after a
 * substantiated close, filing the result (≤2 working days) and the callback (≤4); an
 * unsubstantiated complaint is called back within the same period (feedback is always given);
 * a 办不成事 record, its own deadline until closed.
 */
export function complaintDues(
  s: ComplaintState,
  today: LocalDate,
  rules: Pick<
    JurisdictionRules,
    "complaintComplexWorkdays" | "complaintFileResultWorkdays" | "complaintCallbackWorkdays"
  >,
  calendar: Pick<WorkCalendar, "addWorkdays">,
): ComplaintDue[] {
  const due = (what: ComplaintDue["what"], date: LocalDate): ComplaintDue => ({
    what,
    date,
    overdue: compareDates(date, today) < 0,
  });
  if (s.register.kind === "fallback") {
    return s.stage === "registered" ? [due("fallback", s.register.deadline)] : [];
  }
  if (["registered", "accepted", "handling"].includes(s.stage)) {
    return [
      due(
        "answer",
        complaintAnswerDue(s.registeredOn, s.register.complexity, rules, calendar).date,
      ),
    ];
  }
  if (s.stage !== "closed" || !s.closedOn) return [];
  const after = substantiatedFollowUpDues(s.closedOn, rules, calendar);
  const out: ComplaintDue[] = [];
  if (s.substantiated && !s.resultFiledOn) out.push(due("file_result", after.fileResultBy.date));
  out.push(due("callback", after.callbackBy.date));
  return out;
}

/**
 * Whether a complaint (or 办不成事 record) was registered anonymously: true or false as fixed at
 * registration, null for a document older than the flag.
 */
export function registeredAnonymous(s: Pick<ComplaintState, "register">): boolean | null {
  return s.register.anonymous ?? null;
}

/** The register payload with its anonymous flag set from whether a complainant was given. */
export function withAnonymity<P extends RegisterPayload>(payload: P, complainantGiven: boolean): P {
  return { ...payload, anonymous: !complainantGiven };
}

/**
 * The registering node's word checked against what it sent: a flag that says anonymous while a
 * complainant came with it (or the reverse) is refused. Only where the complainant travels
 * (station → street); an older document without the flag passes.
 */
export function anonymityRefusal(
  payload: RegisterPayload,
  complainantGiven: boolean,
): Check<never> | null {
  if (payload.anonymous === undefined || payload.anonymous === !complainantGiven) return null;
  return fail({
    code: "INVALID_FORMAT",
    field: "anonymous",
    zh: payload.anonymous ? "匿名投诉不应附带投诉人信息" : "非匿名投诉缺少投诉人信息",
    en: payload.anonymous
      ? "an anonymous complaint came with a complainant"
      : "a named complaint came without its complainant",
  });
}

/** Whether the complaint is about this site: registered there, or its target names it. */
export function complaintConcernsSite(s: ComplaintState, siteId: string): boolean {
  return s.siteId === siteId || targetSiteOf(s) === siteId;
}

/** The site a complaint targets, if it names one. */
export function targetSiteOf(s: Pick<ComplaintState, "register">): string | null {
  return s.register.kind === "complaint" ? (s.register.target.siteId ?? null) : null;
}
