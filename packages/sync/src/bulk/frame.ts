import { type PullBulkResponse, pullBulkMeta } from "../protocol/messages";
import { batchTooLarge, checkProtocol, malformedBatch } from "../protocol/refusals";
import { PUSH_FRAMES_SINCE } from "../protocol/version";

/**
 * The bulk frame (SPEC.md "Bulk catch-up"): whole case histories, many cases per frame, for a
 * node catching its parent up on a long history at once (a street linking to a new district).
 *
 *   frame = "BK" (0x42 0x4b) · protocol (uLEB128) · count (uLEB128, 0…maxCases) · case × count
 *   case  = caseIdLength · caseId (UTF-8) · projectionLength · projection (JSON, UTF-8)
 *           · changeCount (uLEB128, 1…maxChangesPerCase) · (changeLength · change bytes) × changeCount
 *
 * The projection is the sender's reading of the case: a claim, kept only until the receiver
 * verified the history and computed its own. The changes are the case's whole history in the
 * sender's log order, each an Automerge change chunk as it was stored.
 *
 * A frame of no cases is the sender's end: its catch-up is over (every frame before it was
 * acknowledged), so the receiver need not wait for more before it builds and verifies.
 */
export interface BulkCase {
  caseId: string;
  /** The sender's projection, parsed JSON (checked by `checkClaimedProjection`, not here). */
  projection: unknown;
  changes: Uint8Array[];
  /**
   * The same changes as `packChanges` lays them out, a view of the frame: a case's changes
   * are kept that way until verified, without packing them again (B6: 1.8 s of the
   * district's main thread at 1 M cases).
   */
  packed?: Uint8Array;
}

/** A decoded bulk frame. */
export interface BulkFrame {
  protocol: number;
  cases: BulkCase[];
}

export const BULK_LIMITS = {
  /** Cases in one frame. */
  maxCases: 2000,
  /** A frame's whole size. */
  maxFrameBytes: 24 * 1024 * 1024,
  /** One case's changes (its whole history; the receiver verifies them in push-sized parts). */
  maxChangesPerCase: 20_000,
  /** One case's projection as JSON. */
  maxProjectionBytes: 16 * 1024,
} as const;

const MAGIC0 = 0x42;
const MAGIC1 = 0x4b;
const CASE_ID = { min: 10, max: 40 } as const;

const ulebSize = (n: number) =>
  n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 2 ** 28 ? 4 : 5;

