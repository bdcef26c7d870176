import type { MemoryCaseStore } from "../memory-store";
import type { BulkCounts, BulkOutcome, BulkStore, ClaimedCase, WaitingCase } from "./accept-bulk";

const key = (caseId: string, sender: string) => `${caseId} ${sender}`;
const caseOf = (k: string) => k.split(" ", 1)[0] as string;

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

  async bulkCases(sender: string, caseIds: readonly string[]): Promise<Set<string>> {
    return new Set(caseIds.filter((id) => this.rows.has(key(id, sender))));
  }

  async storeClaims(sender: string, cases: readonly ClaimedCase[]): Promise<void> {
    for (const c of cases) {
      if (this.rows.has(key(c.caseId, sender))) continue;
      this.rows.set(key(c.caseId, sender), {
        sender,
        changes: c.changes.map((b) => b.slice()),
        state: "waiting",
        checkedAt: "",
      });
      if (c.projection && !(await this.store.getProjection(c.caseId))) {
        this.store.putClaim(c.projection);
      }
    }
  }

  async waiting(limit: number, caseIds?: readonly string[]): Promise<WaitingCase[]> {
    const all = [...this.rows]
      .filter(([k, r]) => r.state === "waiting" && (!caseIds || caseIds.includes(caseOf(k))))
      .sort(([, a], [, b]) => (a.checkedAt < b.checkedAt ? -1 : a.checkedAt > b.checkedAt ? 1 : 0));
    return all
      .slice(0, limit)
      .map(([k, r]) => ({ caseId: caseOf(k), sender: r.sender, changes: r.changes }));
  }

  async settle(caseId: string, sender: string, outcome: BulkOutcome, at: string): Promise<void> {
    const r = this.rows.get(key(caseId, sender));
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

  async settleVerified(sender: string, caseIds: readonly string[], at: string): Promise<void> {
    for (const id of caseIds) await this.settle(id, sender, { state: "verified" }, at);
  }

  async counts(): Promise<BulkCounts> {
    const out: BulkCounts = { waiting: 0, verified: 0, refused: 0 };
    for (const r of this.rows.values()) out[r.state]++;
    return out;
  }
}
