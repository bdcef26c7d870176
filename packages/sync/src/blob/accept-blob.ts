import { sniffMime } from "@bangban/domain";
import type { z } from "zod";
import type { StationIdentity } from "../hub/accept-push";
import { KeyedLock } from "../keyed-lock";
import { SyncError, type SyncErrorKind } from "../protocol/errors";
import { checkProtocol, malformedBatch } from "../protocol/refusals";
import type { BlobRef, HubStore } from "../store";
import {
  type BlobChunkResponse,
  type BlobOfferResponse,
  type BlobPiece,
  type BlobVerdict,
  blobOfferRequest,
  blobPullRequest,
  decodeChunkFrame,
} from "./messages";
import type { BlobVault } from "./vault";

/** What the hub gives its blob intake. */
export interface BlobIntakeDeps {
  /** The hub's cases: who references a blob (`case_attachments`), and their scopes. */
  store: Pick<HubStore, "blobRefs" | "scopesOf">;
  vault: BlobVault;
  /** Records a blob's metadata (the `attachments` row) just before its bytes are sealed. */
  record: (ref: BlobRef, station: StationIdentity) => Promise<void>;
  /** The per-file limit (MAX_ATTACHMENT_BYTES). */
  maxBytes: number;
  now?: () => Date;
  /** A partial untouched this long is an abandoned push and is removed (default 24 h). */
  partialGraceMs?: number;
}

const refusal = (kind: SyncErrorKind, zh: string, en: string) => new SyncError({ kind, zh, en });

const notReferenced = (hash: string) =>
  refusal(
    "BLOB_NOT_REFERENCED",
    "街道中心没有引用该扫描件的办件，未保存",
    `No case at the hub references blob ${hash}`,
  );

const hashMismatch = (hash: string, en: string) =>
  refusal("BLOB_HASH_MISMATCH", "扫描件内容与其校验值不符，未保存", `Blob ${hash}: ${en}`);

const refMismatch = (hash: string, en: string) =>
  refusal(
    "BLOB_REF_MISMATCH",
    "扫描件的大小或类型与办件登记的不一致，未保存",
    `Blob ${hash}: ${en}`,
  );

/**
 * The hub's side of blob sync (SPEC.md, "Blobs"): which blobs it wants, the chunks of them
 * going up, the ranges of them going down. A blob is taken from, or given to, a station only
 * if a case in that station's scope references its hash; its bytes are sealed only once their
 * sha256 is the hash, their sniffed type and size are the reference's and within the limit.
 * One blob at a time per hash; every refusal is typed and leaves nothing of the blob.
 */
export class BlobIntake {
  private readonly lock = new KeyedLock();
  private sweptAt = 0;

  constructor(private readonly d: BlobIntakeDeps) {}

  /** Per offered hash: have, want (from the partial's offset), or a typed refusal. */
  async offer(station: StationIdentity, input: unknown): Promise<BlobOfferResponse> {
    const req = parse(blobOfferRequest, input, "Blob offer");
    checkProtocol(req.protocol);
    await this.sweep();
    const blobs: BlobVerdict[] = [];
    for (const hash of new Set(req.hashes)) {
      try {
        await this.refsInScope(station, hash);
        blobs.push(
          (await this.d.vault.has(hash))
            ? { hash, state: "have" }
            : { hash, state: "want", offset: await this.d.vault.partialSize(hash) },
        );
      } catch (e) {
        if (!(e instanceof SyncError)) throw e;
        const { kind, zh, en } = e.data;
        blobs.push({ hash, state: "refused", refusal: { kind, zh, en } });
      }
    }
    return { blobs };
  }

