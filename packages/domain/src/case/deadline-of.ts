import { localDateOf } from "../calendar/local-date";
import type { WorkCalendar } from "../calendar/workdays";
import type { JurisdictionRules } from "../config";
import { computeDeadline, type DeadlineView } from "../deadline/deadline";
import type { CaseState } from "./state";

type ClockContext = { asOf: string; calendar: WorkCalendar; rules: JurisdictionRules };

/**
 * A case on its clock. The office's clock stops when the result is issued for pick-up (the
 * resident's trip to collect it is not the office's time), or at completion for 即办 items;
 * a case closed any other way (withdrawn, rejected, terminated) has stopped without an
 * on-time verdict.
 */
export function caseDeadline(s: CaseState, ctx: ClockContext): DeadlineView {
  return clockOf(s, s.item.promisedDays, ctx);
}

/**
 * The same case on its **legal** clock (法定时限, DOMAIN.md §3.5), beside the promised one:
 * the same start, pauses, stop and approved extension (an extension lengthens the limit the
 * law sets, Art. 42), counted against `item.legalDays`. Null when the law sets no limit.
 */
export function caseLegalDeadline(s: CaseState, ctx: ClockContext): DeadlineView | null {
  if (s.item.legalDays === null) return null;
  return clockOf(s, s.item.legalDays, ctx);
}

function clockOf(s: CaseState, workdays: number, ctx: ClockContext): DeadlineView {
  const stopAt = s.issuedAt ?? s.completedAt ?? s.closedAt;
  const view = computeDeadline({
    acceptedOn: s.acceptedAt ? localDateOf(s.acceptedAt) : null,
    workdays,
    pauses: s.pauses,
    extensionWorkdays: s.extensionWorkdays,
    asOf: ctx.asOf,
    completedOn: stopAt ? localDateOf(stopAt) : null,
    calendar: ctx.calendar,
    rules: ctx.rules,
  });
  const finished = s.status === "COMPLETED" || s.status === "READY_FOR_PICKUP";
  return finished ? view : { ...view, onTime: null };
}
