import { addDays, type LocalDate, localDateOf } from "../calendar/local-date";
import type { WorkCalendar } from "../calendar/workdays";
import { caseDeadline } from "../case/deadline-of";
import { nextLamport } from "../case/fold";
import { materialName, outstandingPromises } from "../case/guards";
import {
  FINISHED_RECTIFICATION,
  type Rectification,
  rectificationDueOn,
  rectifyKindLabels,
} from "../case/rectification";
import type { CaseState } from "../case/state";
import {
  type Actor,
  type CaseEvent,
  type CaseEventType,
  type PayloadOf,
  type SiteKind,
  TERMINAL_STATUSES,
} from "../case/types";
import type { JurisdictionRules } from "../config";
import { yellowFromOf } from "../deadline/deadline";
import { overdueAction, reminderDates } from "../deferred/rongque";
import { type RatingLevel, ratingLevelLabels } from "../rating/rating";
import { isStationCode } from "../validation/division-code";

/**
 * The time rules of DOMAIN.md §2–§5 as one pure evaluation: given a case, today and the
 * calendar, what is due — the one system event the case's custodian records next, the
 * reminders for its staff, the text messages for the resident — and the next day anything
 * falls due. Nodes run it from their scheduler; the hub runs it again to check a station's
 * system events (a rule's event is accepted only when the rule says it is due).
 */

export const TIME_RULE_IDS = [
  "rongque.remind",
  "rongque.overdue",
  "rongque.resume",
  "rongque.return",
  "deadline.yellow",
  "deadline.red",
  "licence.notice_late",
  "forward.late",
  "rating.invite",
  "result.ready",
  "publicity.end",
  "ab.reassign",
  "rectify.remind",
] as const;
export type TimeRuleId = (typeof TIME_RULE_IDS)[number];

export const timeRuleLabels: Record<TimeRuleId, { zh: string; en: string }> = {
  "rongque.remind": { zh: "容缺补交提醒", en: "Deferred material reminder" },
  "rongque.overdue": { zh: "容缺逾期未补", en: "Deferred material overdue" },
  "rongque.resume": { zh: "容缺补齐恢复办理", en: "Deferred material supplied: resumed" },
  "rongque.return": { zh: "容缺宽限期满退件", en: "Grace period over: returned" },
  "deadline.yellow": { zh: "临近办理时限", en: "Deadline near" },
  "deadline.red": { zh: "超过承诺时限", en: "Past the promised deadline" },
  "licence.notice_late": { zh: "许可补正告知逾期", en: "Licence correction notice late" },
  "forward.late": { zh: "逾期未转报中心", en: "Not forwarded in time" },
  "rating.invite": { zh: "邀请评价", en: "Rating invitation" },
  "result.ready": { zh: "结果可领取", en: "Result ready" },
  "publicity.end": { zh: "公示期满恢复审查", en: "Publicity period over" },
  "ab.reassign": { zh: "AB岗自动转派", en: "AB post reassignment" },
  "rectify.remind": { zh: "差评整改提醒", en: "Bad-rating rectification reminder" },
};

export interface TimeRuleContext {
  caseId: string;
  today: LocalDate;
  /**
   * Reminders and messages due after this day (exclusive) through today are returned: the
   * day of the node's previous pass, so a node off for a weekend sends Monday's once and
   * never Friday's again. Null (a node's first pass): everything up to today — still only
   * the latest of each series, so a case already red when the node starts is told once.
   */
  since: LocalDate | null;
  calendar: WorkCalendar;
  rules: JurisdictionRules;
  /**
   * AB岗: the person the case goes to while its assignee is away, and the day that became
   * due (schedule/ab-posts.ts); absent where the node keeps no absences.
   */
  abReassign?: (s: CaseState) => { toUserId: string; dueOn: LocalDate } | null;
}

