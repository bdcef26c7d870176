import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AttachmentRef } from "../case-doc";
import { createCaseDoc, readCase } from "../case-doc";
import { projectCase } from "../projection";
import { SyncError } from "../protocol/errors";
import { PROTOCOL_VERSION } from "../protocol/version";
import type { BlobRef, HubStore } from "../store";
import { newCase, projectionContext } from "../test-kit";
import { BlobIntake } from "./accept-blob";
import { encodeChunkFrame } from "./messages";
import type { BlobVault } from "./vault";

/** A hub's case store and blob vault, real of their kind, fresh for each test. */
export interface BlobIntakeHarness {
  store: HubStore;
  vault: BlobVault;
  teardown(): Promise<void>;
}

const A = { siteId: "330106001001", actorIds: [] };
const B = { siteId: "330106001002", actorIds: [] };
const LIMIT = 600 * 1024;
const CHUNK = 100 * 1024;

/** A scan's bytes: a JPEG's magic number, then noise. */
export function jpeg(size: number): Uint8Array {
  const b = new Uint8Array(randomBytes(size));
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
}

export const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The typed refusal `p` ends with (it must fail with a SyncError). */
export async function refusal(p: Promise<unknown>): Promise<SyncError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SyncError);
  return e as SyncError;
}

/**
 * The hub's blob intake against a store and vault (SPEC.md, Blobs): the attacks a station can
 * try — a blob of another station's case, of no case, bytes that are not their hash, a size or
 * type other than the case's reference, a fetch outside its scope — each refused typed with
 * nothing of the blob left; resume from the offset held; replays harmless.
 */
