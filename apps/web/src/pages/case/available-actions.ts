import { type CaseEventType, type CaseStatus, type Role, rolesFor } from "@bangban/domain";

/** The station's actions on a case (helpers, station leads, the center's front desk). */
type StationAction =
  | "supplement"
  | "accept"
  | "forward"
  | "transfer"
  | "complete"
  | "withdraw"
  | "reject"
  | "rate";

/** The back office's actions at the hub: review, decide, issue, hand over, settle conflicts. */
export type BackOfficeAction =
  | "startReview"
  | "requestCorrection"
  | "approve"
  | "deny"
  | "issue"
  | "suspend"
  | "resume"
  | "extend"
  | "reassign"
  | "setPickupSite"
  | "resolveConflict";

export type CaseAction = StationAction | BackOfficeAction;

const eventOf: Record<Exclude<CaseAction, "rate">, CaseEventType> = {
  supplement: "supplement",
  accept: "accept",
  forward: "forward",
  transfer: "transfer",
  complete: "complete",
  withdraw: "withdraw",
  reject: "reject_intake",
  startReview: "start_review",
  requestCorrection: "request_correction",
  approve: "approve",
  deny: "deny",
  issue: "issue",
  suspend: "suspend",
  resume: "resume",
  extend: "extend",
  reassign: "reassign",
  setPickupSite: "set_pickup_site",
  resolveConflict: "resolve_conflict",
};

/** Who may open the resident-facing rating screen (cases.openRating). */
const RATING_OPENERS: readonly Role[] = ["helper", "station_lead", "front_desk", "center_lead"];

const CLOSED: readonly CaseStatus[] = [
  "REJECTED_AT_INTAKE",
  "COMPLETED",
  "WITHDRAWN",
  "TERMINATED",
];

interface CaseFacts {
  status: CaseStatus;
  item: { stationMayComplete: boolean; kind: string; approvalLevel: string };
  materials: { state: string; requirement: string }[];
  ratings: { channel: string; stage: string }[];
  conflictOpen?: boolean;
  pickupSiteId?: string | null;
}

/**
 * The buttons worth showing for this case to this role. A hint, not a rule: the state
 * machine on the server decides, and its refusal is shown if the hint was wrong.
 */
export function availableActions(
  c: CaseFacts,
  role: Role,
  node: "station" | "hub",
  siteId?: string,
): CaseAction[] {
  const open = !CLOSED.includes(c.status);
  const hub = node === "hub";
  const is = (...s: CaseStatus[]) => s.includes(c.status);
  const gap = c.materials.some(
    (m) => (m.state === "missing" && m.requirement !== "conditional") || m.state === "deferred",
  );
  const when: Record<CaseAction, boolean> = {
    supplement: open && gap && c.status !== "READY_FOR_PICKUP",
    accept: is("SUBMITTED"),
    forward: node === "station" && is("ACCEPTED") && c.item.approvalLevel !== "STATION",
    transfer: open,
    complete:
      is("READY_FOR_PICKUP") ||
      (is("ACCEPTED") && (c.item.stationMayComplete || c.item.kind === "IMMEDIATE")) ||
      // The named pick-up station hands over an approved result once nothing is outstanding.
      (node === "station" && is("APPROVED") && !gap && !!siteId && c.pickupSiteId === siteId),
    withdraw: open,
    reject: is("SUBMITTED", "NEEDS_CORRECTION"),
    rate: !c.ratings.some((r) => r.channel === "offline" && r.stage === "completion"),
    startReview: hub && is("ACCEPTED"),
    requestCorrection: hub && is("SUBMITTED", "ACCEPTED", "IN_REVIEW"),
    approve: hub && is("ACCEPTED", "IN_REVIEW"),
    deny: hub && is("ACCEPTED", "IN_REVIEW"),
    issue: hub && is("APPROVED", "DENIED"),
    suspend: hub && is("IN_REVIEW"),
    resume: hub && is("SUSPENDED"),
    extend: hub && is("ACCEPTED", "IN_REVIEW", "SUSPENDED"),
    reassign: hub && open,
    setPickupSite: hub && open,
    resolveConflict: c.conflictOpen === true,
  };
  return (Object.keys(when) as CaseAction[]).filter(
    (a) => when[a] && (a === "rate" ? RATING_OPENERS : rolesFor(eventOf[a])).includes(role),
  );
}