function writeUleb(out: Uint8Array, at: number, n: number): number {
  let v = n;
  let i = at;
  while (v >= 0x80) {
    out[i++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[i++] = v;
  return i;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * One case ready for a frame: encoded once by the sender while it reads its store, so a frame
 * is put together by concatenation (`joinBulkFrame`).
 */
export interface EncodedBulkCase {
  caseId: string;
  bytes: Uint8Array;
}

/** A case as a sender has it for a frame: its projection as JSON (or that JSON's UTF-8 bytes). */
export interface BulkCaseSource {
  caseId: string;
  projectionJson: string | Uint8Array;
  changes: readonly Uint8Array[];
}

/** A case's parts as bytes, and the size of its encoding. */
function caseParts(c: BulkCaseSource) {
  const id = utf8.encode(c.caseId);
  const projection =
    typeof c.projectionJson === "string" ? utf8.encode(c.projectionJson) : c.projectionJson;
  let size =
    ulebSize(id.length) +
    id.length +
    ulebSize(projection.length) +
    projection.length +
    ulebSize(c.changes.length);
  for (const ch of c.changes) size += ulebSize(ch.length) + ch.length;
  return { id, projection, changes: c.changes, size };
}

function writeCase(out: Uint8Array, from: number, p: ReturnType<typeof caseParts>): number {
  let at = writeUleb(out, from, p.id.length);
  out.set(p.id, at);
  at = writeUleb(out, at + p.id.length, p.projection.length);
  out.set(p.projection, at);
  at = writeUleb(out, at + p.projection.length, p.changes.length);
  for (const c of p.changes) {
    at = writeUleb(out, at, c.length);
    out.set(c, at);
    at += c.length;
  }
  return at;
}

export function encodeBulkCase(
  caseId: string,
  projectionJson: string | Uint8Array,
  changes: readonly Uint8Array[],
): EncodedBulkCase {
  const parts = caseParts({ caseId, projectionJson, changes });
  const out = new Uint8Array(parts.size);
  writeCase(out, 0, parts);
  return { caseId, bytes: out };
}

/** The end of a catch-up: a frame of no cases (a parent older than it refuses it, typed). */
export const bulkEndFrame = (protocol: number): Uint8Array => joinBulkFrame(protocol, []);

function frameHead(protocol: number, count: number, body: number) {
  const out = new Uint8Array(2 + ulebSize(protocol) + ulebSize(count) + body);
  out[0] = MAGIC0;
  out[1] = MAGIC1;
  return { out, at: writeUleb(out, writeUleb(out, 2, protocol), count) };
}

/** A frame from encoded cases (in the order given). */
export function joinBulkFrame(protocol: number, cases: readonly EncodedBulkCase[]): Uint8Array {
  let body = 0;
  for (const c of cases) body += c.bytes.length;
  let { out, at } = frameHead(protocol, cases.length, body);
  for (const c of cases) {
    out.set(c.bytes, at);
    at += c.bytes.length;
  }
  return out;
}

/**
 * A frame from cases as the sender read them, written once into the frame's own bytes: no
 * buffer a case (a bulk push's station, whose young generation is 1 MB, collected 1,000 of them
 * a frame).
 */
export function encodeBulkFrame(protocol: number, cases: readonly BulkCaseSource[]): Uint8Array {
  const parts = cases.map(caseParts);
  let body = 0;
  for (const p of parts) body += p.size;
  let { out, at } = frameHead(protocol, parts.length, body);
  for (const p of parts) at = writeCase(out, at, p);
  return out;
}

/**
 * Decodes and bounds-checks a bulk frame: PROTOCOL_VERSION for a version without frames,
 * BATCH_TOO_LARGE past BULK_LIMITS (checked before anything is allocated for it),
 * MALFORMED_BATCH for anything else — a repeated case id included. Change bytes are views
 * into `frame`.
 */
export function decodeBulkFrame(frame: Uint8Array): BulkFrame {
  if (frame.length > BULK_LIMITS.maxFrameBytes) throw batchTooLarge();
  let at = 0;
  const end = frame.length;
  // Where the reader is, for a refusal's message only: the labels below are constants, so a
  // well-formed frame builds no message text (a page of 1,000 cases read 11 MB of them).
  let caseNo = -1;
  let changeNo = -1;
  const where = (what: string) =>
    caseNo < 0
      ? what
      : changeNo >= 0 && what.startsWith("change ")
        ? `case ${caseNo}'s change ${changeNo}${what.slice("change".length)}`
        : `case ${caseNo}'s ${what}`;
  const uleb = (what: string): number => {
    let n = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      if (at >= end) throw malformedBatch(`Bulk frame truncated in ${where(what)}`);
      const byte = frame[at++] as number;
      n += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return n;
    }
    throw malformedBatch(`Bulk frame: ${where(what)} is not a number`);
  };
  const take = (n: number, what: string): Uint8Array => {
    if (n > end - at) throw malformedBatch(`Bulk frame truncated in ${where(what)}`);
    const out = frame.subarray(at, at + n);
    at += n;
    return out;
  };
  const text = (raw: Uint8Array, what: string): string => {
    try {
      return strictUtf8.decode(raw);
    } catch {
      throw malformedBatch(`Bulk frame: ${where(what)} is not UTF-8`);
    }
  };
  if (end < 2 || frame[0] !== MAGIC0 || frame[1] !== MAGIC1) {
    throw malformedBatch("Not a bulk frame (bad magic)");
  }
  at = 2;
  const protocol = uleb("the protocol version");
  checkProtocol(protocol, PUSH_FRAMES_SINCE);
  const count = uleb("the case count");
  if (count > BULK_LIMITS.maxCases) throw batchTooLarge();
  const cases: BulkCase[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    caseNo = i;
    changeNo = -1;
    const idLength = uleb("id length");
    if (idLength < CASE_ID.min || idLength > CASE_ID.max * 3) {
      throw malformedBatch(`Bulk frame: case ${i}'s id is ${idLength} bytes`);
    }
    const caseId = text(take(idLength, "id"), "id");
    if (caseId.length < CASE_ID.min || caseId.length > CASE_ID.max) {
      throw malformedBatch(`Bulk frame: case ${i}'s id is ${caseId.length} characters`);
    }
    if (seen.has(caseId)) throw malformedBatch(`Bulk frame: case ${caseId} is sent twice`, caseId);
    seen.add(caseId);
    const projectionLength = uleb("projection length");
    if (projectionLength > BULK_LIMITS.maxProjectionBytes) throw batchTooLarge();
    let projection: unknown;
    try {
      projection = JSON.parse(text(take(projectionLength, "projection"), "projection"));
    } catch (e) {
      if (e instanceof SyntaxError) {
        throw malformedBatch(`Bulk frame: case ${caseId}'s projection is not JSON`, caseId);
      }
      throw e;
    }
    const packedFrom = at;
    const changeCount = uleb("change count");
    if (changeCount === 0)
      throw malformedBatch(`Bulk frame: case ${caseId} has no changes`, caseId);
    if (changeCount > BULK_LIMITS.maxChangesPerCase) throw batchTooLarge();
    const changes: Uint8Array[] = [];
    for (let k = 0; k < changeCount; k++) {
      changeNo = k;
      const length = uleb("change length");
      if (length === 0) throw malformedBatch(`Bulk frame: an empty change in ${caseId}`, caseId);
      changes.push(take(length, "change bytes"));
    }
    cases.push({ caseId, projection, changes, packed: frame.subarray(packedFrom, at) });
  }
  if (at !== end) throw malformedBatch(`Bulk frame: ${end - at} bytes after the last case`);
  return { protocol, cases };
}

/**
 * A case's changes as one blob (how a node keeps a bulk case until it verified it):
 * count (uLEB128) · (length · bytes) × count.
 */
export function packChanges(changes: readonly Uint8Array[]): Uint8Array {
  let size = ulebSize(changes.length);
  for (const c of changes) size += ulebSize(c.length) + c.length;
  const out = new Uint8Array(size);
  let at = writeUleb(out, 0, changes.length);
  for (const c of changes) {
    at = writeUleb(out, at, c.length);
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The changes of a `packChanges` blob (views into it); throws on a damaged blob. */
export function unpackChanges(packed: Uint8Array): Uint8Array[] {
  let at = 0;
  const uleb = (): number => {
    let n = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      if (at >= packed.length) throw new Error("packed changes truncated");
      const byte = packed[at++] as number;
      n += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return n;
    }
    throw new Error("packed changes: bad length");
  };
  const count = uleb();
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const length = uleb();
    if (length > packed.length - at) throw new Error("packed changes truncated");
    out.push(packed.subarray(at, at + length));
    at += length;
  }
  if (at !== packed.length) throw new Error("packed changes: bytes after the last change");
  return out;
}

/**
 * A bulk pull page on the wire (`GET /sync/bulk`): metaLength (uLEB128) · meta (JSON: upTo,
 * last, attachments) · the bulk frame, when the page has cases. Bytes, not base64 in JSON: a
 * page is megabytes, and JSON made the station decode and copy each one twice.
 */
export function encodePullBulkBody(page: PullBulkResponse): Uint8Array {
  const meta = utf8.encode(
    JSON.stringify({ upTo: page.upTo, last: page.last, attachments: page.attachments }),
  );
  const frame = page.frame ?? new Uint8Array(0);
  const out = new Uint8Array(ulebSize(meta.length) + meta.length + frame.length);
  const at = writeUleb(out, 0, meta.length);
  out.set(meta, at);
  out.set(frame, at + meta.length);
  return out;
}

/** The page from its bytes; MALFORMED_BATCH when they are not one. The frame is a view. */
export function decodePullBulkBody(body: Uint8Array): PullBulkResponse {
  let length = 0;
  let at = 0;
  for (let shift = 0; ; shift += 7) {
    if (at >= body.length || shift > 28) throw malformedBatch("Bulk page: bad meta length");
    const byte = body[at++] as number;
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  if (length > body.length - at) throw malformedBatch("Bulk page: meta truncated");
  let meta: ReturnType<typeof pullBulkMeta.parse>;
  try {
    meta = pullBulkMeta.parse(JSON.parse(strictUtf8.decode(body.subarray(at, at + length))));
  } catch {
    throw malformedBatch("Bulk page: its meta is not one");
  }
  const rest = body.subarray(at + length);
  return { ...meta, frame: rest.length > 0 ? rest : null };
}
