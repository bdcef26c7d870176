import { sniffMime } from "@bangban/domain";
import { KeyedLock } from "../keyed-lock";
import { SyncError } from "../protocol/errors";
import { PROTOCOL_VERSION } from "../protocol/version";
import type { BlobRef } from "../store";
import { BLOB_LIMITS, type BlobPiece, type BlobPullRequest } from "./messages";
import type { BlobVault } from "./vault";

/**
 * The station's blobs as its sync loop sees them (packages/db: `LibsqlStationBlobs`): the
 * vault, its own uploads still to push, and the scans its inbox lacks.
 */
export interface StationBlobSource {
  vault: BlobVault;
  /** Own blobs the hub has not acknowledged, oldest first, at most `limit`, none of `skip`. */
  unsent(limit: number, skip: readonly string[]): Promise<{ hash: string; size: number }[]>;
  countUnsent(): Promise<number>;
  /** The hub holds the blob: it leaves `unsent`. */
  acknowledged(hash: string): Promise<void>;
  /**
   * Scans referenced by the cases of the station's inbox (in its scope, not taken in here:
   * transferred here or to be picked up here; not closed) whose bytes are not here.
   */
  missing(limit: number, skip: readonly string[]): Promise<BlobRef[]>;
  countMissing(): Promise<number>;
  /** Records a blob fetched from the hub (its metadata; the hub holds it, so acknowledged). */
  fetched(ref: BlobRef): Promise<void>;
}

/** Asks the hub for a range of a blob; null when the hub does not know the call. */
export type PullBlob = (req: BlobPullRequest) => Promise<BlobPiece | null>;

const refused = (kind: "BLOB_HASH_MISMATCH" | "BLOB_REF_MISMATCH", hash: string, en: string) =>
  new SyncError({
    kind,
    zh:
      kind === "BLOB_HASH_MISMATCH"
        ? "从街道中心取回的扫描件与校验值不符，未保存"
        : "从街道中心取回的扫描件大小或类型与办件登记的不一致，未保存",
    en: `Blob ${hash} from the hub: ${en}`,
  });

/**
 * Brings one blob down from the hub into the vault: ranges from the partial's offset (so a cut
 * fetch resumes), then the bytes' sha256, size and sniffed type checked against the case's
 * reference before they are sealed under the hash; a mismatch drops the partial. One fetch
 * per hash at a time (the lazy path of a case page and the prefetch may ask together).
 */
export class BlobFetcher {
  private readonly lock = new KeyedLock();

  constructor(private readonly o: { source: StationBlobSource; chunkBytes?: number }) {}

  /** True once the blob is here; false when the hub does not know the call. */
  fetch(pull: PullBlob, ref: BlobRef): Promise<boolean> {
    return this.lock.run(ref.hash, async () => {
      const { vault } = this.o.source;
      const { hash, size } = ref;
      if (!(await vault.has(hash))) {
        let offset = await vault.partialSize(hash);
        if (offset > size) {
          await vault.dropPartial(hash);
          offset = 0;
        }
        while (offset < size) {
          const piece = await pull({
            protocol: PROTOCOL_VERSION,
            hash,
            offset,
            maxBytes: this.o.chunkBytes ?? BLOB_LIMITS.chunkBytes,
          });
          if (piece === null) return false;
          if (piece.size !== size || piece.bytes.length === 0) {
            await vault.dropPartial(hash);
            throw refused("BLOB_REF_MISMATCH", hash, `${piece.size} bytes, the case says ${size}`);
          }
          offset = await vault.appendPartial(hash, offset, piece.bytes.subarray(0, size - offset));
        }
        const got = await vault.inspectPartial(hash);
        if (got.sha256 !== hash) {
          await vault.dropPartial(hash);
          throw refused("BLOB_HASH_MISMATCH", hash, `the bytes hash to ${got.sha256}`);
        }
        const mime = sniffMime(got.head);
        if (mime !== ref.mime) {
          await vault.dropPartial(hash);
          throw refused(
            "BLOB_REF_MISMATCH",
            hash,
            `the bytes are ${mime ?? "of no accepted type"}`,
          );
        }
        await vault.sealPartial(hash);
      }
      // After the seal: a crash in between leaves bytes without their row, which the next
      // fetch of the hash writes without fetching again.
      await this.o.source.fetched(ref);
      return true;
    });
  }
}
