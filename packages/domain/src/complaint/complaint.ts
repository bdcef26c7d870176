import type { LocalDate } from "../calendar/local-date";
import type { WorkCalendar, WorkdayDate } from "../calendar/workdays";
import type { JurisdictionRules } from "../config";
import { type Check, DomainError, fail, ok } from "../errors";

/** Complaints (投诉) and the 办不成事反映窗口 (DOMAIN.md §6). */

// ---------------------------------------------------------------------------
// Channels

/** Where a complaint comes in. */
export const COMPLAINT_CHANNELS = [
  "cant_get_it_done_desk",
  "phone",
  "12345",
  "suggestion_box",
  "qr_code",
] as const;
/** Where a complaint comes in. */
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Chinese label of each channel. */
export const complaintChannelLabels: Readonly<Record<ComplaintChannel, string>> = {
  cant_get_it_done_desk: "办不成事反映窗口",
  phone: "投诉电话",
  "12345": "12345 政务服务便民热线",
  suggestion_box: "意见箱",
  qr_code: "扫码投诉",
};

// ---------------------------------------------------------------------------
// The loop 登记→受理→处理→办结→回访

/** Stages of the loop; `not_accepted` ends it early (feedback is still given). */
export const COMPLAINT_STAGES = [
  "registered",
  "accepted",
  "handling",
  "closed",
  "followed_up",
  "not_accepted",
] as const;
/** A stage of the complaint loop. */
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

/** Chinese label of each stage. */
export const complaintStageLabels: Readonly<Record<ComplaintStage, string>> = {
  registered: "登记",
  accepted: "受理",
  handling: "处理",
  closed: "办结",
  followed_up: "回访",
  not_accepted: "不予受理",
};

/** What a person does to move a complaint on. */
export type ComplaintAction = "accept" | "decline" | "start_handling" | "close" | "follow_up";

/** Chinese label of each action. */
export const complaintActionLabels: Readonly<Record<ComplaintAction, string>> = {
  accept: "受理",
  decline: "不予受理",
  start_handling: "开始处理",
  close: "办结",
  follow_up: "回访",
};

const transitions: Readonly<
  Record<ComplaintStage, Partial<Record<ComplaintAction, ComplaintStage>>>
> = {
  registered: { accept: "accepted", decline: "not_accepted" },
  accepted: { start_handling: "handling" },
  handling: { close: "closed" },
  closed: { follow_up: "followed_up" },
  followed_up: {},
  not_accepted: {},
};

/** The stage after `action`, or INVALID_TRANSITION when the loop does not allow it. */
export function complaintNext(
  stage: ComplaintStage,
  action: ComplaintAction,
): Check<ComplaintStage> {
  const next = transitions[stage][action];
  if (next !== undefined) return ok(next);
  return fail({
    code: "INVALID_TRANSITION",
    field: "stage",
    zh: `投诉当前处于「${complaintStageLabels[stage]}」环节，不能${complaintActionLabels[action]}`,
    en: `cannot ${action} a complaint at stage ${stage}`,
  });
}

// ---------------------------------------------------------------------------
// Not accepted

/** Why a complaint is not accepted. */
export const NOT_ACCEPTED_REASONS = [
  "no_identifiable_target",
  "unverifiable",
  "outside_government_service",
  "under_review_or_litigation",
] as const;
/** Why a complaint is not accepted. */
export type NotAcceptedReason = (typeof NOT_ACCEPTED_REASONS)[number];

/** Chinese label of each reason. */
export const notAcceptedReasonLabels: Readonly<Record<NotAcceptedReason, string>> = {
  no_identifiable_target: "无明确投诉对象",
  unverifiable: "投诉事项无法核实",
  outside_government_service: "不属于政务服务范围",
  under_review_or_litigation: "已进入行政复议或行政诉讼程序",
};

// ---------------------------------------------------------------------------
// Deadlines

/** simple: answered on the spot; complex: within N working days. */
export type ComplaintComplexity = "simple" | "complex";

function workdaysAfter(
  calendar: Pick<WorkCalendar, "addWorkdays">,
  start: LocalDate,
  n: number,
): WorkdayDate {
  const target = calendar.addWorkdays(start, n);
  // Without pauses the clock cannot be blocked; this guards the type, not a real case.
  if (target.blocked) throw new Error("addWorkdays blocked without pauses");
  return { date: target.date, uncertain: target.uncertain };
}

