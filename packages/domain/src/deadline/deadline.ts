import { addDays, assertLocalDate, type LocalDate } from "../calendar/local-date";
import type { Pause, WorkCalendar } from "../calendar/workdays";
import type { JurisdictionRules } from "../config";
import { type Check, DomainError, fail, ok } from "../errors";

/** Everything needed to place one case on its clock (DOMAIN.md §3). */
export interface DeadlineInput {
  /** 受理 date; null while the case is not yet accepted (the clock does not run). */
  acceptedOn: LocalDate | null;
  /** Promised limit in working days; 0 = 即办, due on the acceptance day. */
  workdays: number;
  pauses: Pause[];
  /** Approved extension in working days (see {@link extensionFor}); 0 when none. */
  extensionWorkdays: number;
  /** The day the view is for ("today" at the caller; this package has no clock). */
  asOf: LocalDate;
  /** 办结 date; the clock stops on that day. */
  completedOn?: LocalDate | null;
  calendar: WorkCalendar;
  rules: JurisdictionRules;
}

/**
 * Where a case stands against its deadline.
 *
 * `workdaysLeft` counts the working days after the evaluation day up to and including
 * `dueOn`: the full limit on the acceptance day, 0 on the due day, negative when overdue
 * (-2 = two working days past due). The evaluation day is `asOf`, the start of an open
 * pause (the count is frozen there), or `completedOn` once the case is done.
 */
export interface DeadlineView {
  state: "not_started" | "running" | "paused" | "stopped";
  /** Close of business on this day is the deadline; null before acceptance or while an
   *  open pause keeps the limit from being reached. */
  dueOn: LocalDate | null;
  workdaysLeft: number | null;
  /** Warning light; "none" before acceptance and after completion (nothing to chase). */
  colour: "none" | "green" | "yellow" | "red";
  /** Open and past the end of the due day; a completed case is never overdue (see onTime). */
  overdue: boolean;
  /** For a completed case: finished on or before the due day; null otherwise. */
  onTime: boolean | null;
  /** Some day involved lies in a year whose holidays are not published (see WorkCalendar). */
  calendarUncertain: boolean;
}

/** Place a case on its clock as of `input.asOf` (DOMAIN.md §3.2–3.6). */
export function computeDeadline(input: DeadlineInput): DeadlineView {
  const { acceptedOn, asOf, calendar, pauses } = input;
  assertLocalDate(asOf, "asOf");
  assertWorkdays(input.workdays, "workdays");
  assertWorkdays(input.extensionWorkdays, "extensionWorkdays");
  if (acceptedOn === null) return notStarted(null, false);
  assertLocalDate(acceptedOn, "acceptedOn");
  const limit = input.workdays + input.extensionWorkdays;
  const due = calendar.addWorkdays(acceptedOn, limit, pauses);
  if (asOf < acceptedOn) return notStarted(due.date, due.uncertain);

  const completedOn = completionAsOf(input.completedOn, acceptedOn, asOf);
  const openFrom = openPauseStart(pauses, asOf);
  // The clock is read on the day it stopped: completion, or the start of an open pause.
  const at = completedOn ?? openFrom ?? asOf;
  const used = calendar.countWorkdays(acceptedOn, at, pauses);
  const workdaysLeft = limit - used.count;
  const calendarUncertain = due.uncertain || used.uncertain;

  if (completedOn !== null) {
    // A blocked due date means the limit was never reached, so any completion is in time.
    const onTime = due.date === null || completedOn <= due.date;
    return {
      state: "stopped",
      dueOn: due.date,
      workdaysLeft,
      colour: "none",
      overdue: false,
      onTime,
      calendarUncertain,
    };
  }
  const overdue = due.date !== null && at > due.date;
  return {
    state: isPaused(pauses, asOf) ? "paused" : "running",
    dueOn: due.date,
    workdaysLeft,
    colour: colourFor(overdue, workdaysLeft, input.rules),
    overdue,
    onTime: null,
    calendarUncertain,
  };
}

/**
 * §3.5: the promised limit may not exceed the legal one. Both are whole working days;
 * `legalDays` null means the law sets no limit for the item.
 */