/** A system event that is due: the rule, its due day and what to record. */
export type DueEvent = {
  [T in CaseEventType]: { rule: TimeRuleId; dueOn: LocalDate; type: T; payload: PayloadOf<T> };
}[CaseEventType];

/**
 * Whom a reminder is for, resolved by the node against its own staff: `rectify_lead` is the
 * lead of the site answering for a 差评 (the node whose site that is); `center_lead` the
 * street center's lead (the hub), told when a rectification is overdue.
 */
export type ReminderTo = "assignee" | "first_responder" | "lead" | "rectify_lead" | "center_lead";

/** Working days before a rectification's due day on which its lead is reminded (and on it). */
export const RECTIFY_REMIND_WORKDAYS_BEFORE = [2, 0] as const;

export interface DueReminder {
  rule: TimeRuleId;
  /** The day the thing reminded of falls due. */
  dueOn: LocalDate;
  /** The day the reminder became due. */
  firesOn: LocalDate;
  to: ReminderTo[];
  severity: "info" | "warning" | "danger";
  zh: string;
  en: string;
}

export type NoticeTemplate = "deferred_due" | "deferred_overdue" | "result_ready" | "rating_invite";

/** A text message to the resident (sent by the case's custodian only). */
export interface DueNotice {
  rule: TimeRuleId;
  firesOn: LocalDate;
  template: NoticeTemplate;
  zh: string;
}

export interface TimeRuleResult {
  /** The next system event to record, if one is due; record it and evaluate again. */
  event: DueEvent | null;
  reminders: DueReminder[];
  notices: DueNotice[];
  /** The first day after today on which something more falls due; null when nothing will. */
  nextOn: LocalDate | null;
}

/**
 * A message to the resident (result ready, rating invitation) older than this many days is
 * not sent any more: a node off for weeks, or starting for the first time on old cases.
 */
const STALE_NOTICE_DAYS = 7;

export function evaluateTimeRules(s: CaseState, ctx: TimeRuleContext): TimeRuleResult {
  const out = new Collector(ctx);
  deferredRules(s, ctx, out);
  publicityRule(s, ctx, out);
  licenceNoticeRule(s, ctx, out);
  deadlineRules(s, ctx, out);
  forwardRule(s, ctx, out);
  residentNotices(s, ctx, out);
  abRule(s, ctx, out);
  rectifyRule(s, ctx, out);
  return out.result();
}

/**
 * The day the case's scheduler should look at it next: today when something is due today
 * (or overdue), else the next day something falls due. Projections keep it so a pass reads
 * only the cases it has to.
 */
export function nextRuleDate(s: CaseState, ctx: Omit<TimeRuleContext, "since">): LocalDate | null {
  const r = evaluateTimeRules(s, { ...ctx, since: addDays(ctx.today, -1) });
  if (r.event || r.reminders.length || r.notices.length) return ctx.today;
  return r.nextOn;
}

/**
 * What the time rules read of a case, as projections keep it (JSON): the state without the
 * fold's bookkeeping (applied ids, conflicts), so a scheduler pass evaluates a case without
 * loading its document; only a case with an event or a message due is loaded.
 */
export function ruleStateOf(s: CaseState): string {
  return JSON.stringify({ ...s, applied: [], conflicts: [], opinion: null, handover: null });
}

/** A case state back from {@link ruleStateOf}. */
export function fromRuleState(json: string): CaseState {
  return JSON.parse(json) as CaseState;
}

/** A system event's id: the rule, the case and the due date, so it is the same on every node. */
export function systemEventId(rule: TimeRuleId, caseId: string, dueOn: LocalDate): string {
  return `sys.${rule}.${caseId}.${dueOn}`;
}

/** The instant a rule's event is dated: the start of its due day, China time. */
export function ruleInstant(dueOn: LocalDate): string {
  return new Date(`${dueOn}T00:00:00+08:00`).toISOString();
}

/** The system as the actor of the node holding the case. */
export function systemActor(siteId: string, siteKind: SiteKind): Actor {
  return { userId: "system", role: "system", siteId, siteKind };
}

