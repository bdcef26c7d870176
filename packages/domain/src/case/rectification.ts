import { localDateOf } from "../calendar/local-date";
import type { WorkCalendar } from "../calendar/workdays";
import type { JurisdictionRules } from "../config";
import { badRatingRectifyDue } from "../rating/rating";
import type { Actor, Role, SiteKind } from "./types";

/**
 * 差评整改 (DOMAIN.md §5): a 差评 (level 1–2) opens a rectification record on the case at once,
 * owned by the lead of the site that handled the case (谁办理谁负责). The record lives in the
 * case state, built by the fold from the journal, so it syncs with the case and the hub
 * checks each step with the same machine.
 */

/** 立行立改 / 台账 (with a deadline) / 无法律依据 (explained). */
export const RECTIFY_KINDS = ["immediate", "ledger", "no_legal_basis"] as const;
export type RectifyKind = (typeof RECTIFY_KINDS)[number];

export const rectifyKindLabels: Record<RectifyKind, { zh: string; en: string }> = {
  immediate: { zh: "立行立改", en: "Fixed at once" },
  ledger: { zh: "列入台账", en: "On the ledger" },
  no_legal_basis: { zh: "无法律依据（已解释）", en: "No legal basis (explained)" },
};

/**
 * Where a record stands: 待分类 → 整改中 → 待回访 → 已整改; an appeal (申诉复核) pauses it
 * until the center lead decides — upheld closes it as 申诉成立, rejected returns it.
 */
export const RECTIFICATION_STATES = [
  "open",
  "rectifying",
  "callback_due",
  "closed",
  "appealing",
  "appeal_upheld",
] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

export const rectificationStateLabels: Record<RectificationState, { zh: string; en: string }> = {
  open: { zh: "待分类", en: "To classify" },
  rectifying: { zh: "整改中", en: "Rectifying" },
  callback_due: { zh: "待回访", en: "Callback due" },
  closed: { zh: "已整改", en: "Closed" },
  appealing: { zh: "申诉复核中", en: "Under appeal" },
  appeal_upheld: { zh: "申诉成立", en: "Appeal upheld" },
};

/** States in which the record is finished: nothing more is due. */
export const FINISHED_RECTIFICATION: ReadonlySet<RectificationState> = new Set([
  "closed",
  "appeal_upheld",
]);

interface Step {
  eventId: string;
  at: string;
  byUserId: string;
}

export interface RectificationCallback extends Step {
  reached: boolean;
  result: string;
  satisfied: boolean | null;
}

export interface RectificationAppeal extends Step {
  reason: string;
  decision: (Step & { upheld: boolean; reason: string }) | null;
}

/** One 差评's rectification, as the case state keeps it. */
export interface Rectification {
  /** `rect:<rating event id>`: one record per 差评, the same on every replica. */
  id: string;
  ratingEventId: string;
  level: number;
  /** The China day of the rating: the 5 working days count from it. */
  ratedOn: string;
  /** The responsible site (谁办理谁负责): where the case was handled / completed. */
  siteId: string;
  /** A named rater, to be called back (100% 回访 of 实名差评). */
  realName: boolean;
  kind: RectifyKind | null;
  /** 台账: the deadline the lead set; it replaces the default due day. */
  ledgerDue: string | null;
  /** 无法律依据: what was explained. */
  explanation: string | null;
  classified: Step | null;
  measures: (Step & { text: string })[];
  callbacks: RectificationCallback[];
  appeal: RectificationAppeal | null;
  state: RectificationState;
  /** When the record was finished (closed or appeal upheld); null while open. */
  closedAt: string | null;
}

export function rectificationId(ratingEventId: string): string {
  return `rect:${ratingEventId}`;
}

/** A new record for a 差评 given by `ratingEvent` on a case handled at `siteId`. */
export function openRectification(
  ratingEvent: { id: string; at: string },
  level: number,
  siteId: string,
  realName: boolean,
): Rectification {
  return {
    id: rectificationId(ratingEvent.id),
    ratingEventId: ratingEvent.id,
    level,
    ratedOn: localDateOf(ratingEvent.at),
    siteId,
    realName,
    kind: null,
    ledgerDue: null,
    explanation: null,
    classified: null,
    measures: [],
    callbacks: [],
    appeal: null,
    state: "open",
    closedAt: null,
  };
}