/**
 * The day a complaint must be answered: a simple one on the spot (the day it came in,
 * whatever day that is), a complex one N working days later (default 5).
 */
export function complaintAnswerDue(
  receivedOn: LocalDate,
  complexity: ComplaintComplexity,
  rules: Pick<JurisdictionRules, "complaintComplexWorkdays">,
  calendar: Pick<WorkCalendar, "addWorkdays">,
): WorkdayDate {
  if (complexity === "simple") return workdaysAfter(calendar, receivedOn, 0);
  return workdaysAfter(calendar, receivedOn, rules.complaintComplexWorkdays);
}

/** Deadlines after a substantiated complaint is closed. */
export interface SubstantiatedFollowUpDues {
  /** File the rectification result (default 2 working days after closing). */
  fileResultBy: WorkdayDate;
  /** Call the complainant back (default 4 working days after closing). */
  callbackBy: WorkdayDate;
}

/** When a substantiated complaint's result is filed and the complainant called back (Shenzhen). */
export function substantiatedFollowUpDues(
  closedOn: LocalDate,
  rules: Pick<JurisdictionRules, "complaintFileResultWorkdays" | "complaintCallbackWorkdays">,
  calendar: Pick<WorkCalendar, "addWorkdays">,
): SubstantiatedFollowUpDues {
  return {
    fileResultBy: workdaysAfter(calendar, closedOn, rules.complaintFileResultWorkdays),
    callbackBy: workdaysAfter(calendar, closedOn, rules.complaintCallbackWorkdays),
  };
}

// ---------------------------------------------------------------------------
// Accountability

/** Radar complaint rate = substantiated complaints ÷ cases handled [A]; null with no cases. */
export function complaintRate(substantiated: number, handled: number): number | null {
  const valid =
    Number.isSafeInteger(substantiated) &&
    Number.isSafeInteger(handled) &&
    substantiated >= 0 &&
    handled >= 0;
  if (!valid) {
    throw new DomainError({
      code: "OUT_OF_RANGE",
      field: "substantiated",
      zh: `投诉率计数无效：${substantiated} / ${handled} 应为非负整数`,
      en: `complaint rate counts must be whole and non-negative; got ${substantiated} / ${handled}`,
    });
  }
  // More substantiated complaints than cases is possible (several about one case), so no cap.
  return handled === 0 ? null : substantiated / handled;
}

/** ≥ threshold (default 2) substantiated complaints in a year: the person leaves the window. */
export function removalFromWindow(
  substantiatedThisYear: number,
  rules: Pick<JurisdictionRules, "complaintRemovalThreshold">,
): boolean {
  return substantiatedThisYear >= rules.complaintRemovalThreshold;
}

// ---------------------------------------------------------------------------
// Record

/** One complaint as registered. The complainant fields never reach the staff concerned. */
export interface Complaint {
  id: string;
  channel: ComplaintChannel;
  receivedOn: LocalDate;
  stage: ComplaintStage;
  complexity: ComplaintComplexity;
  summary: string;
  /** A written complaint gets a written reply. */
  written: boolean;
  caseId?: string;
  targetStaffId?: string;
  targetSiteId?: string;
  notAcceptedReason?: NotAcceptedReason;
  /** Set once handled: whether the complaint proved founded. */
  substantiated?: boolean;
  complainantName?: string;
  complainantPhone?: string;
  complainantIdNumber?: string;
  complainantAddress?: string;
  complainantContact?: string;
}

// ---------------------------------------------------------------------------
// Privacy

/** The fields that identify a complainant. */
export type ComplainantFields =
  | "complainantName"
  | "complainantPhone"
  | "complainantIdNumber"
  | "complainantAddress"
  | "complainantContact";

/** A complaint as the staff it concerns may see it: without the complainant. */
export type StaffComplaintView<T = Complaint> = Omit<T, ComplainantFields>;

/** Hides the complainant from the staff complained about (DOMAIN.md §6, §8). */
export function redactComplainantForStaff<T extends Partial<Record<ComplainantFields, unknown>>>(
  complaint: T,
): StaffComplaintView<T> {
  const {
    complainantName: _name,
    complainantPhone: _phone,
    complainantIdNumber: _id,
    complainantAddress: _address,
    complainantContact: _contact,
    ...rest
  } = complaint;
  return rest;
}