/** The journal event for a due rule, identical wherever and however often it is built. */
export function systemEvent(
  due: DueEvent,
  ctx: { caseId: string; journal: readonly CaseEvent[]; actor: Actor },
): CaseEvent {
  return {
    id: systemEventId(due.rule, ctx.caseId, due.dueOn),
    at: ruleInstant(due.dueOn),
    lamport: nextLamport(ctx.journal),
    actor: ctx.actor,
    type: due.type,
    payload: due.payload,
    rule: { id: due.rule, dueOn: due.dueOn },
  } as CaseEvent;
}

/**
 * Why a system event cannot stand on this case (null when it can): it must name a rule and
 * carry that rule's id and instant, and be exactly the event the rules make due on the case
 * as it stood before it, by `today`. An AB岗 reassignment rests on the recording node's
 * absences, which another node may not hold: it must name a rule and go to a person the
 * caller accepts (`assignable`).
 */
export function refuseSystemEvent(
  before: CaseState,
  e: CaseEvent,
  ctx: Omit<TimeRuleContext, "since" | "abReassign"> & {
    assignable?: (userId: string) => boolean;
  },
): { zh: string; en: string } | null {
  const ref = e.rule;
  if (!ref || !(TIME_RULE_IDS as readonly string[]).includes(ref.id)) {
    return { zh: "系统操作未注明所依据的时限规则", en: "system event names no time rule" };
  }
  const rule = ref.id as TimeRuleId;
  if (e.id !== systemEventId(rule, ctx.caseId, ref.dueOn) || e.at !== ruleInstant(ref.dueOn)) {
    return { zh: "系统操作的编号或时间与其规则不符", en: "id or time does not match the rule" };
  }
  if (ref.dueOn > ctx.today) {
    return { zh: "系统操作所依据的规则尚未到期", en: `rule ${rule} is not due until ${ref.dueOn}` };
  }
  if (rule === "ab.reassign") {
    const to = e.type === "reassign" ? e.payload.toUserId : null;
    return to !== null && (ctx.assignable?.(to) ?? false)
      ? null
      : { zh: "AB岗转派的接收人不是本站点在岗人员", en: "reassignment target is not staff here" };
  }
  const due = evaluateTimeRules(before, { ...ctx, since: ctx.today }).event;
  const same =
    due !== null &&
    due.rule === rule &&
    due.dueOn === ref.dueOn &&
    due.type === e.type &&
    sameValue(due.payload, e.payload);
  return same
    ? null
    : {
        zh: "系统操作与时限规则不符（规则未到期或内容不同）",
        en: `rule ${rule} does not make this due`,
      };
}

class Collector {
  event: DueEvent | null = null;
  readonly reminders: DueReminder[] = [];
  readonly notices: DueNotice[] = [];
  private next: LocalDate | null = null;

  constructor(private readonly ctx: TimeRuleContext) {}

  /** The first due event wins: the scheduler records it and evaluates the case again. */
  due(e: DueEvent): void {
    this.event ??= e;
  }

  /** Whether a day falls in this pass's window; a later day is remembered as the next. */
  fires(on: LocalDate | null): boolean {
    if (on === null) return false;
    if (on > this.ctx.today) {
      this.later(on);
      return false;
    }
    return this.ctx.since === null || on > this.ctx.since;
  }

  later(on: LocalDate | null): void {
    if (on !== null && on > this.ctx.today && (this.next === null || on < this.next)) {
      this.next = on;
    }
  }

  result(): TimeRuleResult {
    return {
      event: this.event,
      reminders: this.reminders,
      notices: this.notices,
      nextOn: this.next,
    };
  }
}

const OPEN_FOR_DEFERRED = new Set(["ACCEPTED", "IN_REVIEW", "APPROVED", "SUSPENDED"]);

