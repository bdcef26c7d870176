import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, stat } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Content-addressed attachment storage: a blob's name is the sha256 of its bytes. */
export interface BlobStore {
  put(bytes: Uint8Array): Promise<{ hash: string; size: number }>;
  get(hash: string): Promise<Uint8Array | null>;
  has(hash: string): Promise<boolean>;
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Blobs as files under `dir/ab/abcdef…`. A blob is written to a temporary file, fsynced and
 * renamed into place, so a crash never leaves a half-written blob under its hash.
 */
export class FileBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error("not a sha256 hash");
    return join(this.dir, hash.slice(0, 2), hash);
  }

  async put(bytes: Uint8Array): Promise<{ hash: string; size: number }> {
    const hash = createHash("sha256").update(bytes).digest("hex");
    const path = this.pathOf(hash);
    if (await this.has(hash)) return { hash, size: bytes.length };
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    return { hash, size: bytes.length };
  }

  async get(hash: string): Promise<Uint8Array | null> {
    if (!HASH.test(hash)) return null;
    try {
      return new Uint8Array(await readFile(this.pathOf(hash)));
    } catch {
      return null;
    }
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

/** Upload types a station accepts, recognised by their first bytes, not by the client's word. */
export function sniffMime(
  bytes: Uint8Array,
): "image/jpeg" | "image/png" | "application/pdf" | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return "image/png";
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return "application/pdf";
  return null;
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
