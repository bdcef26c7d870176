import type { MemoryCaseStore } from "../memory-store";
import type { BlobRef } from "../store";
import type { StationBlobSource } from "./fetch-blob";
import type { MemoryBlobVault } from "./vault";

/**
 * A station's blobs in memory (sync tests), as packages/db's `LibsqlStationBlobs` keeps them:
 * uploads with whether the hub acknowledged them, and the inbox read from the projections.
 */
export class MemoryStationBlobs implements StationBlobSource {
  /** hash → the blob's metadata row: size and whether the hub holds it. */
  readonly rows = new Map<string, { size: number; synced: boolean; at: number }>();
  private n = 0;

  constructor(
    readonly vault: MemoryBlobVault,
    private readonly store: MemoryCaseStore,
    private readonly siteId: string,
  ) {}

  /** An upload at this station (the HTTP route's part): bytes stored, row still to push. */
  upload(bytes: Uint8Array): string {
    const hash = this.vault.put(bytes);
    if (!this.rows.has(hash))
      this.rows.set(hash, { size: bytes.length, synced: false, at: ++this.n });
    return hash;
  }

  /** Hashes a case here names: only those go up (an upload whose case never named it, never). */
  private named(): Set<string> {
    return new Set(this.store.allBlobRefs().map((r) => r.hash));
  }

  async unsent(limit: number, skip: readonly string[]) {
    const named = this.named();
    return [...this.rows]
      .filter(([hash, r]) => !r.synced && named.has(hash) && !skip.includes(hash))
      .sort((a, b) => a[1].at - b[1].at)
      .slice(0, limit)
      .map(([hash, r]) => ({ hash, size: r.size }));
  }

  async countUnsent() {
    const named = this.named();
    return [...this.rows].filter(([hash, r]) => !r.synced && named.has(hash)).length;
  }

  async acknowledged(hash: string) {
    const r = this.rows.get(hash);
    if (r) r.synced = true;
  }

  async missing(limit: number, skip: readonly string[]): Promise<BlobRef[]> {
    const inbox = new Set<string>();
    for (const ref of this.store.allBlobRefs()) {
      const p = await this.store.getProjection(ref.caseId);
      if (!p || p.closedAt || p.originSiteId === this.siteId) continue;
      if (p.handlingSiteId === this.siteId || p.pickupSiteId === this.siteId) inbox.add(ref.caseId);
    }
    const seen = new Set<string>();
    return this.store
      .allBlobRefs()
      .filter((r) => inbox.has(r.caseId) && !this.rows.has(r.hash) && !skip.includes(r.hash))
      .filter((r) => !seen.has(r.hash) && !!seen.add(r.hash))
      .slice(0, limit);
  }

  async countMissing() {
    return (await this.missing(Number.MAX_SAFE_INTEGER, [])).length;
  }

  async fetched(ref: BlobRef) {
    if (!this.rows.has(ref.hash))
      this.rows.set(ref.hash, { size: ref.size, synced: true, at: ++this.n });
  }
}