export function validateLimits(
  legalDays: number | null,
  promisedDays: number,
): Check<{ legalDays: number | null; promisedDays: number }> {
  if (!isWorkdayCount(promisedDays)) {
    return fail({
      code: "OUT_OF_RANGE",
      field: "promisedDays",
      zh: `承诺时限应为不小于 0 的整数个工作日（收到 ${promisedDays}），即办件填 0`,
      en: `promisedDays must be a non-negative whole number of working days; got ${promisedDays}`,
    });
  }
  if (legalDays !== null && !isWorkdayCount(legalDays)) {
    return fail({
      code: "OUT_OF_RANGE",
      field: "legalDays",
      zh: `法定时限应为不小于 0 的整数个工作日（收到 ${legalDays}）；法律未规定时留空`,
      en: `legalDays must be a non-negative whole number of working days, or empty; got ${legalDays}`,
    });
  }
  if (legalDays !== null && promisedDays > legalDays) {
    return fail({
      code: "OUT_OF_RANGE",
      field: "promisedDays",
      zh: `承诺时限（${promisedDays} 个工作日）不得超过法定时限（${legalDays} 个工作日），请缩短承诺时限`,
      en: `promisedDays (${promisedDays}) must not exceed legalDays (${legalDays})`,
    });
  }
  return ok({ legalDays, promisedDays });
}

/**
 * Working days an approved extension adds (§3.4): licences by the head's approval, joint
 * handling (联办) by the joint-handling rule. Other cases have no standing extension: 0.
 */
export function extensionFor(
  kind: "licence" | "joint" | "other",
  rules: JurisdictionRules,
): number {
  switch (kind) {
    case "licence":
      return rules.licenceExtensionWorkdays;
    case "joint":
      return rules.jointExtensionWorkdays;
    case "other":
      return 0;
  }
}

/**
 * The first day a case due on `dueOn` shows yellow: at most `rules.yellowAtWorkdaysLeft`
 * working days left. The evaluation day is not counted, so it is the N-th working day
 * before the due day.
 */
export function yellowFromOf(
  dueOn: LocalDate,
  calendar: WorkCalendar,
  rules: JurisdictionRules,
): LocalDate {
  let d = dueOn;
  let counted = 0;
  while (counted < rules.yellowAtWorkdaysLeft) {
    d = addDays(d, -1);
    if (calendar.isWorkday(d)) counted += 1;
  }
  return d;
}

/** 按时办结率 = completed on time ÷ completed (§3.6); null when nothing is completed yet. */
export function onTimeRate(completed: readonly { onTime: boolean }[]): number | null {
  if (completed.length === 0) return null;
  return completed.filter((c) => c.onTime).length / completed.length;
}

function notStarted(dueOn: LocalDate | null, calendarUncertain: boolean): DeadlineView {
  return {
    state: "not_started",
    dueOn,
    workdaysLeft: null,
    colour: "none",
    overdue: false,
    onTime: null,
    calendarUncertain,
  };
}

function colourFor(
  overdue: boolean,
  left: number,
  rules: JurisdictionRules,
): "green" | "yellow" | "red" {
  if (overdue) return "red";
  return left <= rules.yellowAtWorkdaysLeft ? "yellow" : "green";
}

/** The completion day if the case is completed as of `asOf` (a later date is not yet true). */
function completionAsOf(
  completedOn: LocalDate | null | undefined,
  acceptedOn: LocalDate,
  asOf: LocalDate,
): LocalDate | null {
  if (completedOn === null || completedOn === undefined) return null;
  assertLocalDate(completedOn, "completedOn");
  if (completedOn < acceptedOn) {
    throw new DomainError({
      code: "INVALID_DATE",
      field: "completedOn",
      zh: `办结日期（${completedOn}）不能早于受理日期（${acceptedOn}）`,
      en: `completedOn ${completedOn} is before acceptedOn ${acceptedOn}`,
    });
  }
  return completedOn <= asOf ? completedOn : null;
}

/** Start of the earliest open pause that has begun by `asOf`, or null. */
function openPauseStart(pauses: readonly Pause[], asOf: LocalDate): LocalDate | null {
  let earliest: LocalDate | null = null;
  for (const p of pauses) {
    if (p.to !== undefined || p.from > asOf) continue;
    if (earliest === null || p.from < earliest) earliest = p.from;
  }
  return earliest;
}

/** A pause is in effect from its first day until (not including) its resume day. */
function isPaused(pauses: readonly Pause[], asOf: LocalDate): boolean {
  return pauses.some((p) => p.from <= asOf && (p.to === undefined || asOf < p.to));
}

function isWorkdayCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function assertWorkdays(n: number, field: string): void {
  if (isWorkdayCount(n)) return;
  throw new DomainError({
    code: "OUT_OF_RANGE",
    field,
    zh: `${field} 应为不小于 0 的整数个工作日（收到 ${n}）`,
    en: `${field} must be a non-negative whole number of working days; got ${n}`,
  });
}
