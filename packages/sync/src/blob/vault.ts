import { createHash } from "node:crypto";

/**
 * Where a node keeps blob bytes for blob sync: sealed blobs under their hash, and partial
 * blobs (a push or fetch under way) apart from them, never under the blob's name. The file
 * store (packages/db `FileBlobStore`, encrypted at rest) and the in-memory one of the sync
 * tests implement it.
 */
export interface BlobVault {
  has(hash: string): Promise<boolean>;
  /** The bytes held of `hash`'s partial (0 when there is none). */
  partialSize(hash: string): Promise<number>;
  /** Appends `bytes` to the partial, which must hold exactly `offset` bytes; the new size. */
  appendPartial(hash: string, offset: number, bytes: Uint8Array): Promise<number>;
  /** The partial's sha256 and size, and its first bytes (for the type), read as a stream. */
  inspectPartial(hash: string): Promise<{ sha256: string; size: number; head: Uint8Array }>;
  /** Seals the partial (checked by the caller) under its hash, streamed, and removes it. */
  sealPartial(hash: string): Promise<void>;
  dropPartial(hash: string): Promise<void>;
  /** Bytes [offset, offset + length) of a held blob and its whole size; null when absent. */
  readRange(
    hash: string,
    offset: number,
    length: number,
  ): Promise<{ bytes: Uint8Array; size: number } | null>;
  /** Removes the partials untouched since `before` (abandoned pushes); how many. */
  sweepPartials(before: Date): Promise<number>;
}

/** How many first bytes `inspectPartial` returns: enough for every magic number we sniff. */
export const HEAD_BYTES = 16;

/** The vault in memory (sync tests). Not durable. */
export class MemoryBlobVault implements BlobVault {
  readonly sealed = new Map<string, Uint8Array>();
  readonly partials = new Map<string, { parts: Uint8Array[]; size: number; at: number }>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Stores bytes whole under their hash (a station's upload, in tests). */
  put(bytes: Uint8Array): string {
    const hash = createHash("sha256").update(bytes).digest("hex");
    this.sealed.set(hash, bytes.slice());
    return hash;
  }

  async has(hash: string): Promise<boolean> {
    return this.sealed.has(hash);
  }

  async partialSize(hash: string): Promise<number> {
    return this.partials.get(hash)?.size ?? 0;
  }

  async appendPartial(hash: string, offset: number, bytes: Uint8Array): Promise<number> {
    const p = this.partials.get(hash) ?? { parts: [], size: 0, at: 0 };
    if (p.size !== offset)
      throw new Error(`partial of ${hash} holds ${p.size} bytes, not ${offset}`);
    p.parts.push(bytes.slice());
    p.size += bytes.length;
    p.at = this.now().getTime();
    this.partials.set(hash, p);
    return p.size;
  }

  async inspectPartial(hash: string) {
    const p = this.partials.get(hash);
    const h = createHash("sha256");
    for (const part of p?.parts ?? []) h.update(part);
    const all = Buffer.concat(p?.parts ?? []);
    return { sha256: h.digest("hex"), size: p?.size ?? 0, head: all.subarray(0, HEAD_BYTES) };
  }

  async sealPartial(hash: string): Promise<void> {
    const p = this.partials.get(hash);
    if (!p) throw new Error(`no partial of ${hash}`);
    this.sealed.set(hash, new Uint8Array(Buffer.concat(p.parts)));
    this.partials.delete(hash);
  }

  async dropPartial(hash: string): Promise<void> {
    this.partials.delete(hash);
  }

  async readRange(hash: string, offset: number, length: number) {
    const b = this.sealed.get(hash);
    return b ? { bytes: b.slice(offset, offset + length), size: b.length } : null;
  }

  async sweepPartials(before: Date): Promise<number> {
    let n = 0;
    for (const [hash, p] of this.partials) {
      if (p.at < before.getTime()) {
        this.partials.delete(hash);
        n += 1;
      }
    }
    return n;
  }
}
