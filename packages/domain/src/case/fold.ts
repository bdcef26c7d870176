import { applyEvent } from "./machine";
import type { CaseState } from "./state";
import type { CaseEvent } from "./types";

/**
 * Canonical journal order: by Lamport clock (causality), then time, then id. Duplicates (the
 * same id delivered twice) collapse to one; should two differing events ever carry one id,
 * the same one is kept on every replica.
 */
export function canonicalJournal(events: readonly CaseEvent[]): CaseEvent[] {
  // The tie-break key (the event's JSON) is built only when an id repeats: folding runs for
  // every case a node stores, and serialising every event cost more than the fold itself.
  const byId = new Map<string, { e: CaseEvent; key: string | null }>();
  for (const e of events) {
    const seen = byId.get(e.id);
    if (!seen) {
      byId.set(e.id, { e, key: null });
      continue;
    }
    const key = JSON.stringify(e);
    seen.key ??= JSON.stringify(seen.e);
    if (key < seen.key) byId.set(e.id, { e, key });
  }
  return [...byId.values()].map((v) => v.e).sort(compareEvents);
}

export function compareEvents(a: CaseEvent, b: CaseEvent): number {
  if (a.lamport !== b.lamport) return a.lamport - b.lamport;
  if (a.at !== b.at) return Date.parse(a.at) - Date.parse(b.at) || (a.at < b.at ? -1 : 1);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface FoldResult {
  /** null when the journal has no acceptable intake event. */
  state: CaseState | null;
  /** Events that came before any intake could be applied (kept, reported). */
  orphans: CaseEvent[];
}

/**
 * Derives a case from its journal. The same set of events in any arrival order, with any
 * duplicates, gives the same result. An event the machine refuses at its place in the order
 * is kept as a conflict and flags the case for a person — never silently dropped.
 */
export function foldJournal(events: readonly CaseEvent[]): FoldResult {
  let state: CaseState | null = null;
  const orphans: CaseEvent[] = [];
  for (const e of canonicalJournal(events)) {
    const r = applyEvent(state, e);
    if (r.ok) {
      state = r.value;
      continue;
    }
    if (state === null) {
      orphans.push(e);
      continue;
    }
    state = {
      ...state,
      conflictOpen: true,
      lastLamport: Math.max(state.lastLamport, e.lamport),
      conflicts: [
        ...state.conflicts,
        {
          eventId: e.id,
          type: e.type,
          actor: e.actor,
          at: e.at,
          statusAtEvent: state.status,
          code: r.error.code,
          zh: r.error.zh,
          en: r.error.en,
        },
      ],
    };
  }
  return { state, orphans };
}

/** The Lamport value for a new event recorded on top of `events`. */
export function nextLamport(events: readonly Pick<CaseEvent, "lamport">[]): number {
  let max = -1;
  for (const e of events) if (e.lamport > max) max = e.lamport;
  return max + 1;
}
