import {
  type CaseStatus,
  CENTER_STAFF,
  checkReasonMissing,
  type MaterialVerdict,
  type Role,
} from "@bangban/domain";
import type { MessageKey } from "../../../i18n/zh";

/** A checklist row as the reviewer's screen reads it (CaseDetail.materials[number]). */
export interface ReviewMaterial {
  code: string;
  requirement: string;
  state: string;
  attachments: readonly unknown[];
  check: { verdict: MaterialVerdict; reason?: string } | null;
}

/**
 * The reviewer's screen (scans beside the checklist): the center's staff on a case in 审查.
 * Everyone else sees the checklist card with the scans inline.
 */
export function isReviewScreen(role: Role | undefined, status: CaseStatus): boolean {
  return role !== undefined && CENTER_STAFF.includes(role) && status === "IN_REVIEW";
}

/** The materials to review: every one but a conditional material that was not given. */
export function reviewable<M extends ReviewMaterial>(materials: readonly M[]): M[] {
  return materials.filter((m) => !(m.requirement === "conditional" && m.state === "missing"));
}

/** Where 审查 starts: the first material not yet marked, else the first of the list. */
export function firstToReview(materials: readonly ReviewMaterial[]): string | null {
  const list = reviewable(materials);
  return (list.find((m) => m.check === null) ?? list[0])?.code ?? null;
}

/**
 * Where 审查 goes after a mark on `current`: the next material down the list not yet marked,
 * wrapping to the top; `current` itself stays selected once every material is marked.
 */
export function nextToReview(materials: readonly ReviewMaterial[], current: string): string {
  const list = reviewable(materials);
  const at = list.findIndex((m) => m.code === current);
  for (let i = 1; i <= list.length; i++) {
    const m = list[(at + i) % list.length];
    if (m && m.code !== current && m.check === null) return m.code;
  }
  return current;
}

/** How far 审查 has got: materials marked, of those to review, and how many 需补正. */
export function reviewProgress(materials: readonly ReviewMaterial[]) {
  const list = reviewable(materials);
  return {
    checked: list.filter((m) => m.check !== null).length,
    total: list.length,
    needsCorrection: list.filter((m) => m.check?.verdict === "needs_correction").length,
  };
}

/**
 * What the 需补正 button says before sending: nothing, or why it cannot be sent yet (the
 * domain's rule: a reason of at least two characters).
 */
export function markProblem(
  verdict: MaterialVerdict,
  reason: string | undefined,
): MessageKey | null {
  return checkReasonMissing(verdict, reason) ? "scan.reasonRequired" : null;
}
