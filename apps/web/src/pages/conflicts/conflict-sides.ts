import type { CaseEventType, CaseStatus } from "@bangban/domain";

/** The status an event moves a case to, for the events that move it. */
export const RESULT_OF: Partial<Record<CaseEventType, CaseStatus>> = {
  intake: "SUBMITTED",
  request_correction: "NEEDS_CORRECTION",
  reject_intake: "REJECTED_AT_INTAKE",
  accept: "ACCEPTED",
  start_review: "IN_REVIEW",
  suspend: "SUSPENDED",
  resume: "IN_REVIEW",
  approve: "APPROVED",
  deny: "DENIED",
  issue: "READY_FOR_PICKUP",
  complete: "COMPLETED",
  withdraw: "WITHDRAWN",
  terminate: "TERMINATED",
};

interface Ev {
  id: string;
  at: string;
  type: CaseEventType;
  conflict: boolean;
}

interface Conflict {
  eventId: string;
  statusAtEvent: CaseStatus;
}

export interface ConflictSides<E> {
  /** The transition that took effect and left the case where the other could not follow. */
  applied: E | null;
  /** The transition the state machine refused at its place in the journal. */
  refused: E | null;
}

/**
 * Both sides of a conflict: the refused event, and the applied one that had brought the case
 * to the status the refused event met — the latest event before it (or, for events made
 * concurrently, the latest at all) whose result is that status.
 */
export function conflictSides<E extends Ev>(c: Conflict, timeline: readonly E[]): ConflictSides<E> {
  const refused = timeline.find((e) => e.id === c.eventId) ?? null;
  const candidates = timeline.filter(
    (e) => e.id !== c.eventId && !e.conflict && RESULT_OF[e.type] === c.statusAtEvent,
  );
  const before = refused ? candidates.filter((e) => e.at <= refused.at) : [];
  const applied = before.at(-1) ?? candidates.at(-1) ?? null;
  return { applied, refused };
}

/** The resolutions recorded so far (each closes the conflicts before it). */
export function resolutions<E extends Ev>(timeline: readonly E[]): E[] {
  return timeline.filter((e) => e.type === "resolve_conflict");
}