  /**
   * One chunk going up. A chunk not starting at the bytes the hub holds is not written: the
   * answer names the offset to send from. The last chunk is checked and sealed, or refused
   * with the partial deleted.
   */
  async pushChunk(station: StationIdentity, frame: Uint8Array): Promise<BlobChunkResponse> {
    const c = decodeChunkFrame(frame);
    checkProtocol(c.protocol);
    const { hash, size } = c;
    return this.lock.run(hash, async () => {
      const refs = await this.refsInScope(station, hash);
      const vault = this.d.vault;
      if (refs.some((r) => r.size !== size)) {
        await vault.dropPartial(hash);
        throw refMismatch(hash, `declared ${size} bytes, the case's reference says otherwise`);
      }
      if (await vault.has(hash)) return { offset: size, complete: true };
      const held = await vault.partialSize(hash);
      if (c.offset !== held) return { offset: held, complete: false };
      if (held + c.bytes.length > size) {
        await vault.dropPartial(hash);
        throw hashMismatch(hash, `bytes run past the declared size ${size}`);
      }
      const now = c.bytes.length ? await vault.appendPartial(hash, held, c.bytes) : held;
      if (now < size) return { offset: now, complete: false };
      const got = await vault.inspectPartial(hash);
      if (got.sha256 !== hash) {
        await vault.dropPartial(hash);
        throw hashMismatch(hash, `the bytes hash to ${got.sha256}`);
      }
      const mime = sniffMime(got.head);
      const ref = refs.find((r) => r.mime === mime);
      if (!ref || refs.some((r) => r.mime !== mime)) {
        await vault.dropPartial(hash);
        throw refMismatch(hash, `the bytes are ${mime ?? "of no accepted type"}`);
      }
      // Metadata first: a crash before the seal leaves a row whose bytes come on the retry.
      await this.d.record(ref, station);
      await vault.sealPartial(hash);
      return { offset: size, complete: true };
    });
  }

  /** A range of a blob going down, to a station with a case in scope that references it. */
  async pull(station: StationIdentity, input: unknown): Promise<BlobPiece> {
    const req = parse(blobPullRequest, input, "Blob pull");
    checkProtocol(req.protocol);
    await this.refsInScope(station, req.hash);
    const piece = await this.d.vault.readRange(req.hash, req.offset, req.maxBytes);
    if (!piece) {
      throw refusal(
        "BLOB_MISSING",
        "该扫描件尚未上传到街道中心",
        `The hub does not hold blob ${req.hash} yet`,
      );
    }
    return piece;
  }

  /**
   * The references to `hash` by cases in the station's scope; refused when there are none,
   * or when one puts it over the per-file limit.
   */
  private async refsInScope(station: StationIdentity, hash: string): Promise<BlobRef[]> {
    const refs = await this.d.store.blobRefs(hash);
    if (refs.length === 0) throw notReferenced(hash);
    const scopes = await this.d.store.scopesOf([...new Set(refs.map((r) => r.caseId))]);
    const mine = refs.filter((r) => scopes.get(r.caseId)?.includes(station.siteId));
    if (mine.length === 0) {
      throw refusal(
        "NOT_IN_SCOPE",
        "引用该扫描件的办件不在本站点的范围内",
        `No case in the scope of ${station.siteId} references blob ${hash}`,
      );
    }
    if (mine.some((r) => r.size > this.d.maxBytes)) {
      throw refusal(
        "BLOB_TOO_LARGE",
        `扫描件超过单个文件上限（${Math.round(this.d.maxBytes / 1024 / 1024)} MB），未保存`,
        `Blob ${hash} is over ${this.d.maxBytes} bytes`,
      );
    }
    return mine;
  }

  /** Removes abandoned partials, at most once an hour. */
  private async sweep(): Promise<void> {
    const now = (this.d.now ?? (() => new Date()))().getTime();
    if (now - this.sweptAt < 3_600_000) return;
    this.sweptAt = now;
    await this.d.vault.sweepPartials(new Date(now - (this.d.partialGraceMs ?? 86_400_000)));
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw malformedBatch(`${what}: ${issue?.path.join(".")}: ${issue?.message}`);
}