function names(s: CaseState, codes: readonly string[]): string {
  return codes.map((c) => materialName(s, c)).join("、");
}

/** 容缺 (§4): reminders before the promised day, then the overdue policy. */
function deferredRules(s: CaseState, ctx: TimeRuleContext, out: Collector): void {
  if (!s.deferred || !s.acceptedAt || !OPEN_FOR_DEFERRED.has(s.status)) return;
  const acceptedOn = localDateOf(s.acceptedAt);
  const open = outstandingPromises(s);
  const grace = openPause(s, "deferred_grace");

  if (open.length === 0) {
    if (s.status === "SUSPENDED" && grace) {
      const supplied =
        s.promises
          .map((p) => p.suppliedOn ?? "")
          .sort()
          .at(-1) ?? ctx.today;
      out.due({ rule: "rongque.resume", dueOn: supplied, type: "resume", payload: {} });
    }
    return;
  }

  const action = overdueAction({
    promises: s.promises.map((p) => ({ ...p, materialCode: p.code })),
    asOf: ctx.today,
    calendar: ctx.calendar,
    rules: ctx.rules,
  });
  // Reminders: one per firing day, naming every material it is about; the latest in the
  // window. Once a promise is missed the overdue rule speaks instead (a "due today" sent late
  // would be wrong).
  if (action.action === "none") remindDeferred(s, open, acceptedOn, ctx, out);

  const missed = open.filter((p) => p.promisedBy < ctx.today).map((p) => p.promisedBy);
  // The day after the earliest missed promise: the first day the case is overdue.
  const firstMissed = missed.sort()[0];
  if (action.action === "none" || firstMissed === undefined) {
    for (const p of open) out.later(addDays(p.promisedBy, 1));
    return;
  }
  const overdueOn = addDays(firstMissed, 1);
  const what = names(s, action.materialCodes);
  if (action.action === "terminate") {
    out.due({
      rule: "rongque.overdue",
      dueOn: overdueOn,
      type: "terminate",
      payload: {
        reason: `容缺材料（${what}）逾期未补齐（承诺 ${firstMissed} 前补交），依容缺受理承诺书终止办理`,
        outcome: "terminated",
      },
    });
    if (out.fires(overdueOn)) {
      out.notices.push({
        rule: "rongque.overdue",
        firesOn: overdueOn,
        template: "deferred_overdue",
        zh: `您办理的事项「${s.item.name}」容缺材料（${what}）逾期未补，已依承诺终止办理，可重新申请。`,
      });
    }
    return;
  }
  const graceUntil = action.graceUntil ?? firstMissed;
  if (s.status !== "SUSPENDED") {
    out.due({
      rule: "rongque.overdue",
      dueOn: overdueOn,
      type: "suspend",
      payload: {
        reason: "deferred_grace",
        note: `容缺材料（${what}）逾期未补，中止办理，宽限至 ${graceUntil}；期满仍未补齐的予以退件`,
      },
    });
    if (out.fires(overdueOn)) {
      out.notices.push({
        rule: "rongque.overdue",
        firesOn: overdueOn,
        template: "deferred_overdue",
        zh: `您办理的事项「${s.item.name}」容缺材料（${what}）逾期未补，已中止办理；请于 ${graceUntil} 前补交，逾期将退件。`,
      });
    }
    return;
  }
  if (!grace) return; // suspended for something else (a hearing, say): the grace has not begun
  const returnOn = addDays(graceUntil, 1);
  if (action.action === "return") {
    out.due({
      rule: "rongque.return",
      dueOn: returnOn,
      type: "terminate",
      payload: {
        reason: `容缺材料（${what}）宽限期（至 ${graceUntil}）届满仍未补齐，予以退件`,
        outcome: "returned",
      },
    });
  } else {
    out.later(returnOn);
  }
}

