import {
  type Complainant,
  type ComplaintState,
  complaintActions,
  complaintDues,
  isComplaintHandler,
  type JurisdictionRules,
  maskName,
  maskPhone,
  type Role,
  targetSiteOf,
  type WorkCalendar,
} from "@bangban/domain";

/** Who is looking: the signed-in user and the kind of site they work at. */
export interface Viewer {
  userId: string;
  role: Role;
  siteId: string;
  siteKind: string;
}

/**
 * Whether the complainant is hidden from this viewer altogether (DOMAIN.md §8: complainants are
 * hidden from the staff they complain about): the staff member complained about, and everyone
 * at a station the complaint targets. Others see it masked; only a center handler reveals it
 * (audited), never about themselves.
 */
export function complainantHiddenFrom(s: ComplaintState, v: Viewer): boolean {
  const target = s.register.kind === "complaint" ? s.register.target : {};
  if (target.staffId === v.userId) return true;
  return v.siteKind === "station" && targetSiteOf(s) === v.siteId;
}

/** Whether this viewer may see the complainant in clear (the handler's view). */
export function mayRevealComplainant(s: ComplaintState, v: Viewer): boolean {
  return isComplaintHandler(v) && !complainantHiddenFrom(s, v);
}

export function maskedComplainant(c: Complainant | null, s: ComplaintState, v: Viewer) {
  if (!c || complainantHiddenFrom(s, v)) return null;
  return { nameMasked: maskName(c.name), phoneMasked: maskPhone(c.phone) };
}

/** A ledger row or page header: the fold with its open deadlines and what the viewer may do. */
export function complaintSummary(
  s: ComplaintState,
  complainant: Complainant | null,
  v: Viewer,
  today: string,
  rules: JurisdictionRules,
  calendar: WorkCalendar,
) {
  const r = s.register;
  return {
    id: s.id,
    kind: s.kind,
    stage: s.stage,
    siteId: s.siteId,
    registeredAt: s.registeredAt,
    registeredOn: s.registeredOn,
    channel: r.kind === "complaint" ? r.channel : null,
    target: r.kind === "complaint" ? r.target : null,
    content: r.kind === "complaint" ? r.content : r.matter,
    written: r.kind === "complaint" ? r.written : false,
    complexity: r.kind === "complaint" ? r.complexity : null,
    coordinatorId: r.kind === "fallback" ? r.coordinatorId : null,
    deadline: r.kind === "fallback" ? r.deadline : null,
    substantiated: s.substantiated,
    declineReason: s.declineReason,
    outcome: s.outcome,
    dues: complaintDues(s, today, rules, calendar),
    complainant: maskedComplainant(complainant, s, v),
    complainantHidden: complainantHiddenFrom(s, v),
    mayReveal: complainant !== null && mayRevealComplainant(s, v),
    actions: complaintActions(s, v),
  };
}
