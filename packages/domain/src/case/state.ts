import type { Pause, PauseReason } from "../calendar/workdays";
import type { RatingChannel } from "../rating/rating";
import type { MaterialCheck } from "./material-checks";
import type { Rectification } from "./rectification";
import type { Actor, CaseEventType, CaseStatus, Handover, ItemRules, MaterialState } from "./types";

/** One hand-off in the custody log (跨域通办). */
export interface Handoff {
  eventId: string;
  at: string;
  kind: "intake" | "forward" | "transfer" | "pickup" | "reassign";
  fromSiteId: string | null;
  toSiteId: string | null;
  toUserId?: string;
  byUserId: string;
  bySiteId: string;
  reason?: string;
}

/** A 容缺 promise as the case keeps it (see deferred/rongque.ts for the rules on it). */
export interface CasePromise {
  code: string;
  promisedBy: string;
  suppliedOn: string | null;
}

/** A transition the machine could not accept when the journal was folded. Kept, never dropped. */
export interface CaseConflict {
  eventId: string;
  type: CaseEventType;
  actor: Actor;
  at: string;
  /** The status the case had when this event was reached in the fold. */
  statusAtEvent: CaseStatus;
  code: string;
  zh: string;
  en: string;
}

export interface CaseFlag {
  kind: "notice_incomplete" | "correction_notice_late";
  eventId: string;
  /** Material codes concerned (notice_incomplete). */
  codes?: string[];
}

export interface RatingRecord {
  eventId: string;
  level: number;
  channel: RatingChannel;
  stage: string;
  at: string;
}

/** The 送达 of a completed case, as the complete event recorded it. */
export interface CaseHandover extends Handover {
  at: string;
  siteId: string;
  byUserId: string;
}

/** 审查意见: what the reviewer recommends, submitted for the approver's decision (提交审批). */
export interface ReviewOpinion {
  eventId: string;
  at: string;
  byUserId: string;
  bySiteId: string;
  text: string;
  recommendation: "approve" | "deny";
}

export interface CaseState {
  status: CaseStatus;
  item: ItemRules;
  mode: "assist" | "proxy";
  originSiteId: string;
  handlingSiteId: string;
  pickupSiteId: string | null;
  /** 首问负责: the first receiver; never changes. */
  firstResponderId: string;
  assigneeId: string | null;
  materials: Record<string, MaterialState>;
  /**
   * 审查 marks by material code (合格 / 需补正), the latest per material; a supplement of the
   * material clears its mark. May be absent on a state read back from a projection written
   * before it existed (`ruleStateOf`).
   */
  materialChecks: Record<string, MaterialCheck>;
  /** Material codes named on any 一次性告知 so far. */
  noticedCodes: string[];
  noticeIds: string[];
  /** 容缺: true once accepted with any material deferred. */
  deferred: boolean;
  promises: CasePromise[];
  /** Where a 补正 returns the case once the materials arrive. */
  correctionReturnsTo: CaseStatus | null;
  /** Where 恢复 returns a suspended case: the status it was suspended from (null: in review). */
  resumesTo: CaseStatus | null;
  submittedAt: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  /** When the result was issued for pick-up: the office's clock stops here. */
  issuedAt: string | null;
  completedAt: string | null;
  /** Who collected the result, how, when and where; null before 办结 or on older journals. */
  handover: CaseHandover | null;
  closedAt: string | null;
  pauses: Pause[];
  extensionWorkdays: number;
  handoffs: Handoff[];
  ratings: RatingRecord[];
  /**
   * 差评整改: one record per 差评, opened by the rating (case/rectification.ts). May be absent
   * on a state read back from a projection written before it existed (`ruleStateOf`).
   */
  rectifications: Rectification[];
  complaintIds: string[];
  conflicts: CaseConflict[];
  /** True while a conflict waits for a person to resolve it with an event of their own. */
  conflictOpen: boolean;
  /** The latest review opinion; kept after the decision, for the record. */
  opinion: ReviewOpinion | null;
  /** 待审批: an opinion was submitted and the case, still in review, waits for the decision. */
  awaitingApproval: boolean;
  flags: CaseFlag[];
  /** Ids of the events that were applied, in fold order. */
  applied: string[];
  lastLamport: number;
}

export type { PauseReason };