function remindDeferred(
  s: CaseState,
  open: readonly CaseState["promises"][number][],
  acceptedOn: LocalDate,
  ctx: TimeRuleContext,
  out: Collector,
): void {
  const byDay = new Map<LocalDate, { codes: string[]; promisedBy: LocalDate }>();
  for (const p of open) {
    for (const d of reminderDates({ promisedBy: p.promisedBy, acceptedOn, ...ctx })) {
      const entry = byDay.get(d) ?? { codes: [], promisedBy: p.promisedBy };
      entry.codes.push(p.code);
      if (p.promisedBy < entry.promisedBy) entry.promisedBy = p.promisedBy;
      byDay.set(d, entry);
    }
  }
  const firing = [...byDay.keys()].filter((d) => out.fires(d)).sort();
  const last = firing.at(-1);
  if (last !== undefined) {
    const { codes, promisedBy } = byDay.get(last) as { codes: string[]; promisedBy: LocalDate };
    const what = names(s, codes);
    const onDay = last === promisedBy;
    const atAcceptance = last === acceptedOn;
    out.reminders.push({
      rule: "rongque.remind",
      dueOn: promisedBy,
      firesOn: last,
      to: ["assignee", "first_responder"],
      severity: onDay ? "danger" : atAcceptance ? "info" : "warning",
      zh: onDay
        ? `今天是容缺材料（${what}）承诺补交的最后一天，请提醒申请人今天送达`
        : `容缺材料（${what}）须于 ${promisedBy} 前补交，请提醒申请人`,
      en: `Deferred material (${codes.join(", ")}) is due by ${promisedBy}`,
    });
    if (!atAcceptance) {
      out.notices.push({
        rule: "rongque.remind",
        firesOn: last,
        template: "deferred_due",
        zh: onDay
          ? `您办理的事项「${s.item.name}」容缺材料（${what}）今天到期，请今天送达受理窗口，逾期将按承诺处理。`
          : `您办理的事项「${s.item.name}」容缺材料（${what}）须于 ${promisedBy} 前送达受理窗口。`,
      });
    }
  }
}

function openPause(s: CaseState, reason: string) {
  return s.pauses.find((p) => p.to === undefined && p.reason === reason);
}

/** 公示 (§3.3): the guide's posting period pauses the clock and ends by itself. */
function publicityRule(s: CaseState, ctx: TimeRuleContext, out: Collector): void {
  const days = s.item.publicityWorkdays;
  const posted = openPause(s, "publicity");
  if (s.status !== "SUSPENDED" || !days || !posted) return;
  const end = ctx.calendar.addWorkdays(posted.from, days).date;
  if (end === null) return;
  const dueOn = addDays(end, 1);
  if (dueOn <= ctx.today) {
    out.due({ rule: "publicity.end", dueOn, type: "resume", payload: {} });
  } else {
    out.later(dueOn);
  }
}

/**
 * Licences (§2): gaps must be notified within N working days of receipt; a case with gaps
 * and no notice by then counts as accepted, and is flagged so.
 */
function licenceNoticeRule(s: CaseState, ctx: TimeRuleContext, out: Collector): void {
  if (s.item.type !== "ADMIN_LICENSE" || s.status !== "SUBMITTED" || s.noticeIds.length) return;
  if (s.flags.some((f) => f.kind === "correction_notice_late")) return;
  const gaps = s.item.materials.filter(
    (m) => m.requirement !== "conditional" && s.materials[m.code] === "missing",
  );
  if (gaps.length === 0) return;
  const receivedOn = localDateOf(s.submittedAt);
  const limit = ctx.calendar.addWorkdays(receivedOn, ctx.rules.licenceCorrectionNoticeDays).date;
  if (limit === null) return;
  const dueOn = addDays(limit, 1);
  if (dueOn > ctx.today) {
    out.later(dueOn);
    return;
  }
  const days = ctx.rules.licenceCorrectionNoticeDays;
  out.due({
    rule: "licence.notice_late",
    dueOn,
    type: "flag",
    payload: {
      kind: "correction_notice_late",
      note: `收件后 ${days} 个工作日内（至 ${limit}）未一次性告知补正，依法视为受理`,
    },
  });
  if (out.fires(dueOn)) {
    out.reminders.push({
      rule: "licence.notice_late",
      dueOn: limit,
      firesOn: dueOn,
      to: ["assignee", "lead"],
      severity: "danger",
      zh: `许可事项收件后 ${days} 个工作日内未告知补正，已视为受理，请尽快处理`,
      en: `No correction notice within ${days} working days: the licence counts as accepted`,
    });
  }
}

