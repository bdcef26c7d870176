import { localDateOf } from "../calendar/local-date";
import type { WorkCalendar } from "../calendar/workdays";
import type { JurisdictionRules } from "../config";
import { computeDeadline, type DeadlineView } from "../deadline/deadline";
import type { CaseState } from "./state";

/**
 * A case on its clock. The office's clock stops when the result is issued for pick-up (the
 * resident's trip to collect it is not the office's time), or at completion for 即办 items;
 * a case closed any other way (withdrawn, rejected, terminated) has stopped without an
 * on-time verdict.
 */
export function caseDeadline(
  s: CaseState,
  ctx: { asOf: string; calendar: WorkCalendar; rules: JurisdictionRules },
): DeadlineView {
  const stopAt = s.issuedAt ?? s.completedAt ?? s.closedAt;
  const view = computeDeadline({
    acceptedOn: s.acceptedAt ? localDateOf(s.acceptedAt) : null,
    workdays: s.item.promisedDays,
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
