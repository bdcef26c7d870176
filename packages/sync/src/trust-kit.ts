import * as A from "@automerge/automerge";
import {
  type Actor,
  type CaseEvent,
  type CaseEventType,
  type PayloadOf,
  recordEvent,
} from "@bangban/domain";
import { type CaseDocShape, changeCaseDoc, edits, readJournal } from "./case-doc";
import { SyncError } from "./protocol/errors";
import type { Hub, Station } from "./sync-kit";

/**
 * Helpers for attack tests at the trust boundary: a station that skips its own machine and
 * writes an event straight into its document, and what the hub does with the change.
 */

/**
 * Appends an event to the station's copy of a case directly, skipping its own machine, and
 * returns the Automerge change as a push would carry it. `id` must be unique per test file.
 */
export async function forge<T extends CaseEventType>(
  s: Station,
  caseId: string,
  type: T,
  payload: PayloadOf<T>,
  who: Actor,
  id: string,
) {
  const held = A.load<CaseDocShape>(await s.repo.save(caseId), { actor: s.actorId });
  const e: CaseEvent = recordEvent(readJournal(held), type, payload, {
    id,
    at: "2026-11-03T02:00:00.000Z",
    actor: who,
  });
  const { change } = changeCaseDoc(held, (d) => edits.appendEvent(d, e));
  if (!change) throw new Error("no change");
  return change;
}

/** Pushes one change to the hub: the refusal's kind (or "accepted") and whether it stored anything. */
export async function pushed(hub: Hub, s: Station, caseId: string, bytes: Uint8Array) {
  const before = await hub.store.lastSeq();
  let kind = "accepted";
  try {
    await hub.accept(s.identity, { protocol: 2, changes: [{ caseId, bytes }] });
  } catch (e) {
    if (!(e instanceof SyncError)) throw e;
    kind = e.data.kind;
  }
  return { kind, stored: (await hub.store.lastSeq()) !== before };
}
