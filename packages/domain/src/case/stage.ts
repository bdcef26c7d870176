import type { CaseState } from "./state";

/**
 * A step inside a status that a person needs to see: the status alone says 已受理 both before
 * and after the station sent the case up, and 审查中 both while the reviewer works and while
 * the opinion waits for the approver.
 */
export const CASE_STAGES = ["forwarded", "awaiting_approval"] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const caseStageLabels: Record<CaseStage, { zh: string; en: string }> = {
  forwarded: { zh: "已转报中心", en: "Forwarded to the center" },
  awaiting_approval: { zh: "待审批", en: "Awaiting approval" },
};

/** The case's stage, or null when its status says all. */
export function caseStageOf(s: CaseState): CaseStage | null {
  if (s.status === "IN_REVIEW" && s.awaitingApproval) return "awaiting_approval";
  if (s.status === "ACCEPTED") {
    // The latest move of the handling site decides: forwarded, then transferred, is not forwarded.
    const move = s.handoffs.findLast((h) => h.kind === "forward" || h.kind === "transfer");
    if (move?.kind === "forward") return "forwarded";
  }
  return null;
}
