import { nextLamport } from "./fold";
import type { Actor, CaseEvent, CaseEventType, PayloadOf } from "./types";

/**
 * Builds journal events the way a node records them: a fresh id, the node's clock and a
 * Lamport value on top of what it has seen. Used by tests, the demo and the seeders; real
 * nodes pass their own id source and clock.
 */
export interface RecordOptions {
  id: string;
  at: string;
  actor: Actor;
}

export function recordEvent<T extends CaseEventType>(
  seen: readonly CaseEvent[],
  type: T,
  payload: PayloadOf<T>,
  opts: RecordOptions,
): CaseEvent {
  return {
    id: opts.id,
    at: opts.at,
    lamport: nextLamport(seen),
    actor: opts.actor,
    type,
    payload,
  } as CaseEvent;
}
