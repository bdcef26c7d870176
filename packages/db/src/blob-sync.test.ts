import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jpeg, runBlobIntakeTests, sha256 } from "@bangban/sync/blob-intake-suite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileBlobStore } from "./blobs";
import { LibsqlHubStore } from "./hub-store";
import { putAttachment } from "./queries/attachments";
import { LibsqlStationBlobs } from "./station-blobs";
import { tempDb } from "./testing";

const SECRET = "s".repeat(40);

runBlobIntakeTests("libSQL hub store, encrypted file vault", async () => {
  const t = await tempDb();
  const dir = mkdtempSync(join(tmpdir(), "bangban-vault-"));
  return {
    store: new LibsqlHubStore(t.db),
    vault: new FileBlobStore(dir, SECRET),
    teardown: async () => {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe("FileBlobStore as a blob vault", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "bangban-vault-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const secret of [SECRET, null]) {
    it(`seals a partial as put would (${secret ? "encrypted" : "plain"}) and reads any range back`, async () => {
      const store = new FileBlobStore(dir, secret);
      const bytes = jpeg(70_000 + 13);
      bytes.set(Buffer.from("110105199003071234"), 5000);
      const hash = sha256(bytes);
      expect(await store.appendPartial(hash, 0, bytes.subarray(0, 40_000))).toBe(40_000);
      await expect(store.appendPartial(hash, 0, bytes.subarray(0, 10))).rejects.toThrow(/40000/);
      expect(await store.appendPartial(hash, 40_000, bytes.subarray(40_000))).toBe(bytes.length);
      expect(await store.has(hash)).toBe(false);
      expect(await store.inspectPartial(hash)).toEqual({
        sha256: hash,
        size: bytes.length,
        head: bytes.subarray(0, 16),
      });
      await store.sealPartial(hash);
      expect(await store.partialSize(hash)).toBe(0);
      expect(readdirSync(join(dir, "partial"))).toEqual([]);
      expect(await store.get(hash)).toEqual(bytes);
      const onDisk = readFileSync(join(dir, hash.slice(0, 2), hash));
      expect(onDisk.includes(Buffer.from("110105199003071234"))).toBe(secret === null);
      for (const [at, len] of [
        [0, 10],
        [15, 17],
        [16, 16],
        [4999, 40_001],
        [70_000, 100],
        [80_000, 5],
      ] as const) {
        const r = await store.readRange(hash, at, len);
        expect(r?.size).toBe(bytes.length);
        expect(Buffer.from(r?.bytes ?? []).equals(Buffer.from(bytes.subarray(at, at + len)))).toBe(
          true,
        );
      }
      expect(await store.readRange("f".repeat(64), 0, 1)).toBeNull();
    });
  }

  it("reads ranges of a blob stored by put", async () => {
    const store = new FileBlobStore(dir, SECRET);
    const bytes = new Uint8Array(randomBytes(33_333));
    const { hash } = await store.put(bytes);
    const r = await store.readRange(hash, 1000, 20_000);
    expect(Buffer.from(r?.bytes ?? []).equals(Buffer.from(bytes.subarray(1000, 21_000)))).toBe(
      true,
    );
  });
});

describe("the station's blob source on libSQL", () => {
  it("offers and counts only the station's scans a case here names; an upload no case names stays home", async () => {
    const t = await tempDb();
    const dir = mkdtempSync(join(tmpdir(), "bangban-vault-"));
    try {
      const vault = new FileBlobStore(dir, SECRET);
      const source = new LibsqlStationBlobs(t.db, vault, "330106001001");
      const named = await vault.put(jpeg(2000));
      const loose = await vault.put(jpeg(3000));
      for (const b of [named, loose])
        await putAttachment(t.db, {
          hash: b.hash,
          size: b.size,
          mime: "image/jpeg",
          originalName: "scan.jpg",
          createdAt: "2026-12-05T02:00:00.000Z",
          createdBy: "u-helper-a",
          caseId: "C1",
          syncedAt: null,
        });
      await t.db.client.execute({
        sql: "INSERT INTO case_attachments (case_id, hash, material_code, mime, size, name) VALUES ('C1', ?, 'PHOTO', 'image/jpeg', ?, 'scan.jpg')",
        args: [named.hash, named.size],
      });
      expect(await source.unsent(10, [])).toEqual([{ hash: named.hash, size: named.size }]);
      expect(await source.countUnsent()).toBe(1);
      await source.acknowledged(named.hash);
      expect(await source.unsent(10, [])).toEqual([]);
      expect(await source.countUnsent()).toBe(0);
    } finally {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
