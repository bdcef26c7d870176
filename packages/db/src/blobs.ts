import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type BlobVault, HEAD_BYTES } from "@bangban/sync";

/** Content-addressed attachment storage: a blob's name is the sha256 of its bytes. */
export interface BlobStore {
  put(bytes: Uint8Array): Promise<{ hash: string; size: number }>;
  get(hash: string): Promise<Uint8Array | null>;
  has(hash: string): Promise<boolean>;
}

const HASH = /^[0-9a-f]{64}$/;

/** The first bytes of an encrypted blob file: format and version. */
const SEALED = Buffer.from("BBE1");
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF label: the attachment key is never the database key itself. */
const BLOB_KEY_INFO = "bangban/attachments/aes-256-gcm/v1";

/** An attachment whose bytes on disk fail their check: tampered, truncated or another key. */
export class BlobIntegrityError extends Error {
  readonly code = "BLOB_INTEGRITY";
  constructor(readonly hash: string) {
    super(`attachment ${hash} failed its integrity check (wrong BANGBAN_DB_KEY, or altered)`);
    this.name = "BlobIntegrityError";
  }
}

/** The AES-256 key for attachments, derived from the node's storage secret (BANGBAN_DB_KEY). */
export function blobKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", BLOB_KEY_INFO, 32));
}

/**
 * Blobs as files under `dir/ab/abcdef…`. A blob is written to a temporary file, fsynced and
 * renamed into place, so a crash never leaves a half-written blob under its hash.
 *
 * With a secret, each file is sealed with AES-256-GCM (`BBE1`, IV, ciphertext, tag) under a
 * key derived from it; the hash (the name, sha256 of the plaintext) is the additional data,
 * so a file moved under another name fails too. Reading checks the tag and the hash. Files
 * written before a key was set stay readable: their plaintext must match their name.
 */
export class FileBlobStore implements BlobStore, BlobVault {
  private readonly key: Buffer | null;

  constructor(
    private readonly dir: string,
    secret: string | null = null,
  ) {
    this.key = secret ? blobKey(secret) : null;
  }

