import { type CaseEventType, type CaseStatus, type Role, rolesFor } from "@bangban/domain";

export type CaseAction =
  | "supplement"
  | "accept"
  | "forward"
  | "transfer"
  | "complete"
  | "withdraw"
  | "reject"
  | "rate";

const eventOf: Record<Exclude<CaseAction, "rate">, CaseEventType> = {
  supplement: "supplement",
  accept: "accept",
  forward: "forward",
  transfer: "transfer",
  complete: "complete",
  withdraw: "withdraw",
  reject: "reject_intake",
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
}

/**
 * The buttons worth showing for this case to this role. A hint, not a rule: the state
 * machine on the server decides, and its refusal is shown if the hint was wrong.
 */
export function availableActions(c: CaseFacts, role: Role, node: "station" | "hub"): CaseAction[] {
  const open = !CLOSED.includes(c.status);
  const gap = c.materials.some(
    (m) => (m.state === "missing" && m.requirement !== "conditional") || m.state === "deferred",
  );
  const when: Record<CaseAction, boolean> = {
    supplement: open && gap && c.status !== "READY_FOR_PICKUP",
    accept: c.status === "SUBMITTED",
    forward: node === "station" && c.status === "ACCEPTED" && c.item.approvalLevel !== "STATION",
    transfer: open,
    complete:
      c.status === "READY_FOR_PICKUP" ||
      (c.status === "ACCEPTED" && (c.item.stationMayComplete || c.item.kind === "IMMEDIATE")),
    withdraw: open,
    reject: c.status === "SUBMITTED" || c.status === "NEEDS_CORRECTION",
    rate: !c.ratings.some((r) => r.channel === "offline" && r.stage === "completion"),
  };
  return (Object.keys(when) as CaseAction[]).filter(
    (a) => when[a] && (a === "rate" ? RATING_OPENERS : rolesFor(eventOf[a])).includes(role),
  );
}
