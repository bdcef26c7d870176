import { listComplaints } from "@bangban/db";
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
  registeredAnonymous,
  targetSiteOf,
  type WorkCalendar,
} from "@bangban/domain";
import { z } from "zod";
import { localDate } from "../inputs";
import { type AuthedContext, todayOf } from "./case-commands";

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
    /** Registered without a complainant: fixed at registration; null on a document older than the flag. */
    anonymous: registeredAnonymous(s),
    complainantHidden: complainantHiddenFrom(s, v),
    mayReveal: complainant !== null && mayRevealComplainant(s, v),
    actions: complaintActions(s, v),
  };
}

/** The signed-in user as a complaint's viewer. */
export function complaintViewer(ctx: AuthedContext): Viewer {
  return {
    userId: ctx.user.id,
    role: ctx.user.role,
    siteId: ctx.user.siteId,
    siteKind: ctx.services.site.kind,
  };
}

/** A station's staff see their own site's complaints; the center and district see all. */
export function complaintSiteScope(ctx: AuthedContext): string | undefined {
  return ctx.services.site.kind === "station" ? ctx.user.siteId : undefined;
}

/** {@link complaintSummary} for the signed-in user, today, with the node's rules and calendar. */
export function complaintSummaryFor(ctx: AuthedContext, s: ComplaintState, c: Complainant | null) {
  const { services } = ctx;
  return complaintSummary(
    s,
    c,
    complaintViewer(ctx),
    todayOf(ctx),
    services.rules,
    services.calendar.get(),
  );
}

/** The 投诉台账 / 办不成事 list's filters (the screen's and the export's). */
export const complaintListInput = z
  .object({
    kind: z.enum(["complaint", "fallback"]).default("complaint"),
    /** open: still in the loop; closed: 办结/回访/不予受理. */
    state: z.enum(["open", "closed", "all"]).default("all"),
    from: localDate.optional(),
    to: localDate.optional(),
    limit: z.number().int().min(1).max(500, "每页最多 500 条").default(200),
  })
  .default({ kind: "complaint", state: "all", limit: 200 });

export type ComplaintListInput = z.output<typeof complaintListInput>;

const OPEN = ["registered", "accepted", "handling"];
const CLOSED = ["closed", "followed_up", "not_accepted"];

/** 投诉台账 / the 办不成事 list: newest first, with open deadlines (red when overdue). */
export async function complaintLedger(ctx: AuthedContext, input: ComplaintListInput) {
  const scope = complaintSiteScope(ctx);
  const rows = await listComplaints(ctx.services.db, {
    kind: input.kind,
    ...(input.state === "open" ? { stages: OPEN } : {}),
    ...(input.state === "closed" ? { stages: CLOSED } : {}),
    ...(scope ? { siteId: scope } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
    limit: input.limit,
  });
  return {
    today: todayOf(ctx),
    rows: rows.map((r) => complaintSummaryFor(ctx, r.state, r.complainant)),
  };
}
