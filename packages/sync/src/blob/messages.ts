import { z } from "zod";
import { malformedBatch } from "../protocol/refusals";

/**
 * Blob sync's wire (SPEC.md, "Blobs"; added to protocol 2 without a bump). Blobs are named by
 * the sha256 of their bytes and travel in chunks: an offer of hashes (JSON), then binary chunk
 * frames up; ranges of bytes down. Bounds are part of the protocol.
 */
export const BLOB_LIMITS = {
  /** The largest chunk either way: a push frame's data, a pull's range. */
  chunkBytes: 1024 * 1024,
  /** Hashes in one offer. */
  hashesPerOffer: 100,
} as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "not a sha256 hash");
const version = z.number().int().min(0);

/** Station → hub: the station's own blobs the hub has not acknowledged. */
export const blobOfferRequest = z.object({
  protocol: version,
  hashes: z.array(sha256Hex).min(1).max(BLOB_LIMITS.hashesPerOffer),
});

/** A refusal of one blob, as data (the others of the offer go on). */
export const blobRefusal = z.object({ kind: z.string(), zh: z.string(), en: z.string() });

/**
 * The hub's answer per hash: it holds the blob (`have`), wants it from `offset` (the bytes of
 * a partial it already holds: resume), or refuses it for good with a typed reason.
 */
export const blobVerdict = z.discriminatedUnion("state", [
  z.object({ hash: sha256Hex, state: z.literal("have") }),
  z.object({ hash: sha256Hex, state: z.literal("want"), offset: z.number().int().min(0) }),
  z.object({ hash: sha256Hex, state: z.literal("refused"), refusal: blobRefusal }),
]);
export const blobOfferResponse = z.object({ blobs: z.array(blobVerdict) });

/** Station → hub: a range of a blob the hub holds, for a case in the station's scope. */
export const blobPullRequest = z.object({
  protocol: version,
  hash: sha256Hex,
  offset: z.number().int().min(0),
  maxBytes: z.number().int().min(1).max(BLOB_LIMITS.chunkBytes).default(BLOB_LIMITS.chunkBytes),
});

export type BlobOfferRequest = z.infer<typeof blobOfferRequest>;
export type BlobOfferResponse = z.infer<typeof blobOfferResponse>;
export type BlobVerdict = z.infer<typeof blobVerdict>;
export type BlobPullRequest = z.input<typeof blobPullRequest>;

/** One chunk of a blob going up: its data starts at `offset` of a blob of `size` bytes. */
export interface BlobChunk {
  protocol: number;
  hash: string;
  size: number;
  offset: number;
  bytes: Uint8Array;
}

/** The hub's answer to a chunk: the bytes it now holds of the blob, and whether it is sealed. */
export interface BlobChunkResponse {
  offset: number;
  complete: boolean;
}

/** A range of a blob coming down, and the blob's whole size. */
export interface BlobPiece {
  bytes: Uint8Array;
  size: number;
}

/**
 * The chunk frame (application/octet-stream):
 *
 *   "BC" (0x42 0x43) · protocol (uLEB128) · hash (32 bytes) · size (uLEB128) · offset (uLEB128) · data
 *
 * 37–50 bytes of framing for up to 1 MiB of data.
 */
const MAGIC = [0x42, 0x43] as const;
const HASH_BYTES = 32;
/** uLEB128 of a number up to 2^53: at most 8 bytes. */
const MAX_ULEB = 8;
export const MAX_CHUNK_FRAME_BYTES = 2 + 3 * MAX_ULEB + HASH_BYTES + BLOB_LIMITS.chunkBytes;

function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

export function encodeChunkFrame(c: BlobChunk): Uint8Array {
  const head = [
    ...MAGIC,
    ...uleb(c.protocol),
    ...Buffer.from(c.hash, "hex"),
    ...uleb(c.size),
    ...uleb(c.offset),
  ];
  const out = new Uint8Array(head.length + c.bytes.length);
  out.set(head, 0);
  out.set(c.bytes, head.length);
  return out;
}

/** Reads a chunk frame; MALFORMED_BATCH for anything that is not one (data is a view, not a copy). */
export function decodeChunkFrame(frame: Uint8Array): BlobChunk {
  let at = 0;
  const bad = (what: string) => malformedBatch(`Blob chunk frame: ${what}`);
  const read = (): number => {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < MAX_ULEB; i++) {
      const b = frame[at++];
      if (b === undefined) throw bad("truncated");
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
    throw bad("a number is too long");
  };
  if (frame[0] !== MAGIC[0] || frame[1] !== MAGIC[1]) throw bad("not a chunk frame");
  at = 2;
  const protocol = read();
  if (frame.length < at + HASH_BYTES) throw bad("truncated");
  const hash = Buffer.from(frame.subarray(at, at + HASH_BYTES)).toString("hex");
  at += HASH_BYTES;
  const size = read();
  const offset = read();
  const bytes = frame.subarray(at);
  if (bytes.length > BLOB_LIMITS.chunkBytes) throw bad("chunk over 1 MiB");
  return { protocol, hash, size, offset, bytes };
}
