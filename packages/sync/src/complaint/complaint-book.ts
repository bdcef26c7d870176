import {
  type Complainant,
  type ComplaintEvent,
  type ComplaintState,
  DomainError,
  foldComplaint,
  withAnonymity,
} from "@bangban/domain";
import type { HubAuthority } from "../hub/authority";
import { KeyedLock } from "../keyed-lock";
import { fromBase64, toBase64 } from "../protocol/messages";
import { malformedBatch } from "../protocol/refusals";
import {
  appendComplaintEvent,
  type ComplaintDoc,
  createComplaintDoc,
  loadComplaintDoc,
  mergeComplaintDocs,
  readComplaintDoc,
  sameHeads,
  saveComplaintDoc,
} from "./complaint-doc";
import type { ComplaintStore, StoredComplaint } from "./complaint-store";
import { judgeComplaint } from "./judge";
import { COMPLAINT_LIMITS, type ComplaintWire, type PullComplaintsResponse } from "./messages";

/** Folds a journal, throwing the machine's refusal (a person's request it refuses). */
function foldOrThrow(id: string, journal: readonly ComplaintEvent[]): ComplaintState {
  const { state, refused } = foldComplaint(id, journal);
  if (refused && !refused.error.ok) throw refused.error.error;
  if (!state) throw new Error(`complaint ${id} has no journal`);
  return state;
}

/**
 * A node's complaints: record what its people do (checked by the complaint machine), merge
 * what the other side sends, and at the hub judge a station's push before storing it. Writes
 * to one complaint never interleave (a lock per id).
 */
export class ComplaintBook {
  private readonly lock = new KeyedLock();

  constructor(
    readonly store: ComplaintStore,
    private readonly actorId: string,
  ) {}

  get(id: string): Promise<StoredComplaint | null> {
    return this.store.getComplaint(id);
  }

  /**
   * Registers a new complaint or 办不成事 record (its first event), fixing its anonymous flag
   * from whether a complainant was given: the one place it is set.
   */
  register(
    id: string,
    event: ComplaintEvent,
    complainant: Complainant | null,
  ): Promise<StoredComplaint> {
    return this.lock.run(id, async () => {
      const e =
        event.type === "register"
          ? { ...event, payload: withAnonymity(event.payload, complainant !== null) }
          : event;
      if (await this.store.getComplaint(id)) {
        throw new DomainError({
          code: "DUPLICATE",
          field: "id",
          zh: "投诉编号已存在",
          en: "id taken",
        });
      }
      const state = foldOrThrow(id, [e]);
      const doc = createComplaintDoc(id, e, this.actorId);
      return this.save({ id, doc: saveComplaintDoc(doc), complainant, state });
    });
  }

  /** Records one more event, if the machine allows it in the complaint's state. */
  record(id: string, e: ComplaintEvent): Promise<StoredComplaint> {
    return this.lock.run(id, async () => {
      const held = await this.store.getComplaint(id);
      if (!held) {
        throw new DomainError({
          code: "REQUIRED",
          field: "id",
          zh: "投诉不存在",
          en: "unknown complaint",
        });
      }
      const doc = appendComplaintEvent(loadComplaintDoc(held.doc, this.actorId), e);
      const state = foldOrThrow(id, readComplaintDoc(doc).journal);
      return this.save({ ...held, doc: saveComplaintDoc(doc), state });
    });
  }

  /**
   * Station: merges what the hub sent (already judged there). A complaint whose history did
   * not change is not saved again, so it is not pushed back. Keeps a complainant this node
   * holds; takes the hub's only for its own registrations (the hub sends no other).
   */
  async mergeFromHub(items: readonly ComplaintWire[]): Promise<number> {
    let saved = 0;
    for (const item of items) {
      await this.lock.run(item.id, async () => {
        const held = await this.store.getComplaint(item.id);
        const theirs = loadComplaintDoc(fromBase64(item.doc), this.actorId);
        const mine = held ? loadComplaintDoc(held.doc, this.actorId) : null;
        const merged = mine ? mergeComplaintDocs(mine, theirs) : theirs;
        if (mine && sameHeads(mine, merged)) return;
        const state = foldOrThrow(item.id, readComplaintDoc(merged).journal);
        const complainant = held?.complainant ?? item.complainant;
        await this.save({ id: item.id, doc: saveComplaintDoc(merged), complainant, state });
        saved++;
      });
    }
    return saved;
  }

