import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectUnreferencedBlobs, UNREFERENCED_BLOB_GRACE_MS } from "./blob-gc";
import { FileBlobStore } from "./blobs";
import { getAttachment, putAttachment } from "./queries/attachments";
import { type TempDb, tempDb } from "./testing";

const NOW = new Date("2026-12-05T02:00:00.000Z");
const DAY = 24 * 3600_000;
const jpeg = (s: string) => new Uint8Array([0xff, 0xd8, 0xff, ...new TextEncoder().encode(s)]);
const pathOf = (dir: string, hash: string) => join(dir, hash.slice(0, 2), hash);

describe("collecting blobs no case references", () => {
  let t: TempDb;
  let dir: string;
  let blobs: FileBlobStore;
  beforeEach(async () => {
    t = await tempDb();
    dir = mkdtempSync(join(tmpdir(), "bangban-gc-"));
    blobs = new FileBlobStore(dir, "k".repeat(40));
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Stores a scan with its metadata, written `ageMs` before NOW. */
  async function stored(text: string, ageMs: number) {
    const { hash, size } = await blobs.put(jpeg(text));
    await putAttachment(t.db, {
      hash,
      size,
      mime: "image/jpeg",
      originalName: `${text}.jpg`,
      createdAt: new Date(NOW.getTime() - ageMs).toISOString(),
      createdBy: "u-helper-a",
      caseId: "C1",
      syncedAt: null,
    });
    const when = new Date(NOW.getTime() - ageMs);
    utimesSync(pathOf(dir, hash), when, when);
    return hash;
  }

  async function reference(caseId: string, hash: string) {
    await t.db.client.execute({
      sql: "INSERT INTO case_attachments (case_id, hash, material_code, mime, size, name, page) VALUES (?, ?, 'ID_CARD', 'image/jpeg', 10, 'x.jpg', 1)",
      args: [caseId, hash],
    });
  }

  it("removes an unreferenced blob past its grace with its metadata; keeps a referenced one of any age and a young orphan", async () => {
    const referenced = await stored("户口簿 第1页", 400 * DAY);
    const orphan = await stored("上传后未写入办件", 8 * DAY);
    const young = await stored("刚上传", 2 * DAY);
    await reference("C1", referenced);

    const r = await collectUnreferencedBlobs(t.db, dir, { now: NOW });

    expect(r).toMatchObject({ examined: 3, collected: 1, leftovers: 0 });
    expect(r.bytes).toBeGreaterThan(0);
    expect(existsSync(pathOf(dir, orphan))).toBe(false);
    expect(await getAttachment(t.db, orphan)).toBeNull();
    expect(await blobs.get(referenced)).toEqual(jpeg("户口簿 第1页"));
    expect(await getAttachment(t.db, referenced)).not.toBeNull();
    expect(await blobs.get(young)).toEqual(jpeg("刚上传"));
  });

  it("counts the grace from the injected clock, and a blob stored again starts its grace anew", async () => {
    const hash = await stored("重新上传", 8 * DAY);
    // Two days earlier by the node's clock, the orphan was still within its week.
    const earlier = new Date(NOW.getTime() - 2 * DAY);
    expect((await collectUnreferencedBlobs(t.db, dir, { now: earlier })).collected).toBe(0);
    // The same bytes uploaded again: wanted now, so not collected today.
    await blobs.put(jpeg("重新上传"));
    const now = new Date(Date.now());
    expect((await collectUnreferencedBlobs(t.db, dir, { now })).collected).toBe(0);
    expect(await blobs.has(hash)).toBe(true);
    expect(
      (
        await collectUnreferencedBlobs(t.db, dir, {
          now: new Date(now.getTime() + UNREFERENCED_BLOB_GRACE_MS + DAY),
        })
      ).collected,
    ).toBe(1);
  });

  it("removes the temporary file of a write a crash interrupted, after the grace, and nothing else in the directory", async () => {
    const hash = await stored("已引用", 30 * DAY);
    await reference("C9", hash);
    const shard = join(dir, hash.slice(0, 2));
    const stale = join(shard, `${hash}.a1b2c3.tmp`);
    const fresh = join(shard, `${hash}.d4e5f6.tmp`);
    const stranger = join(shard, "README");
    for (const f of [stale, fresh, stranger]) writeFileSync(f, "x");
    utimesSync(stale, new Date(NOW.getTime() - 9 * DAY), new Date(NOW.getTime() - 9 * DAY));
    utimesSync(fresh, NOW, NOW);

    const r = await collectUnreferencedBlobs(t.db, dir, { now: NOW });

    expect(r).toMatchObject({ collected: 0, leftovers: 1 });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(stranger)).toBe(true);
    expect(await blobs.has(hash)).toBe(true);
  });

  it("asks about many blobs in pages and an empty or missing directory is nothing to do", async () => {
    const hashes: string[] = [];
    for (let i = 0; i < 450; i++) hashes.push(await stored(`页 ${i}`, 10 * DAY));
    for (const h of hashes.filter((_, i) => i % 3 === 0)) await reference("C2", h);
    const r = await collectUnreferencedBlobs(t.db, dir, { now: NOW });
    expect(r).toMatchObject({ examined: 450, collected: 300 });
    expect(
      (await collectUnreferencedBlobs(t.db, join(dir, "nowhere"), { now: NOW })).examined,
    ).toBe(0);
  });
});
