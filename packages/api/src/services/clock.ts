/**
 * The node's one clock. Rules about time read it and nothing else, so a test or the demo can
 * move it: `BANGBAN_NOW` (or `serve --at`) starts the node's time at a given moment, from which
 * it runs on at the real pace.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant a `BANGBAN_NOW` value names: an ISO instant with its offset, or a bare date
 * (09:00 China time that day, the start of office hours). Null for an unreadable value.
 */
export function parseNow(spec: string): Date | null {
  const iso = DATE_ONLY.test(spec) ? `${spec}T09:00:00+08:00` : spec;
  if (!DATE_ONLY.test(spec) && !/[zZ]|[+-]\d{2}:\d{2}$/.test(spec)) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t);
}

/** The system clock, or one that starts at `start` and runs on from there. */
export function nodeClock(start: Date | null, real: () => number = Date.now): () => Date {
  if (!start) return () => new Date(real());
  const offset = start.getTime() - real();
  return () => new Date(real() + offset);
}