  /** Station: the complaints saved after `after`, as a push (bounded by count and bytes). */
  async unsent(after: number): Promise<{ wire: ComplaintWire[]; last: number }> {
    const rows = await this.store.complaintsAfter(after, { limit: COMPLAINT_LIMITS.maxPerCall });
    const wire: ComplaintWire[] = [];
    let bytes = 0;
    let last = after;
    for (const r of rows) {
      if (wire.length && bytes + r.doc.length > COMPLAINT_LIMITS.maxPushBytes) break;
      wire.push({ id: r.id, doc: toBase64(r.doc), complainant: r.complainant });
      bytes += r.doc.length;
      last = r.seq;
    }
    return { wire, last };
  }

  /**
   * Hub: judges every complaint of a station's push (judge.ts) and stores them all in one
   * transaction, or refuses the push with the first typed SyncError and stores nothing.
   */
  async acceptFromStation(
    siteId: string,
    items: readonly ComplaintWire[],
    authority: HubAuthority,
  ): Promise<number> {
    return this.lock.runAll(
      items.map((i) => i.id),
      async () => {
        const out: Omit<StoredComplaint, "seq">[] = [];
        for (const item of items) {
          const next = await this.judged(siteId, item, authority);
          if (next) out.push(next);
        }
        if (out.length) await this.store.putComplaints(out);
        return items.length;
      },
    );
  }

  private async judged(
    siteId: string,
    item: ComplaintWire,
    authority: HubAuthority,
  ): Promise<Omit<StoredComplaint, "seq"> | null> {
    const held = await this.store.getComplaint(item.id);
    const bytes = fromBase64(item.doc);
    if (bytes.length > COMPLAINT_LIMITS.maxDocBytes) {
      throw malformedBatch(
        `complaint ${item.id} over ${COMPLAINT_LIMITS.maxDocBytes} bytes`,
        item.id,
      );
    }
    let mine: ComplaintDoc | null = null;
    let merged: ComplaintDoc;
    let after: ReturnType<typeof readComplaintDoc>;
    try {
      const theirs = loadComplaintDoc(bytes, this.actorId);
      mine = held ? loadComplaintDoc(held.doc, this.actorId) : null;
      merged = mine ? mergeComplaintDocs(mine, theirs) : theirs;
      after = readComplaintDoc(merged);
    } catch (e) {
      throw malformedBatch(`complaint ${item.id}: ${(e as Error).message}`, item.id);
    }
    const verdict = judgeComplaint(
      {
        siteId,
        id: item.id,
        before: held
          ? {
              record: readComplaintDoc(mine as ComplaintDoc),
              state: held.state,
              complainant: held.complainant,
            }
          : null,
        after,
        complainant: item.complainant,
      },
      authority,
    );
    if ("refused" in verdict) throw verdict.refused;
    if (mine && sameHeads(mine, merged)) return null;
    return {
      id: item.id,
      doc: saveComplaintDoc(merged),
      complainant: held ? held.complainant : item.complainant,
      state: verdict.state,
    };
  }

  /**
   * Hub: the complaints in a station's scope (registered there or targeting it; at the district,
   * a street's: registered at or about its center or stations, `complaintInScope`) saved after
   * its cursor. The complainant goes only to the very site that registered the complaint: a
   * station or street complained about gets the complaint without it.
   */
  async forStation(siteId: string, after: number): Promise<PullComplaintsResponse> {
    const limit = COMPLAINT_LIMITS.maxPerCall;
    const rows = await this.store.complaintsAfter(after, { limit: limit + 1, siteId });
    const page = rows.slice(0, limit);
    return {
      complaints: page.map((r) => ({
        id: r.id,
        doc: toBase64(r.doc),
        complainant: r.state.siteId === siteId ? r.complainant : null,
      })),
      next: page[page.length - 1]?.seq ?? after,
      more: rows.length > limit,
    };
  }

  private async save(e: Omit<StoredComplaint, "seq">): Promise<StoredComplaint> {
    const [seq] = await this.store.putComplaints([e]);
    return { ...e, seq: seq as number };
  }
}
