import {
  type CaseStage,
  type CaseState,
  type CaseStatus,
  caseDeadline,
  caseLegalDeadline,
  caseStageOf,
  earliestRectificationDue,
  foldJournal,
  forwardDueOf,
  type JurisdictionRules,
  lastFour,
  maskIdNumber,
  maskName,
  maskPhone,
  nextRuleDate,
  type RatingChannel,
  type RectificationState,
  ratedAwayFromCounter,
  ruleStateOf,
  summariseRectifications,
  TERMINAL_STATUSES,
  type WorkCalendar,
  yellowFromOf,
} from "@bangban/domain";
import type { CaseRecord } from "./case-doc";

/**
 * The relational reading of a case for lists, search and reports. Rebuilt from the document
 * at every write; the document stays the truth. Personal fields appear only masked, and the
 * ID number only as a keyed hash for lookup — never in clear.
 */
export interface CaseProjection {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  itemName: string;
  itemVersion: number;
  status: CaseStatus;
  /** The step inside the status a person needs to see (已转报中心, 待审批); null otherwise. */
  stage: CaseStage | null;
  deferred: boolean;
  outstandingDeferred: number;
  originSiteId: string;
  handlingSiteId: string;
  pickupSiteId: string | null;
  firstResponderId: string;
  assigneeId: string | null;
  applicantNameMasked: string;
  applicantIdMasked: string;
  applicantIdHash: string;
  phoneMasked: string;
  phoneLast4: string;
  submittedAt: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
  /** Due date (close of business), null before acceptance or while blocked by an open pause. */
  dueOn: string | null;
  /** First day the case shows yellow (≤ N working days left); null when not running. */
  yellowFrom: string | null;
  paused: boolean;
  /** Colour frozen when the clock stopped (pause); null while running or not started. */
  frozenColour: "green" | "yellow" | "red" | null;
  onTime: boolean | null;
  /**
   * 法定时限 due date beside the promised `dueOn` (same start, pauses and extension); null when
   * the law sets no limit for the item, before acceptance, or while an open pause blocks it.
   */
  legalDueOn: string | null;
  /** For a completed case with a legal limit: finished by `legalDueOn`; null otherwise. */
  legalOnTime: boolean | null;
  calendarUncertain: boolean;
  conflict: boolean;
  ratingLevel: number | null;
  /** The site of the staff who completed the case (办结 counts there); null until completed. */
  completedSiteId: string | null;
  /** The site `ratingLevel` was given at (the rating counts there); null when not rated. */
  ratedSiteId: string | null;
  /**
   * Every rating of the case by channel and the site it counts at (the dashboard's channel
   * mix: 线下 / 线上 / 扫码); null when the case is not rated.
   */
  ratingChannels: RatedChannel[] | null;
  /** The earliest due date among outstanding 容缺 promises; null when none is outstanding. */
  promiseDueOn: string | null;
  /**
   * The day the node's scheduler looks at the case next (time-rules.ts `nextRuleDate`): the
   * projection's day when something is due then, else the next day something falls due.
   */
  nextRuleOn: string | null;
  /** A station case to be forwarded to the center: the last day to do it (red after). */
  forwardDueOn: string | null;
  /**
   * The case as its time rules read it (`ruleStateOf`), while anything will still fall due
   * (`nextRuleOn` set); null otherwise. The scheduler evaluates from it without the document.
   */
  ruleState: string | null;
  /** 差评整改 (case/rectification.ts): the site answering for the case's 差评; null without one. */
  rectifySiteId: string | null;
  /** The state shown for them: the first unfinished record's, else the latest's. */
  rectifyState: RectificationState | null;
  /** The worst level among them. */
  rectifyLevel: number | null;
  /** The China day of the first 差评. */
  rectifyRatedOn: string | null;
  /** Records not finished, and the earliest due day among them (red after it). */
  rectifyOpen: number;
  rectifyDueOn: string | null;
  /** 差评 counted (appeal not upheld), closed among them; 实名 among them, called back. */
  rectifyBad: number;
  rectifyClosed: number;
  rectifyRealName: number;
  rectifyCalledBack: number;
  /** The rating in `ratingLevel` was appealed and the appeal upheld: 满意率 leaves it out. */
  ratingExcluded: boolean;
  eventCount: number;
  updatedAt: string;
}

export interface ProjectionContext {
  calendar: WorkCalendar;
  rules: JurisdictionRules;
  /** Today's date at the node, China time. */
  today: string;
  /** Keyed hash of a normalised ID number (HMAC with the deployment's key). */
  hashIdNumber: (idNumber: string) => string;
}

/** One rating of a case: its channel and the site it counts at. */
export interface RatedChannel {
  channel: RatingChannel;
  siteId: string;
}

export type Colour = "none" | "green" | "yellow" | "red";

/** The deadline colour of a projected case on `today`, without loading its document. */
export function colourOn(
  p: Pick<
    CaseProjection,
    "dueOn" | "yellowFrom" | "paused" | "frozenColour" | "status" | "acceptedAt"
  >,
  today: string,
): Colour {
  if (!p.acceptedAt || TERMINAL_STATUSES.has(p.status) || p.status === "READY_FOR_PICKUP")
    return "none";
  if (p.paused) return p.frozenColour ?? "green";
  if (p.dueOn && today > p.dueOn) return "red";
  if (p.yellowFrom && today >= p.yellowFrom) return "yellow";
  return "green";
}

export function projectCase(record: CaseRecord, ctx: ProjectionContext): CaseProjection {
  const { state } = foldJournal(record.journal);
  if (!state) throw new Error(`case ${record.caseId} has no intake in its journal`);
  return projectState(record, state, ctx);
}