export function runBlobIntakeTests(name: string, setup: () => Promise<BlobIntakeHarness>): void {
  describe(`blob intake: ${name}`, () => {
    let h: BlobIntakeHarness;
    let recorded: { ref: BlobRef; by: string }[];
    let intake: BlobIntake;
    beforeEach(async () => {
      h = await setup();
      recorded = [];
      intake = new BlobIntake({
        store: h.store,
        vault: h.vault,
        maxBytes: LIMIT,
        record: async (ref, st) => {
          recorded.push({ ref, by: st.siteId });
        },
      });
    });
    afterEach(async () => {
      await h.teardown();
    });

    /** A case taken in at `site` whose document references `refs`, committed at the hub. */
    let n = 0;
    const caseAt = async (site: string, refs: AttachmentRef[]) => {
      n += 1;
      const init = newCase(500 + n);
      const { doc } = createCaseDoc(init, "330106001001000000000000000000aa");
      const p = projectCase(readCase(doc), projectionContext());
      const projection = { ...p, originSiteId: site, handlingSiteId: site };
      await h.store.commit([{ caseId: init.caseId, changes: [], projection, attachments: refs }]);
      return init.caseId;
    };
    const refOf = (bytes: Uint8Array, over: Partial<AttachmentRef> = {}): AttachmentRef => ({
      hash: sha256(bytes),
      materialCode: "M1",
      name: "户口簿.jpg",
      mime: "image/jpeg",
      size: bytes.length,
      ...over,
    });
    const chunk = (
      bytes: Uint8Array,
      offset: number,
      over: { hash?: string; size?: number } = {},
    ) =>
      encodeChunkFrame({
        protocol: PROTOCOL_VERSION,
        hash: over.hash ?? sha256(bytes),
        size: over.size ?? bytes.length,
        offset,
        bytes: bytes.subarray(offset, Math.min(bytes.length, offset + CHUNK)),
      });
    /** Sends the blob from `offset` to its end as the station's loop does. */
    const pushAll = async (st: typeof A, bytes: Uint8Array, from = 0) => {
      let offset = from;
      for (;;) {
        const r = await intake.pushChunk(st, chunk(bytes, offset));
        if (r.complete) return r;
        offset = r.offset;
      }
    };
    const nothingOf = async (hash: string) => {
      expect(await h.vault.has(hash)).toBe(false);
      expect(await h.vault.partialSize(hash)).toBe(0);
    };

    it("takes a blob of an in-scope case in chunks, checks and seals it, and absorbs a replay", async () => {
      const bytes = jpeg(250 * 1024);
      const hash = sha256(bytes);
      const caseId = await caseAt(A.siteId, [refOf(bytes)]);
      expect(await intake.offer(A, { protocol: PROTOCOL_VERSION, hashes: [hash] })).toEqual({
        blobs: [{ hash, state: "want", offset: 0 }],
      });
      expect(await pushAll(A, bytes)).toEqual({ offset: bytes.length, complete: true });
      expect(await h.vault.has(hash)).toBe(true);
      expect(await h.vault.partialSize(hash)).toBe(0);
      const whole = await h.vault.readRange(hash, 0, bytes.length);
      expect(whole?.size).toBe(bytes.length);
      expect(Buffer.from(whole?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
      expect(recorded).toEqual([{ ref: expect.objectContaining({ hash, caseId }), by: A.siteId }]);
      // Replayed: the offer says have, a chunk again changes nothing.
      expect(await intake.offer(A, { protocol: PROTOCOL_VERSION, hashes: [hash] })).toEqual({
        blobs: [{ hash, state: "have" }],
      });
      expect(await intake.pushChunk(A, chunk(bytes, 0))).toEqual({
        offset: bytes.length,
        complete: true,
      });
      expect(recorded).toHaveLength(1);
    });

    it("refuses a blob for another station's case, stores nothing", async () => {
      const bytes = jpeg(40 * 1024);
      await caseAt(B.siteId, [refOf(bytes)]);
      const offered = await intake.offer(A, {
        protocol: PROTOCOL_VERSION,
        hashes: [sha256(bytes)],
      });
      expect(offered.blobs[0]).toMatchObject({
        state: "refused",
        refusal: { kind: "NOT_IN_SCOPE" },
      });
      const e = await refusal(intake.pushChunk(A, chunk(bytes, 0)));
      expect(e.data.kind).toBe("NOT_IN_SCOPE");
      await nothingOf(sha256(bytes));
      expect(recorded).toEqual([]);
    });

    it("refuses a blob no case references, stores nothing", async () => {
      const bytes = jpeg(40 * 1024);
      const e = await refusal(intake.pushChunk(A, chunk(bytes, 0)));
      expect(e.data.kind).toBe("BLOB_NOT_REFERENCED");
      expect(e.data.zh).not.toBe("");
      await nothingOf(sha256(bytes));
    });

    it("refuses bytes that do not hash to the blob's name, and leaves no partial", async () => {
      const bytes = jpeg(250 * 1024);
      const hash = sha256(bytes);
      await caseAt(A.siteId, [refOf(bytes)]);
      const forged = bytes.slice();
      forged[200 * 1024] = (forged[200 * 1024] ?? 0) ^ 0xff;
      let offset = 0;
      let e: SyncError | null = null;
      let complete = false;
      while (!e && !complete) {
        const frame = encodeChunkFrame({
          protocol: PROTOCOL_VERSION,
          hash,
          size: forged.length,
          offset,
          bytes: forged.subarray(offset, offset + CHUNK),
        });
        await intake.pushChunk(A, frame).then(
          (r) => {
            offset = r.offset;
            complete = r.complete;
          },
          (x: unknown) => {
            e = x as SyncError;
          },
        );
      }
      expect((e as SyncError | null)?.data.kind).toBe("BLOB_HASH_MISMATCH");
      await nothingOf(hash);
      expect(recorded).toEqual([]);
    });

    it("refuses a size or type other than the case's reference, and a blob over the limit", async () => {
      const bytes = jpeg(40 * 1024);
      const hash = sha256(bytes);
      // The case says PNG; the bytes are a JPEG.
      await caseAt(A.siteId, [refOf(bytes, { mime: "image/png" })]);
      expect((await refusal(intake.pushChunk(A, chunk(bytes, 0)))).data.kind).toBe(
        "BLOB_REF_MISMATCH",
      );
      await nothingOf(hash);
      // The frame declares another size than the case's reference.
      const other = jpeg(40 * 1024);
      await caseAt(A.siteId, [refOf(other)]);
      const wrongSize = await refusal(intake.pushChunk(A, chunk(other, 0, { size: 41 * 1024 })));
      expect(wrongSize.data.kind).toBe("BLOB_REF_MISMATCH");
      await nothingOf(sha256(other));
      // A reference over the per-file limit.
      const big = jpeg(LIMIT + 1);
      await caseAt(A.siteId, [refOf(big)]);
      const offered = await intake.offer(A, { protocol: PROTOCOL_VERSION, hashes: [sha256(big)] });
      expect(offered.blobs[0]).toMatchObject({ refusal: { kind: "BLOB_TOO_LARGE" } });
      expect((await refusal(intake.pushChunk(A, chunk(big, 0)))).data.kind).toBe("BLOB_TOO_LARGE");
      await nothingOf(sha256(big));
    });

    it("serves a blob only to a station with a case in scope that references it, in ranges", async () => {
      const bytes = jpeg(250 * 1024);
      const hash = sha256(bytes);
      await caseAt(A.siteId, [refOf(bytes)]);
      const missing = await refusal(
        intake.pull(A, { protocol: PROTOCOL_VERSION, hash, offset: 0 }),
      );
      expect(missing.data.kind).toBe("BLOB_MISSING");
      await pushAll(A, bytes);
      const outside = await refusal(
        intake.pull(B, { protocol: PROTOCOL_VERSION, hash, offset: 0 }),
      );
      expect(outside.data.kind).toBe("NOT_IN_SCOPE");
      const none = await refusal(
        intake.pull(A, { protocol: PROTOCOL_VERSION, hash: "e".repeat(64), offset: 0 }),
      );
      expect(none.data.kind).toBe("BLOB_NOT_REFERENCED");
      const parts: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; ) {
        const p = await intake.pull(A, {
          protocol: PROTOCOL_VERSION,
          hash,
          offset: at,
          maxBytes: 70_001,
        });
        expect(p.size).toBe(bytes.length);
        parts.push(p.bytes);
        at += p.bytes.length;
      }
      expect(Buffer.concat(parts).equals(Buffer.from(bytes))).toBe(true);
      // B enters the case's scope (a case of B's references the same scan): now B may fetch.
      await caseAt(B.siteId, [refOf(bytes)]);
      const p = await intake.pull(B, { protocol: PROTOCOL_VERSION, hash, offset: 0 });
      expect(p.bytes.length).toBe(bytes.length);
    });

    it("resumes a cut push from the offset it holds, writing no byte twice", async () => {
      const bytes = jpeg(250 * 1024);
      const hash = sha256(bytes);
      await caseAt(A.siteId, [refOf(bytes)]);
      expect(await intake.pushChunk(A, chunk(bytes, 0))).toEqual({
        offset: CHUNK,
        complete: false,
      });
      // The answer was lost: the station asks again and learns where to go on from.
      expect(await intake.offer(A, { protocol: PROTOCOL_VERSION, hashes: [hash] })).toEqual({
        blobs: [{ hash, state: "want", offset: CHUNK }],
      });
      // The same chunk again (a retried request) is not written twice.
      expect(await intake.pushChunk(A, chunk(bytes, 0))).toEqual({
        offset: CHUNK,
        complete: false,
      });
      expect(await h.vault.partialSize(hash)).toBe(CHUNK);
      expect(await pushAll(A, bytes, CHUNK)).toEqual({ offset: bytes.length, complete: true });
      const whole = await h.vault.readRange(hash, 0, bytes.length);
      expect(Buffer.from(whole?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
    });

    it("sweeps partials abandoned past the grace period", async () => {
      const bytes = jpeg(250 * 1024);
      const hash = sha256(bytes);
      await caseAt(A.siteId, [refOf(bytes)]);
      await intake.pushChunk(A, chunk(bytes, 0));
      expect(await h.vault.sweepPartials(new Date(Date.now() - 60_000))).toBe(0);
      expect(await h.vault.partialSize(hash)).toBe(CHUNK);
      expect(await h.vault.sweepPartials(new Date(Date.now() + 60_000))).toBe(1);
      await nothingOf(hash);
    });
  });
}
