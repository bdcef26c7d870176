import { addDays, assertLocalDate, diffDays, type LocalDate } from "../calendar/local-date";
import type { WorkCalendar } from "../calendar/workdays";
import { type Check, DomainError, fail, ok } from "../errors";

/**
 * AB岗: every staff post has a backup (B岗) who covers while the holder (A岗) is away. Leads
 * record absences; while A is away, work handed to A goes to B, and after a configurable
 * number of working days A's open cases go to B too. Pure: dates and the directory are passed in.
 */

/** 请假 / 培训 / 公出 / 其他. */
export const ABSENCE_KINDS = ["leave", "training", "official", "other"] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

export const absenceKindLabels: Record<AbsenceKind, { zh: string; en: string }> = {
  leave: { zh: "请假", en: "Leave" },
  training: { zh: "培训", en: "Training" },
  official: { zh: "公出", en: "Official trip" },
  other: { zh: "其他", en: "Other" },
};

/** The longest absence one record may cover (a longer one is recorded again when it runs on). */
export const MAX_ABSENCE_DAYS = 366;

/** An absence as the rules read it: `from`..`to` inclusive, local dates; a cancelled one counts not. */
export interface AbsencePeriod {
  userId: string;
  from: LocalDate;
  to: LocalDate;
  cancelledAt?: string | null;
}

/** A member of staff as the AB rules read them: site, whether active, and their B岗. */
export interface AbStaff {
  id: string;
  siteId: string;
  active: boolean;
  backupUserId: string | null;
}

/** Whether `userId` is away on `on` by any absence not cancelled. */
export function isAbsent(
  userId: string,
  on: LocalDate,
  absences: readonly AbsencePeriod[],
): boolean {
  return absences.some((a) => a.userId === userId && !a.cancelledAt && a.from <= on && on <= a.to);
}

/** The B post of `userId` on `on`: active, at work that day and not the user themself; null otherwise. */
export function backupFor(
  userId: string,
  on: LocalDate,
  directory: readonly AbStaff[],
  absences: readonly AbsencePeriod[],
): AbStaff | null {
  const a = directory.find((s) => s.id === userId);
  if (!a?.backupUserId || a.backupUserId === userId) return null;
  const b = directory.find((s) => s.id === a.backupUserId);
  if (!b?.active || isAbsent(b.id, on, absences)) return null;
  return b;
}

/** Checks an absence's dates: real dates, `to` not before `from`, at most {@link MAX_ABSENCE_DAYS}. */
export function checkAbsenceDates(
  from: string,
  to: string,
): Check<{ from: LocalDate; to: LocalDate }> {
  for (const [field, d] of [
    ["from", from],
    ["to", to],
  ] as const) {
    try {
      assertLocalDate(d, field);
    } catch (e) {
      if (e instanceof DomainError) return { ok: false, error: e };
      throw e;
    }
  }
  if (to < from) {
    return fail({
      code: "OUT_OF_RANGE",
      field: "to",
      zh: `结束日期（${to}）不能早于开始日期（${from}）`,
      en: `The end date (${to}) cannot be before the start date (${from})`,
    });
  }
  if (diffDays(from, to) + 1 > MAX_ABSENCE_DAYS) {
    return fail({
      code: "OUT_OF_RANGE",
      field: "to",
      zh: `一次登记最长 ${MAX_ABSENCE_DAYS} 天，请分段登记`,
      en: `One absence covers at most ${MAX_ABSENCE_DAYS} days; record it in parts`,
    });
  }
  return ok({ from, to });
}

/**
 * Checks a B岗 choice for `user`: an active account of the same site, never the user themself.
 * `backup` is the chosen account as found (undefined when no account has that id).
 */