/** Deadline lights (§3.6): a reminder to the handler and their lead at yellow and at red. */
function deadlineRules(s: CaseState, ctx: TimeRuleContext, out: Collector): void {
  const d = caseDeadline(s, { asOf: ctx.today, calendar: ctx.calendar, rules: ctx.rules });
  if (d.state !== "running" || d.dueOn === null || s.status === "READY_FOR_PICKUP") return;
  const acceptedOn = localDateOf(s.acceptedAt as string);
  // A short limit is yellow from the start: the reminder then fires on the acceptance day.
  const yellowFrom = yellowFromOf(d.dueOn, ctx.calendar, ctx.rules);
  const yellowOn = laterOf(yellowFrom, acceptedOn);
  const redOn = addDays(d.dueOn, 1);
  if (out.fires(redOn)) {
    out.reminders.push({
      rule: "deadline.red",
      dueOn: d.dueOn,
      firesOn: redOn,
      to: ["assignee", "lead"],
      severity: "danger",
      zh: `已超过承诺办结时限（${d.dueOn}），请尽快办结`,
      en: `Past the promised deadline (${d.dueOn})`,
    });
  } else if (out.fires(yellowOn)) {
    out.reminders.push({
      rule: "deadline.yellow",
      dueOn: d.dueOn,
      firesOn: yellowOn,
      to: ["assignee", "lead"],
      severity: "warning",
      zh: `临近承诺办结时限：须于 ${d.dueOn} 前办结`,
      en: `The promised deadline ${d.dueOn} is near`,
    });
  }
}

/** The day a station case must be forwarded to the center by (§2); null when it need not be. */
export function forwardDueOf(
  s: CaseState,
  calendar: WorkCalendar,
  rules: JurisdictionRules,
): LocalDate | null {
  if (s.status !== "ACCEPTED" || !s.acceptedAt || s.item.approvalLevel === "STATION") return null;
  // Taken in at this station and never sent on: a case transferred here was routed by a person.
  if (!isStationCode(s.handlingSiteId) || s.handlingSiteId !== s.originSiteId) return null;
  if (s.handoffs.some((h) => h.kind === "forward" || h.kind === "transfer")) return null;
  return calendar.addWorkdays(localDateOf(s.acceptedAt), rules.stationForwardWorkdays).date;
}

/** Forwarding (§2): a station case not sent up within 3 working days goes red; the lead is told. */
function forwardRule(s: CaseState, ctx: TimeRuleContext, out: Collector): void {
  const limit = forwardDueOf(s, ctx.calendar, ctx.rules);
  if (limit === null) return;
  const lateOn = addDays(limit, 1);
  if (out.fires(lateOn)) {
    out.reminders.push({
      rule: "forward.late",
      dueOn: limit,
      firesOn: lateOn,
      to: ["lead", "assignee"],
      severity: "danger",
      zh: `受理后 ${ctx.rules.stationForwardWorkdays} 个工作日内（至 ${limit}）未转报中心，请立即转报`,
      en: `Not forwarded to the center by ${limit}`,
    });
  }
}

