import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { mkdir, open, readFile, rename, stat } from "node:fs/promises";
import { dirname, join } from "node:path";

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
export class FileBlobStore implements BlobStore {
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
    if (await this.has(hash)) return { hash, size: bytes.length };
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
}

function sha256(bytes: Uint8Array): string {
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
export { sniffMime } from "@bangban/domain";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