export function checkBackup(
  user: Pick<AbStaff, "id" | "siteId">,
  backupId: string,
  backup: Pick<AbStaff, "id" | "siteId" | "active"> | undefined,
): Check<string> {
  const refuse = (zh: string, en: string) =>
    fail<string>({ code: "NOT_ELIGIBLE", field: "backupUserId", zh, en });
  if (backupId === user.id)
    return refuse("B岗不能是本人", "The backup cannot be the user themself");
  if (!backup) return refuse("所选B岗人员不存在", `No account ${backupId}`);
  if (backup.siteId !== user.siteId)
    return refuse("B岗须为同一站点的人员", "The backup must work at the same site");
  if (!backup.active) return refuse("所选B岗账号已停用", "The chosen backup account is inactive");
  return ok(backupId);
}

/** Where an assignment goes: to the chosen person, or to their B岗 when they are away that day. */
export interface AssignmentRoute {
  toUserId: string;
  /** The person chosen, when they are away and the case went to their B岗 instead. */
  absentUserId: string | null;
}

/**
 * Routes an assignment made by a person (the 转派 dialog): the chosen person if at work on
 * `on`, else their B岗. Refuses (naming `toUserId`) when the chosen person is away and has no
 * B岗 at work.
 */
export function routeAssignment(
  toUserId: string,
  on: LocalDate,
  directory: readonly AbStaff[],
  absences: readonly AbsencePeriod[],
): Check<AssignmentRoute> {
  if (!isAbsent(toUserId, on, absences)) return ok({ toUserId, absentUserId: null });
  const b = backupFor(toUserId, on, directory, absences);
  if (b) return ok({ toUserId: b.id, absentUserId: toUserId });
  return fail({
    code: "NOT_ELIGIBLE",
    field: "toUserId",
    zh: "所选人员今日不在岗，且没有在岗的B岗，请另选承办人",
    en: "The chosen person is away today and has no backup at work; choose someone else",
  });
}

export interface AbReassignmentInput {
  /** The case's current 承办人 (A). */
  assigneeId: string | null;
  handlingSiteId: string;
  /** The day the rule is evaluated (today at the node). */
  asOf: LocalDate;
  absences: readonly AbsencePeriod[];
  directory: readonly AbStaff[];
  /** Working days A must have been away before the case goes to B (`absenceReassignAfterWorkdays`). */
  delayWorkdays: number;
  calendar: Pick<WorkCalendar, "isWorkday">;
}

/**
 * rule ab.reassign: A's open case goes to B once A has been away `delayWorkdays` full
 * working days and is still away. `dueOn` is the first working day after those days (with 0,
 * the first working day of the absence): it stays the same however late or often the rule is
 * evaluated during one absence, so the system event's id is stable. Null when A is at work,
 * has not been away long enough, or has no B岗 at work at the case's handling site.
 */
export function abReassignment(
  i: AbReassignmentInput,
): { toUserId: string; dueOn: LocalDate } | null {
  const a = i.assigneeId;
  if (!a || !isAbsent(a, i.asOf, i.absences)) return null;
  const awayWorkdays = workdaysOfAbsence(a, i.asOf, i.absences, i.calendar);
  const dueOn = awayWorkdays[Math.max(0, i.delayWorkdays)];
  if (!dueOn) return null;
  const b = backupFor(a, i.asOf, i.directory, i.absences);
  if (!b || b.siteId !== i.handlingSiteId) return null;
  return { toUserId: b.id, dueOn };
}

/**
 * The working days, oldest first, of the absence `userId` is in on `asOf` (up to `asOf`).
 * Absences that meet or are bridged by days off (a Friday's and the next Monday's leave) are one.
 */
function workdaysOfAbsence(
  userId: string,
  asOf: LocalDate,
  absences: readonly AbsencePeriod[],
  calendar: Pick<WorkCalendar, "isWorkday">,
): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = asOf, n = 0; n <= MAX_ABSENCE_DAYS * 2; d = addDays(d, -1), n++) {
    const away = isAbsent(userId, d, absences);
    const work = calendar.isWorkday(d);
    if (work && !away) break;
    if (work) days.push(d);
  }
  return days.reverse();
}