export function projectState(
  record: CaseRecord,
  s: CaseState,
  ctx: ProjectionContext,
): CaseProjection {
  const clock = { asOf: ctx.today, calendar: ctx.calendar, rules: ctx.rules };
  const d = caseDeadline(s, clock);
  const legal = caseLegalDeadline(s, clock);
  const running = d.state === "running" || d.state === "paused";
  const rating = s.ratings.find((r) => r.stage === "completion") ?? s.ratings[0];
  const phone = record.applicant.phone;
  const completedSiteId = s.status === "COMPLETED" ? completingSite(record, s) : null;
  const next = nextRuleDate(s, {
    caseId: record.caseId,
    today: ctx.today,
    calendar: ctx.calendar,
    rules: ctx.rules,
  });
  return {
    caseId: record.caseId,
    caseNumber: record.caseNumber,
    itemCode: s.item.code,
    itemName: s.item.name,
    itemVersion: s.item.version,
    status: s.status,
    stage: caseStageOf(s),
    deferred: s.deferred,
    outstandingDeferred: s.promises.filter((p) => p.suppliedOn === null).length,
    originSiteId: s.originSiteId,
    handlingSiteId: s.handlingSiteId,
    pickupSiteId: s.pickupSiteId,
    firstResponderId: s.firstResponderId,
    assigneeId: s.assigneeId,
    applicantNameMasked: maskName(record.applicant.name),
    applicantIdMasked: maskIdNumber(record.applicant.idNumber),
    applicantIdHash: ctx.hashIdNumber(record.applicant.idNumber),
    phoneMasked: phone ? maskPhone(phone) : "",
    phoneLast4: phone ? lastFour(phone) : "",
    submittedAt: s.submittedAt,
    acceptedAt: s.acceptedAt,
    decidedAt: s.decidedAt,
    completedAt: s.completedAt,
    closedAt: s.closedAt,
    dueOn: d.dueOn,
    yellowFrom: running && d.dueOn ? yellowFromOf(d.dueOn, ctx.calendar, ctx.rules) : null,
    paused: d.state === "paused",
    frozenColour: d.state === "paused" && d.colour !== "none" ? d.colour : null,
    onTime: d.onTime,
    legalDueOn: legal?.dueOn ?? null,
    legalOnTime: legal?.onTime ?? null,
    calendarUncertain: d.calendarUncertain || (legal?.calendarUncertain ?? false),
    conflict: s.conflictOpen,
    ratingLevel: rating?.level ?? null,
    completedSiteId,
    ratedSiteId: rating ? ratedSite(record, rating.eventId, completedSiteId, s) : null,
    ratingChannels:
      s.ratings.length === 0
        ? null
        : s.ratings.map((r) => ({
            channel: r.channel,
            siteId: ratedSite(record, r.eventId, completedSiteId, s),
          })),
    promiseDueOn: earliestPromise(s),
    nextRuleOn: next,
    ruleState: next === null ? null : ruleStateOf(s),
    forwardDueOn: forwardDueOf(s, ctx.calendar, ctx.rules),
    ...rectificationColumns(s, rating?.eventId ?? null, ctx),
    eventCount: record.journal.length,
    updatedAt: latestAt(record),
  };
}

/** The 差评整改 columns (lists, the 差评台账, 差评整改率 and 回访率). */
function rectificationColumns(s: CaseState, ratingEventId: string | null, ctx: ProjectionContext) {
  // A state read back from a rule state written before rectifications existed has none.
  const list = s.rectifications ?? [];
  const sum = summariseRectifications(list);
  return {
    rectifySiteId: sum.siteId,
    rectifyState: sum.state,
    rectifyLevel: sum.level,
    rectifyRatedOn: list[0]?.ratedOn ?? null,
    rectifyOpen: sum.open,
    rectifyDueOn: earliestRectificationDue(list, ctx.calendar, ctx.rules),
    rectifyBad: sum.bad,
    rectifyClosed: sum.closed,
    rectifyRealName: sum.realName,
    rectifyCalledBack: sum.calledBack,
    ratingExcluded: list.some(
      (r) => r.ratingEventId === ratingEventId && r.state === "appeal_upheld",
    ),
  };
}

/** The site of the applied `complete` event's actor (a terminal status: only one was applied). */
function completingSite(record: CaseRecord, s: CaseState): string | null {
  const applied = new Set(s.applied);
  const done = record.journal.find((e) => e.type === "complete" && applied.has(e.id));
  return done?.actor.siteId ?? null;
}

/**
 * Where a rating was given: the site whose screen the resident rated on. An online rating, or
 * one from the resident's phone through the hub's page, has no counter of its own, so it goes
 * to the site that completed the case (else the handling one).
 */
function ratedSite(
  record: CaseRecord,
  eventId: string,
  completedSiteId: string | null,
  s: CaseState,
): string {
  const e = record.journal.find((x) => x.id === eventId);
  if (e?.type === "rate" && !ratedAwayFromCounter(e.payload.channel, e.actor.siteKind)) {
    return e.actor.siteId;
  }
  return completedSiteId ?? s.handlingSiteId;
}

function earliestPromise(s: CaseState): string | null {
  let first: string | null = null;
  for (const p of s.promises) {
    if (p.suppliedOn === null && (first === null || p.promisedBy < first)) first = p.promisedBy;
  }
  return first;
}

function latestAt(record: CaseRecord): string {
  let latest = record.createdAt;
  for (const e of record.journal) if (e.at > latest) latest = e.at;
  return latest;
}
