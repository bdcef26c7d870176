import type { Complainant, ComplaintState } from "@bangban/domain";
import { complaintInScope } from "../hub/scope";

/** One complaint as a node keeps it: the saved document, the complainant and the fold. */
export interface StoredComplaint {
  id: string;
  /** Automerge `save` of the whole document (complaints are few: they sync whole). */
  doc: Uint8Array;
  /** Null when anonymous, or at a node that is not told (a station complained about). */
  complainant: Complainant | null;
  /** The journal folded (what lists and figures read). */
  state: ComplaintState;
  /** This node's order of saves: a complaint saved again moves to the end. */
  seq: number;
}

/**
 * Where a node keeps its complaints (the libSQL store in packages/db and the memory store
 * below pass the same suite, complaint-store-suite.ts). Low volume: whole documents, one local
 * sequence, no change log.
 */
export interface ComplaintStore {
  getComplaint(id: string): Promise<StoredComplaint | null>;
  /** Saves these complaints in one transaction, each with the next seq (returned in order). */
  putComplaints(entries: readonly Omit<StoredComplaint, "seq">[]): Promise<number[]>;
  /**
   * Complaints saved after `after`, in seq order, at most `limit`; with `siteId`, only those in
   * that node's scope (`complaintInScope`): registered at or targeting a site it speaks for — a
   * station's own site at its hub, a street's center and stations at the district.
   */
  complaintsAfter(
    after: number,
    opts: { limit: number; siteId?: string },
  ): Promise<StoredComplaint[]>;
}

/** The in-memory store (sync tests); the same behaviour as the libSQL one. */
export class MemoryComplaintStore implements ComplaintStore {
  private readonly rows = new Map<string, StoredComplaint>();
  private seq = 0;

  async getComplaint(id: string): Promise<StoredComplaint | null> {
    const r = this.rows.get(id);
    return r ? { ...r } : null;
  }

  async putComplaints(entries: readonly Omit<StoredComplaint, "seq">[]): Promise<number[]> {
    return entries.map((e) => {
      this.seq++;
      this.rows.set(e.id, { ...e, seq: this.seq });
      return this.seq;
    });
  }

  async complaintsAfter(after: number, opts: { limit: number; siteId?: string }) {
    const site = opts.siteId;
    return [...this.rows.values()]
      .filter((r) => r.seq > after && (!site || complaintInScope(r.state, site)))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, opts.limit);
  }
}
