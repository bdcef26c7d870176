import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BlobIntegrityError, blobKey, FileBlobStore } from "./blobs";

const SECRET = "s".repeat(40);
const PDF = new TextEncoder().encode("%PDF-1.7 身份证 110105199003071234 欧阳丽华");
const pathOf = (dir: string, hash: string) => join(dir, hash.slice(0, 2), hash);

describe("FileBlobStore with a secret", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "bangban-blobs-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stores ciphertext under the sha256 of the plaintext and reads the plaintext back", async () => {
    const store = new FileBlobStore(dir, SECRET);
    const { hash, size } = await store.put(PDF);
    expect(hash).toBe(createHash("sha256").update(PDF).digest("hex"));
    expect(size).toBe(PDF.length);
    const onDisk = readFileSync(pathOf(dir, hash));
    expect(onDisk.includes(Buffer.from("110105199003071234"))).toBe(false);
    expect(onDisk.includes(Buffer.from("欧阳丽华"))).toBe(false);
    expect(await store.get(hash)).toEqual(PDF);
  });

  it("refuses a tampered file, another key, a file moved under another name and a missing key", async () => {
    const { hash } = await new FileBlobStore(dir, SECRET).put(PDF);
    const file = pathOf(dir, hash);
    const good = readFileSync(file);
    await expect(new FileBlobStore(dir, "t".repeat(40)).get(hash)).rejects.toThrow(
      BlobIntegrityError,
    );
    await expect(new FileBlobStore(dir).get(hash)).rejects.toThrow(BlobIntegrityError);
    const bad = Buffer.from(good);
    bad[bad.length - 20] = (bad[bad.length - 20] ?? 0) ^ 1;
    writeFileSync(file, bad);
    await expect(new FileBlobStore(dir, SECRET).get(hash)).rejects.toThrow(BlobIntegrityError);
    // The same sealed bytes under another blob's name: the hash is the GCM additional data.
    const other = await new FileBlobStore(dir, SECRET).put(new TextEncoder().encode("%PDF-2"));
    writeFileSync(file, good);
    renameSync(file, pathOf(dir, other.hash));
    await expect(new FileBlobStore(dir, SECRET).get(other.hash)).rejects.toThrow(
      BlobIntegrityError,
    );
  });

  it("still reads blobs written before the key was set, if their bytes match their name", async () => {
    const { hash } = await new FileBlobStore(dir).put(PDF);
    expect(await new FileBlobStore(dir, SECRET).get(hash)).toEqual(PDF);
    expect(await new FileBlobStore(dir, SECRET).get("0".repeat(64))).toBeNull();
  });

  it("derives its key with HKDF: never the secret's own bytes, stable for one secret", () => {
    expect(blobKey(SECRET)).toHaveLength(32);
    expect(blobKey(SECRET).equals(blobKey(SECRET))).toBe(true);
    expect(blobKey(SECRET).toString("utf8")).not.toContain("ssss");
    expect(blobKey(SECRET).equals(blobKey("t".repeat(40)))).toBe(false);
  });
});
