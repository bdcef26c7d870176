import type { AttachmentRef } from "./case-doc";
import type { CaseProjection } from "./projection";
import {
  type AuditEntry,
  type BlobRef,
  type CaseStore,
  type CaseWrite,
  type ChangeFilter,
  type ChangeKey,
  type ChangeLimit,
  type CommitResult,
  changeKey,
  type LoadedCase,
  matchesActor,
  type Quarantine,
  type StoredChange,
} from "./store";

/** The store in memory: for tests and for reasoning about the interface. Not durable. */
export class MemoryCaseStore implements CaseStore {
  private log: StoredChange[] = [];
  /** `changeKey` of every change in the log. */
  private keys = new Set<string>();
  private snapshots = new Map<string, { bytes: Uint8Array; seq: number }>();
  protected projections = new Map<string, CaseProjection>();
  private cursors = new Map<string, number>();
  readonly audit: AuditEntry[] = [];

  async loadCase(caseId: string): Promise<LoadedCase | null> {
    const snap = this.snapshots.get(caseId);
    const after = snap?.seq ?? 0;
    const changes = this.log
      .filter((c) => c.caseId === caseId && c.seq > after)
      .map((c) => c.bytes);
    if (!snap && changes.length === 0) return null;
    return { snapshot: snap?.bytes ?? null, changes };
  }

  async loadCases(caseIds: readonly string[]): Promise<Map<string, LoadedCase>> {
    const out = new Map<string, LoadedCase>();
    for (const id of caseIds) {
      const c = await this.loadCase(id);
      if (c) out.set(id, c);
    }
    return out;
  }

  async commit(
    writes: readonly CaseWrite[],
    audit: readonly AuditEntry[] = [],
  ): Promise<CommitResult> {
    // Build everything first so a bad write leaves the store untouched (all or nothing).
    const newLog: StoredChange[] = [];
    const seen = new Set(this.keys);
    let seq = this.log.length ? (this.log[this.log.length - 1]?.seq ?? 0) : 0;
    const snaps: [string, Uint8Array, number][] = [];
    for (const w of writes) {
      if (!w.caseId || w.projection.caseId !== w.caseId)
        throw new Error("projection does not match the case");
      for (const c of w.changes) {
        const key = changeKey(w.caseId, c.hash);
        if (seen.has(key)) continue;
        seen.add(key);
        seq += 1;
        newLog.push({ ...c, seq, caseId: w.caseId });
      }
      // The snapshot covers this write's changes and everything before them, not later
      // writes to the same case in this batch.
      if (w.snapshot) snaps.push([w.caseId, w.snapshot, seq]);
    }
    this.log.push(...newLog);
    this.keys = seen;
    for (const [caseId, bytes, at] of snaps) this.snapshots.set(caseId, { bytes, seq: at });
    for (const w of writes) this.projections.set(w.caseId, w.projection);
    this.indexAttachments(writes);
    this.audit.push(...audit);
    return { appended: newLog.length };
  }

  /** A projection without history: a bulk claim (bulk/memory-bulk-store.ts). */
  putClaim(p: CaseProjection): void {
    this.projections.set(p.caseId, p);
  }

  /** Withdraws a claim, unless the store holds history of the case (then it is its own). */
  dropClaim(caseId: string): void {
    if (!this.snapshots.has(caseId) && !this.log.some((c) => c.caseId === caseId)) {
      this.projections.delete(caseId);
    }
  }

  async hasChanges(changes: readonly ChangeKey[]): Promise<Set<string>> {
    const keys = changes.map((c) => changeKey(c.caseId, c.hash));
    return new Set(keys.filter((k) => this.keys.has(k)));
  }

  async changesAfter(
    after: number,
    limit: ChangeLimit,
    filter: ChangeFilter = {},
  ): Promise<StoredChange[]> {
    const out: StoredChange[] = [];
    let bytes = 0;
    for (const c of this.log) {
      if (c.seq <= after) continue;
      if (!matchesActor(c.actor, filter)) continue;
      if (out.length >= limit.maxChanges) break;
      if (out.length > 0 && bytes + c.bytes.length > limit.maxBytes) break;
      out.push(c);
      bytes += c.bytes.length;
    }
    return out;
  }

  async countAfter(after: number, filter: ChangeFilter = {}): Promise<number> {
    return this.log.filter((c) => c.seq > after && matchesActor(c.actor, filter)).length;
  }

  async casesAfter(after: number, actor: string, among?: readonly string[]): Promise<string[]> {
    const only = among ? new Set(among) : null;
    const hit = (c: StoredChange) =>
      c.seq > after && c.actor === actor && (only?.has(c.caseId) ?? true);
    return [...new Set(this.log.filter(hit).map((c) => c.caseId))];
  }

  async lastSeq(): Promise<number> {
    return this.log[this.log.length - 1]?.seq ?? 0;
  }

  async getProjection(caseId: string): Promise<CaseProjection | null> {
    return this.projections.get(caseId) ?? null;
  }

  async getCursor(name: string): Promise<number> {
    return this.cursors.get(name) ?? 0;
  }

  async setCursor(name: string, value: number): Promise<void> {
    this.cursors.set(name, value);
  }

  private held = new Map<string, Quarantine>();

  async quarantined(): Promise<Quarantine[]> {
    return [...this.held.values()].sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
  }

  async quarantine(q: Quarantine): Promise<void> {
    this.held.set(q.caseId, { ...q });
  }

  async unquarantine(caseId: string): Promise<void> {
    this.held.delete(caseId);
  }

  async caseChanges(caseId: string, actor: string): Promise<StoredChange[]> {
    return this.log.filter((c) => c.caseId === caseId && c.actor.startsWith(actor));
  }

  /** case id → hash → reference (the `case_attachments` index). */
  private refs = new Map<string, Map<string, BlobRef>>();

  async blobRefs(hash: string): Promise<BlobRef[]> {
    const out: BlobRef[] = [];
    for (const byHash of this.refs.values()) {
      const r = byHash.get(hash);
      if (r) out.push({ ...r });
    }
    return out.sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
  }

  /** A case's attachment references, as the index holds them. */
  protected attachmentsOf(caseId: string): AttachmentRef[] {
    return [...(this.refs.get(caseId)?.values() ?? [])].map(attachmentRef);
  }

  /** Every reference held, for the station's inbox queries (tests). */
  allBlobRefs(): BlobRef[] {
    return [...this.refs.values()].flatMap((m) => [...m.values()].map((r) => ({ ...r })));
  }

  protected indexAttachments(writes: readonly CaseWrite[]): void {
    for (const w of writes) {
      if (!w.attachments) continue;
      const byHash = this.refs.get(w.caseId) ?? new Map<string, BlobRef>();
      for (const a of w.attachments) byHash.set(a.hash, blobRef(w.caseId, a));
      this.refs.set(w.caseId, byHash);
    }
  }
}

/** An index row as the document's attachment reference (`blobRef` the other way). */
export function attachmentRef(r: BlobRef): AttachmentRef {
  return {
    hash: r.hash,
    materialCode: r.materialCode,
    name: r.name,
    mime: r.mime,
    size: r.size,
    ...(r.page !== null ? { page: r.page } : {}),
  };
}

/** A document's attachment reference as an index row. */
export function blobRef(caseId: string, a: AttachmentRef): BlobRef {
  return {
    caseId,
    hash: a.hash,
    materialCode: a.materialCode,
    mime: a.mime,
    size: a.size,
    name: a.name,
    page: typeof a.page === "number" ? a.page : null,
  };
}