/** Messages to the resident: the result is ready; a rating invitation after completion (§5). */
function residentNotices(s: CaseState, ctx: TimeRuleContext, out: Collector): void {
  if (s.status === "READY_FOR_PICKUP" && s.issuedAt) {
    const on = localDateOf(s.issuedAt);
    const stale = addDays(on, STALE_NOTICE_DAYS) < ctx.today;
    if (!stale && out.fires(on)) {
      out.notices.push({
        rule: "result.ready",
        firesOn: on,
        template: "result_ready",
        zh: `您办理的事项「${s.item.name}」已办理完成，请携带身份证件到窗口领取结果。`,
      });
    }
  }
  if (s.status === "COMPLETED" && s.completedAt && s.ratings.length === 0) {
    const on = addDays(localDateOf(s.completedAt), ctx.rules.ratingInviteAfterDays);
    const stale = addDays(on, STALE_NOTICE_DAYS) < ctx.today;
    if (!stale && out.fires(on)) {
      out.notices.push({
        rule: "rating.invite",
        firesOn: on,
        template: "rating_invite",
        zh: `您办理的事项「${s.item.name}」已办结，欢迎对本次服务作出评价（好差评），您的评价将匿名处理。`,
      });
    }
  }
}

/** AB岗: while the assignee is away, the case goes to their B post (schedule/ab-posts.ts). */
function abRule(s: CaseState, ctx: TimeRuleContext, out: Collector): void {
  if (!ctx.abReassign || TERMINAL_STATUSES.has(s.status) || !s.assigneeId) return;
  const r = ctx.abReassign(s);
  if (!r || r.toUserId === s.assigneeId) return;
  if (r.dueOn > ctx.today) {
    out.later(r.dueOn);
    return;
  }
  out.due({
    rule: "ab.reassign",
    dueOn: r.dueOn,
    type: "reassign",
    payload: { toUserId: r.toUserId, reason: "A岗缺岗，按AB岗制度由B岗接办" },
  });
}

/**
 * 差评整改 (§5): the responsible lead is reminded 2 working days before the due day and on it;
 * the day after, the reminder turns red and goes to the center lead too. One reminder per
 * record per pass: the latest that fell due in the window.
 */
function rectifyRule(s: CaseState, ctx: TimeRuleContext, out: Collector): void {
  // A rule state stored before rectifications existed has none (fromRuleState).
  for (const r of s.rectifications ?? []) {
    if (FINISHED_RECTIFICATION.has(r.state)) continue;
    const dueOn = rectificationDueOn(r, ctx.calendar, ctx.rules);
    const redOn = addDays(dueOn, 1);
    const what = rectifyWhat(r);
    if (out.fires(redOn)) {
      out.reminders.push({
        rule: "rectify.remind",
        dueOn,
        firesOn: redOn,
        to: ["rectify_lead", "center_lead"],
        severity: "danger",
        zh: `差评整改已超期（${what}，期限 ${dueOn}），请立即整改并回访`,
        en: `Bad-rating rectification overdue (due ${dueOn})`,
      });
      continue;
    }
    const firing = RECTIFY_REMIND_WORKDAYS_BEFORE.map((n) =>
      laterOf(ctx.calendar.subtractWorkdays(dueOn, n).date, r.ratedOn),
    ).filter((d) => out.fires(d));
    const last = firing.sort().at(-1);
    if (last === undefined) continue;
    out.reminders.push({
      rule: "rectify.remind",
      dueOn,
      firesOn: last,
      to: ["rectify_lead"],
      severity: "warning",
      zh:
        last === dueOn
          ? `今天是差评整改的最后期限（${what}），请完成整改并回访`
          : `差评整改须于 ${dueOn} 前完成（${what}）`,
      en: `Bad-rating rectification due by ${dueOn}`,
    });
  }
}

function rectifyWhat(r: Rectification): string {
  const stage = r.kind ? rectifyKindLabels[r.kind].zh : "待分类";
  const level = ratingLevelLabels[r.level as RatingLevel] ?? String(r.level);
  return `评价「${level}」，${stage}`;
}

/** Structural equality of two JSON values (a payload read back from a document may order keys differently). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function laterOf(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? b : a;
}
