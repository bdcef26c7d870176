import { LIMITS } from "./messages";
import { batchTooLarge, checkProtocol, malformedBatch } from "./refusals";
import { PUSH_FRAMES_SINCE } from "./version";

/**
 * The binary push frame (protocol 2): the station's changes as raw bytes, not base64 in JSON.
 *
 *   frame = "BB" (0x42 0x42) · protocol (uLEB128) · count (uLEB128, 1…maxChangesPerPush)
 *           · entry × count
 *   entry = caseIdLength (uLEB128) · caseId (UTF-8) · changeLength (uLEB128) · change bytes
 *
 * A caseIdLength of 0 means "the same case as the previous entry" (no caseId bytes follow):
 * a real case id is 10–40 characters, so 0 is free, and a case's consecutive changes do not
 * repeat its id. One field edit (a ~120-byte change, a 26-character ULID) costs 31 bytes of
 * framing.
 */
export interface PushChange {
  caseId: string;
  bytes: Uint8Array;
}

/** A push as the hub checks it, whichever way it travelled (binary frame or JSON). */
export interface PushBatch {
  protocol: number;
  changes: PushChange[];
}

const MAGIC0 = 0x42;
const MAGIC1 = 0x42;
const CASE_ID_CHARS = { min: 10, max: 40 } as const;
/** UTF-8 bytes of a case id: a UTF-16 unit is at most 3 bytes (a surrogate pair, 2 units, is 4). */
const CASE_ID_BYTES = { min: CASE_ID_CHARS.min, max: CASE_ID_CHARS.max * 3 } as const;

const ulebSize = (n: number) =>
  n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 2 ** 28 ? 4 : 5;

/**
 * The largest frame a valid push can be: every change byte the bound allows, plus the widest
 * framing of every entry. Bodies over it are refused without being read to their end.
 */
export const MAX_PUSH_FRAME_BYTES =
  2 +
  5 +
  ulebSize(LIMITS.maxChangesPerPush) +
  LIMITS.maxBytesPerPush +
  LIMITS.maxChangesPerPush *
    (ulebSize(CASE_ID_BYTES.max) + CASE_ID_BYTES.max + ulebSize(LIMITS.maxBytesPerPush));