  private pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error("not a sha256 hash");
    return join(this.dir, hash.slice(0, 2), hash);
  }

  async put(bytes: Uint8Array): Promise<{ hash: string; size: number }> {
    const hash = sha256(bytes);
    const path = this.pathOf(hash);
    if (await this.has(hash)) {
      // Stored again: it is wanted now, so the unreferenced-blob collector counts its grace
      // from this moment, not from the first write (blob-gc.ts).
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
      return { hash, size: bytes.length };
    }
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(this.key ? seal(this.key, hash, bytes) : bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    return { hash, size: bytes.length };
  }

  /** The blob's plaintext, null if absent; a BlobIntegrityError if it fails its check. */
  async get(hash: string): Promise<Uint8Array | null> {
    if (!HASH.test(hash)) return null;
    let stored: Buffer;
    try {
      stored = await readFile(this.pathOf(hash));
    } catch {
      return null;
    }
    const sealed = stored.subarray(0, SEALED.length).equals(SEALED);
    if (sealed && !this.key) throw new BlobIntegrityError(hash);
    const plain = sealed && this.key ? unseal(this.key, hash, stored) : stored;
    if (!timingSafeEqual(Buffer.from(sha256(plain), "hex"), Buffer.from(hash, "hex")))
      throw new BlobIntegrityError(hash);
    return new Uint8Array(plain);
  }

  async has(hash: string): Promise<boolean> {
    if (!HASH.test(hash)) return false;
    try {
      await stat(this.pathOf(hash));
      return true;
    } catch {
      return false;
    }
  }

  // Blob sync (BlobVault): partial blobs live under `partial/`, never under a blob's name, so a
  // crash mid-transfer leaves nothing a reader could take for the blob.

  private partialOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error("not a sha256 hash");
    return join(this.dir, "partial", `${hash}.part`);
  }

  async partialSize(hash: string): Promise<number> {
    return (await stat(this.partialOf(hash)).catch(() => null))?.size ?? 0;
  }

  /** Appends and fsyncs, so the size answered is durable (a resumed push starts there). */
  async appendPartial(hash: string, offset: number, bytes: Uint8Array): Promise<number> {
    const path = this.partialOf(hash);
    await mkdir(dirname(path), { recursive: true });
    const fh = await open(path, "a");
    try {
      const { size } = await fh.stat();
      if (size !== offset) throw new Error(`partial of ${hash} holds ${size} bytes, not ${offset}`);
      await fh.writeFile(bytes);
      await fh.sync();
      return size + bytes.length;
    } finally {
      await fh.close();
    }
  }

  async inspectPartial(hash: string): Promise<{ sha256: string; size: number; head: Uint8Array }> {
    const h = createHash("sha256");
    let size = 0;
    let head = Buffer.alloc(0);
    for await (const part of createReadStream(this.partialOf(hash))) {
      const b = part as Buffer;
      h.update(b);
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, b.subarray(0, HEAD_BYTES)]);
      size += b.length;
    }
    return { sha256: h.digest("hex"), size, head: new Uint8Array(head.subarray(0, HEAD_BYTES)) };
  }

  /**
   * Seals the partial into place as `put` would have (same format, so `get` reads it), a
   * piece at a time: the blob is never whole in memory. Written to a temporary file, fsynced
   * and renamed; the partial is removed after.
   */
  async sealPartial(hash: string): Promise<void> {
    const from = this.partialOf(hash);
    const path = this.pathOf(hash);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    const fh = await open(tmp, "w");
    try {
      if (this.key) {
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv("aes-256-gcm", this.key, iv).setAAD(Buffer.from(hash));
        await fh.write(Buffer.concat([SEALED, iv]));
        for await (const part of createReadStream(from))
          await fh.write(cipher.update(part as Buffer));
        await fh.write(Buffer.concat([cipher.final(), cipher.getAuthTag()]));
      } else {
        for await (const part of createReadStream(from)) await fh.write(part as Buffer);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    await rm(from, { force: true });
  }

  async dropPartial(hash: string): Promise<void> {
    await rm(this.partialOf(hash), { force: true });
  }

  /**
   * Plaintext bytes [offset, offset + length) of a blob, read and deciphered alone: AES-GCM
   * enciphers with AES-CTR from counter block IV·2, so a range deciphers with CTR from its
   * block. The range is not authenticated here — the receiver checks the whole blob's sha256.
   */
  async readRange(
    hash: string,
    offset: number,
    length: number,
  ): Promise<{ bytes: Uint8Array; size: number } | null> {
    if (!HASH.test(hash)) return null;
    const fh = await open(this.pathOf(hash), "r").catch(() => null);
    if (!fh) return null;
    try {
      const total = (await fh.stat()).size;
      const magic = Buffer.alloc(SEALED.length);
      await fh.read(magic, 0, SEALED.length, 0);
      const sealed = total >= SEALED.length + IV_BYTES + TAG_BYTES && magic.equals(SEALED);
      if (sealed && !this.key) throw new BlobIntegrityError(hash);
      const bodyAt = sealed ? SEALED.length + IV_BYTES : 0;
      const size = sealed ? total - bodyAt - TAG_BYTES : total;
      const start = Math.min(offset, size);
      const end = Math.min(size, start + Math.max(0, length));
      if (!sealed || !this.key) {
        const out = Buffer.alloc(end - start);
        await fh.read(out, 0, out.length, start);
        return { bytes: new Uint8Array(out), size };
      }
      const block = Math.floor(start / 16);
      const from = block * 16;
      const cipherText = Buffer.alloc(end - from);
      await fh.read(cipherText, 0, cipherText.length, bodyAt + from);
      const iv = Buffer.alloc(IV_BYTES);
      await fh.read(iv, 0, IV_BYTES, SEALED.length);
      const counter = Buffer.alloc(16);
      iv.copy(counter, 0);
      counter.writeUInt32BE(2 + block, 12);
      const d = createDecipheriv("aes-256-ctr", this.key, counter);
      const plain = Buffer.concat([d.update(cipherText), d.final()]);
      return { bytes: new Uint8Array(plain.subarray(start - from)), size };
    } finally {
      await fh.close();
    }
  }

  async sweepPartials(before: Date): Promise<number> {
    const dir = join(this.dir, "partial");
    const names = await readdir(dir).catch(() => [] as string[]);
    let n = 0;
    for (const name of names) {
      const s = await stat(join(dir, name)).catch(() => null);
      if (s && s.mtime < before) {
        await rm(join(dir, name), { force: true });
        n += 1;
      }
    }
    return n;
  }
}

/** A blob's name: the sha256 of its plaintext, in lowercase hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function seal(key: Buffer, hash: string, plain: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(hash));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([SEALED, iv, body, cipher.getAuthTag()]);
}

function unseal(key: Buffer, hash: string, stored: Buffer): Buffer {
  const iv = stored.subarray(SEALED.length, SEALED.length + IV_BYTES);
  const body = stored.subarray(SEALED.length + IV_BYTES, stored.length - TAG_BYTES);
  const tag = stored.subarray(stored.length - TAG_BYTES);
  if (stored.length < SEALED.length + IV_BYTES + TAG_BYTES) throw new BlobIntegrityError(hash);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(hash));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new BlobIntegrityError(hash);
  }
}

/** Moved to the domain (the hub checks pushed blobs with it too); re-exported for callers. */
/** The per-file limit lives with the other limits in the domain; re-exported for older callers. */
export { MAX_ATTACHMENT_BYTES, sniffMime } from "@bangban/domain";
