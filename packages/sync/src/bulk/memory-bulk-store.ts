import type { MemoryCaseStore } from "../memory-store";
import type { BulkCounts, BulkOutcome, BulkStore, ClaimedCase, WaitingCase } from "./accept-bulk";

/** The bulk store in memory (tests), over a memory case store: the libSQL one's contract. */
export class MemoryBulkStore implements BulkStore {
  readonly rows = new Map<
    string,
    {
      sender: string;
      changes: Uint8Array[];
      state: BulkOutcome["state"];
      checkedAt: string;
      kind?: string;
      reason?: string;
    }
  >();

  constructor(private readonly store: MemoryCaseStore) {}

  async heldCases(caseIds: readonly string[]): Promise<Set<string>> {
    return new Set((await this.store.loadCases(caseIds)).keys());
  }

  async bulkCases(caseIds: readonly string[]): Promise<Set<string>> {
    return new Set(caseIds.filter((id) => this.rows.has(id)));
  }

  async storeClaims(sender: string, cases: readonly ClaimedCase[]): Promise<void> {
    for (const c of cases) {
      if (this.rows.has(c.caseId)) continue;
      this.rows.set(c.caseId, {
        sender,
        changes: c.changes.map((b) => b.slice()),
        state: "waiting",
        checkedAt: "",
      });
      if (c.projection) this.store.putClaim(c.projection);
    }
  }

  async waiting(limit: number, caseIds?: readonly string[]): Promise<WaitingCase[]> {
    const all = [...this.rows]
      .filter(([id, r]) => r.state === "waiting" && (!caseIds || caseIds.includes(id)))
      .sort(([, a], [, b]) => (a.checkedAt < b.checkedAt ? -1 : a.checkedAt > b.checkedAt ? 1 : 0));
    return all
      .slice(0, limit)
      .map(([caseId, r]) => ({ caseId, sender: r.sender, changes: r.changes }));
  }

  async settle(caseId: string, outcome: BulkOutcome, at: string): Promise<void> {
    const r = this.rows.get(caseId);
    if (!r) return;
    r.state = outcome.state;
    r.checkedAt = at;
    if (outcome.state === "verified") r.changes = [];
    if (outcome.state === "refused") {
      r.kind = outcome.kind;
      r.reason = outcome.reason;
      this.store.dropClaim(caseId);
    }
  }

  async counts(): Promise<BulkCounts> {
    const out: BulkCounts = { waiting: 0, verified: 0, refused: 0 };
    for (const r of this.rows.values()) out[r.state]++;
    return out;
  }
}
