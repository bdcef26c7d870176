/**
 * How a 容缺 case was closed for a missed promise (§4 "Overdue"): 终止 at once, or 退件 after the
 * grace period of `suspend_then_return`. Both are a `terminate` event; the scheduler marks a
 * 退件 with `payload.outcome: "returned"`, and a terminate without an outcome (older journals,
 * or a head's manual 终止) is a plain 终止.
 */
export type ClosureOutcome = "returned" | "terminated";

/** The least of a journal or timeline entry this needs: both shapes fit. */
interface EventLike {
  type: string;
  payload: unknown;
}

/** How one event closed the case: null for any event but `terminate`. */
export function closureOutcomeOf(e: EventLike): ClosureOutcome | null {
  if (e.type !== "terminate") return null;
  const outcome = (e.payload as { outcome?: unknown } | null)?.outcome;
  return outcome === "returned" ? "returned" : "terminated";
}

/** The case's last `terminate` event and its outcome; null when there is none. */
export function closingEventOf<E extends EventLike>(
  events: readonly E[],
): { outcome: ClosureOutcome; event: E } | null {
  const event = events.findLast((e) => e.type === "terminate");
  if (!event) return null;
  return { outcome: closureOutcomeOf(event) ?? "terminated", event };
}