function writeUleb(out: Uint8Array, at: number, n: number): number {
  let v = n;
  while (v >= 0x80) {
    out[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[at++] = v;
  return at;
}

const utf8 = new TextEncoder();

/** Encodes a push as one frame, in one allocation; a case's consecutive changes name it once. */
export function encodePushFrame(batch: PushBatch): Uint8Array {
  const ids = new Map<string, Uint8Array>();
  let size = 2 + ulebSize(batch.protocol) + ulebSize(batch.changes.length);
  let prev: string | null = null;
  for (const c of batch.changes) {
    if (c.caseId !== prev) {
      let id = ids.get(c.caseId);
      if (!id) {
        id = utf8.encode(c.caseId);
        ids.set(c.caseId, id);
      }
      size += ulebSize(id.length) + id.length;
    } else size += 1;
    size += ulebSize(c.bytes.length) + c.bytes.length;
    prev = c.caseId;
  }
  const out = new Uint8Array(size);
  out[0] = MAGIC0;
  out[1] = MAGIC1;
  let at = writeUleb(out, 2, batch.protocol);
  at = writeUleb(out, at, batch.changes.length);
  prev = null;
  for (const c of batch.changes) {
    if (c.caseId !== prev) {
      const id = ids.get(c.caseId) as Uint8Array;
      at = writeUleb(out, at, id.length);
      out.set(id, at);
      at += id.length;
    } else out[at++] = 0;
    at = writeUleb(out, at, c.bytes.length);
    out.set(c.bytes, at);
    at += c.bytes.length;
    prev = c.caseId;
  }
  return out;
}

/** One change pre-encoded for a frame: its case id field and its change field, apart. */
export interface EncodedPushEntry {
  caseId: string;
  id: Uint8Array;
  change: Uint8Array;
}

export function encodePushEntry(caseId: string, bytes: Uint8Array): EncodedPushEntry {
  const raw = utf8.encode(caseId);
  const id = new Uint8Array(ulebSize(raw.length) + raw.length);
  id.set(raw, writeUleb(id, 0, raw.length));
  const change = new Uint8Array(ulebSize(bytes.length) + bytes.length);
  change.set(bytes, writeUleb(change, 0, bytes.length));
  return { caseId, id, change };
}

/**
 * The same frame as `encodePushFrame`, put together from pre-encoded entries by concatenation
 * only (for senders that keep entries ready, like the benchmark's simulated stations).
 */
export function joinPushFrame(protocol: number, entries: readonly EncodedPushEntry[]): Uint8Array {
  let size = 2 + ulebSize(protocol) + ulebSize(entries.length);
  let prev: string | null = null;
  for (const e of entries) {
    size += (e.caseId === prev ? 1 : e.id.length) + e.change.length;
    prev = e.caseId;
  }
  const out = new Uint8Array(size);
  out[0] = MAGIC0;
  out[1] = MAGIC1;
  let at = writeUleb(out, writeUleb(out, 2, protocol), entries.length);
  prev = null;
  for (const e of entries) {
    if (e.caseId === prev) out[at++] = 0;
    else {
      out.set(e.id, at);
      at += e.id.length;
    }
    out.set(e.change, at);
    at += e.change.length;
    prev = e.caseId;
  }
  return out;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes and bounds-checks a push frame. Throws SyncError: PROTOCOL_VERSION for a version
 * that does not push frames (checked right after the header, before the rest is read: a
 * future version's layout may differ), BATCH_TOO_LARGE as soon as the declared count or the
 * change bytes so far pass LIMITS (before anything is allocated for them), MALFORMED_BATCH for
 * anything else. The changes' bytes are views into `frame`, not copies.
 */
export function decodePushFrame(frame: Uint8Array): PushBatch {
  let at = 0;
  const end = frame.length;
  const uleb = (what: string): number => {
    let n = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      if (at >= end) throw malformedBatch(`Push frame truncated in ${what}`);
      const byte = frame[at++] as number;
      n += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return n;
    }
    throw malformedBatch(`Push frame: ${what} is not a number`);
  };
  const take = (n: number, what: string): Uint8Array => {
    if (n > end - at) throw malformedBatch(`Push frame truncated in ${what}`);
    const out = frame.subarray(at, at + n);
    at += n;
    return out;
  };

  if (end < 2 || frame[0] !== MAGIC0 || frame[1] !== MAGIC1) {
    throw malformedBatch("Not a push frame (bad magic)");
  }
  at = 2;
  const protocol = uleb("the protocol version");
  checkProtocol(protocol, PUSH_FRAMES_SINCE);
  const count = uleb("the change count");
  if (count === 0) throw malformedBatch("Push frame without changes");
  if (count > LIMITS.maxChangesPerPush) throw batchTooLarge();

  const changes: PushChange[] = [];
  let total = 0;
  let prev: string | null = null;
  for (let i = 0; i < count; i++) {
    const idLength = uleb(`entry ${i}'s case id length`);
    let caseId: string;
    if (idLength === 0) {
      if (prev === null) throw malformedBatch("Push frame: the first entry names no case");
      caseId = prev;
    } else {
      if (idLength < CASE_ID_BYTES.min || idLength > CASE_ID_BYTES.max) {
        throw malformedBatch(`Push frame: entry ${i}'s case id is ${idLength} bytes`);
      }
      const raw = take(idLength, `entry ${i}'s case id`);
      try {
        caseId = strictUtf8.decode(raw);
      } catch {
        throw malformedBatch(`Push frame: entry ${i}'s case id is not UTF-8`);
      }
      if (caseId.length < CASE_ID_CHARS.min || caseId.length > CASE_ID_CHARS.max) {
        throw malformedBatch(`Push frame: entry ${i}'s case id is ${caseId.length} characters`);
      }
    }
    const length = uleb(`entry ${i}'s change length`);
    if (length === 0) throw malformedBatch(`Push frame: entry ${i}'s change is empty`, caseId);
    total += length;
    if (total > LIMITS.maxBytesPerPush) throw batchTooLarge();
    changes.push({ caseId, bytes: take(length, `entry ${i}'s change`) });
    prev = caseId;
  }
  if (at !== end) throw malformedBatch(`Push frame: ${end - at} bytes after the last change`);
  return { protocol, changes };
}

/**
 * Reads a request body into one buffer, refusing it with BATCH_TOO_LARGE as soon as it passes
 * `maxBytes` (the rest is not read: the stream is cancelled).
 */
export async function readPushFrame(
  body: ReadableStream<Uint8Array>,
  maxBytes = MAX_PUSH_FRAME_BYTES,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw batchTooLarge();
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