/** The state a record's steps put it in (see {@link RECTIFICATION_STATES}). */
export function rectificationStateOf(r: Omit<Rectification, "state" | "closedAt">) {
  if (r.appeal) {
    if (r.appeal.decision === null) return "appealing";
    if (r.appeal.decision.upheld) return "appeal_upheld";
  }
  if (r.kind === null) return "open";
  // 无法律依据: the explanation is the measure; otherwise something must have been done.
  if (r.kind !== "no_legal_basis" && r.measures.length === 0) return "rectifying";
  if (r.realName && !r.callbacks.some((c) => c.reached)) return "callback_due";
  return "closed";
}

/** The record with its state recomputed; `at` is when the change happened. */
export function settleRectification(r: Rectification, at: string): Rectification {
  const state = rectificationStateOf(r);
  const finished = FINISHED_RECTIFICATION.has(state);
  return { ...r, state, closedAt: finished ? (r.closedAt ?? at) : null };
}

/**
 * The day a record must be rectified and fed back by: the 台账 deadline when the lead set one,
 * else N working days after the rating (jurisdiction rule, 5 by default).
 */
export function rectificationDueOn(
  r: Pick<Rectification, "ratedOn" | "ledgerDue" | "kind">,
  calendar: Pick<WorkCalendar, "addWorkdays">,
  rules: Pick<JurisdictionRules, "badRatingRectifyWorkdays">,
): string {
  if (r.kind === "ledger" && r.ledgerDue) return r.ledgerDue;
  return badRatingRectifyDue(r.ratedOn, rules, calendar).date;
}

/** The lead post of a kind of site: who answers for its 差评. */
export function leadRoleOf(kind: SiteKind): Role | null {
  if (kind === "station") return "station_lead";
  if (kind === "center") return "center_lead";
  return null;
}

/** Whether the actor is the lead of the record's site (谁办理谁负责). */
export function isRectificationLead(r: Pick<Rectification, "siteId">, actor: Actor): boolean {
  return actor.siteId === r.siteId && leadRoleOf(actor.siteKind) === actor.role;
}

/** What lists and figures count of a case's records (projections keep these). */
export interface RectificationSummary {
  /** 差评 whose appeal was not upheld. */
  bad: number;
  /** Of those, closed (rectified and, for a named rater, called back). */
  closed: number;
  /** 实名差评 (appeal not upheld)… */
  realName: number;
  /** …and of those, the raters reached on a callback. */
  calledBack: number;
  /** Records not finished. */
  open: number;
  /** The responsible site of the case's records (the latest record's). */
  siteId: string | null;
  /** The worst level among the case's 差评. */
  level: number | null;
  /** The state to show: the first unfinished record's, else the latest record's. */
  state: RectificationState | null;
}

export function summariseRectifications(list: readonly Rectification[]): RectificationSummary {
  const counted = list.filter((r) => r.state !== "appeal_upheld");
  const unfinished = list.filter((r) => !FINISHED_RECTIFICATION.has(r.state));
  const shown = unfinished[0] ?? list.at(-1);
  return {
    bad: counted.length,
    closed: counted.filter((r) => r.state === "closed").length,
    realName: counted.filter((r) => r.realName).length,
    calledBack: counted.filter((r) => r.realName && r.callbacks.some((c) => c.reached)).length,
    open: unfinished.length,
    siteId: list.at(-1)?.siteId ?? null,
    level: list.length ? Math.min(...list.map((r) => r.level)) : null,
    state: shown?.state ?? null,
  };
}

/** The earliest due day among unfinished records; null when none is open. */
export function earliestRectificationDue(
  list: readonly Rectification[],
  calendar: Pick<WorkCalendar, "addWorkdays">,
  rules: Pick<JurisdictionRules, "badRatingRectifyWorkdays">,
): string | null {
  let first: string | null = null;
  for (const r of list) {
    if (FINISHED_RECTIFICATION.has(r.state)) continue;
    const due = rectificationDueOn(r, calendar, rules);
    if (first === null || due < first) first = due;
  }
  return first;
}
