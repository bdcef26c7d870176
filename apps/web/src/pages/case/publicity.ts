import type { CaseEventType, CaseStatus } from "@bangban/domain";

interface CaseFacts {
  status: CaseStatus;
  item: { publicityWorkdays: number | null };
  allowed: readonly CaseEventType[];
  timeline: readonly { type: string; payload: unknown }[];
}

/** What the case page says about the guide's 公示期, if anything. */
export type PublicityPrompt =
  /** In review, not yet posted: the reviewer may start 公示 (suspend, reason publicity). */
  | { kind: "due"; workdays: number }
  /** Posted now (the clock is paused); resume the review when the period is over. */
  | { kind: "running"; workdays: number; mayResume: boolean };

const reasonOf = (e: { payload: unknown }) => (e.payload as { reason?: unknown } | null)?.reason;

/**
 * 公示: the guide asks for N working days of public posting. Prompted to whoever may suspend
 * the review while it is in review and has not been posted yet; while suspended for it, the
 * page says so and offers 恢复审查 to whoever may resume.
 */
export function publicityPrompt(c: CaseFacts): PublicityPrompt | null {
  const workdays = c.item.publicityWorkdays;
  if (!workdays) return null;
  const suspensions = c.timeline.filter((e) => e.type === "suspend");
  const last = suspensions.at(-1);
  if (c.status === "SUSPENDED" && last && reasonOf(last) === "publicity") {
    return { kind: "running", workdays, mayResume: c.allowed.includes("resume") };
  }
  const posted = suspensions.some((e) => reasonOf(e) === "publicity");
  if (c.status === "IN_REVIEW" && !posted && c.allowed.includes("suspend")) {
    return { kind: "due", workdays };
  }
  return null;
}
