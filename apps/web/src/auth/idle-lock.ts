/**
 * When the screen of a shared terminal locks: `minutes` after the last thing the person did.
 * Pure, the time passed in, so the rule is tested without waiting.
 */
export function idleExpired(lastActivityMs: number, nowMs: number, minutes: number): boolean {
  return nowMs - lastActivityMs >= minutes * 60_000;
}

/** How often the browser looks at the clock: a lock comes at most this late. */
export const IDLE_CHECK_MS = 15_000;

/** What counts as someone at the terminal (not the screen's own polling). */
export const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
