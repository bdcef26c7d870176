import { hash } from "node:crypto";
import { inflateRawSync } from "node:zlib";

/**
 * Reads what sync needs from an encoded Automerge change — its hash, actor and dependencies —
 * straight from the chunk header, without decoding its operations. `A.decodeChange` turns
 * every operation into JavaScript objects, which cost more than applying the change; sync
 * reads these three fields for every change it moves.
 *
 * The layout (Automerge's binary format, "change chunk"):
 *   magic 85 6f 4a 83 · checksum (4 bytes) · chunk type (1 = change, 2 = deflated change)
 *   · uLEB128 length · body
 * The hash is SHA-256 over type 1, the length and the (inflated) body; the checksum is its
 * first four bytes. The body starts with: deps (uLEB count, 32 bytes each), actor (uLEB
 * length, bytes), seq (uLEB), start op (uLEB), time (sLEB), message, other actors, columns.
 */
export interface ChangeHeader {
  hash: string;
  actor: string;
  deps: string[];
  seq: number;
}

const MAGIC = [0x85, 0x6f, 0x4a, 0x83] as const;
const CHANGE = 1;
const DEFLATED_CHANGE = 2;

export class ChangeFormatError extends Error {}

class Reader {
  constructor(
    readonly b: Uint8Array,
    public at: number,
    readonly end: number,
  ) {}

  uleb(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= this.end) throw new ChangeFormatError("truncated number");
      const byte = this.b[this.at++] as number;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 49) throw new ChangeFormatError("number too large");
    }
    return result;
  }

  bytes(n: number): Uint8Array {
    if (n < 0 || this.at + n > this.end) throw new ChangeFormatError("truncated field");
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

/**
 * Headers already read, by the very byte array: a change is checked where it arrives (the
 * hub's push checks) and read again where it is stored, and hashing it twice cost as much as
 * reading it.
 */
const read = new WeakMap<Uint8Array, ChangeHeader>();

/** The header of one encoded change; throws ChangeFormatError when it is not one. */
export function readChangeHeader(bytes: Uint8Array): ChangeHeader {
  const known = read.get(bytes);
  if (known) return known;
  const header = readChangeHeaderOnce(bytes);
  read.set(bytes, header);
  return header;
}

/**
 * `readChangeHeader` for bytes read once (a first pull's whole cases): not kept in the cache,
 * whose weak entries every garbage collection walks (35,000 of them in a 10,000-case pull).
 */
export function readChangeHeaderOnce(bytes: Uint8Array): ChangeHeader {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) {
    throw new ChangeFormatError("not an Automerge chunk");
  }
  const type = bytes[8];
  const r = new Reader(bytes, 9, bytes.length);
  const length = r.uleb();
  const bodyStart = r.at;
  if (bodyStart + length !== bytes.length) throw new ChangeFormatError("length mismatch");
  let body: Uint8Array;
  let hashed: Uint8Array;
  if (type === CHANGE) {
    body = bytes.subarray(bodyStart);
    hashed = bytes.subarray(8);
  } else if (type === DEFLATED_CHANGE) {
    try {
      body = new Uint8Array(inflateRawSync(bytes.subarray(bodyStart)));
    } catch {
      throw new ChangeFormatError("bad deflate");
    }
    const head = Uint8Array.from([CHANGE, ...uleb(body.length)]);
    hashed = new Uint8Array(head.length + body.length);
    hashed.set(head);
    hashed.set(body, head.length);
  } else {
    throw new ChangeFormatError(`chunk type ${type} is not a change`);
  }
  // One call, the digest as the hex the hash is kept as (no Hash object, no digest buffer).
  const digest = hash("sha256", hashed, "hex");
  if (!checksumOf(digest, bytes)) throw new ChangeFormatError("checksum mismatch");
  const h = new Reader(body, 0, body.length);
  const depCount = h.uleb();
  const deps: string[] = [];
  for (let i = 0; i < depCount; i++) deps.push(hex(h.bytes(32)));
  const actor = hex(h.bytes(h.uleb()));
  if (actor === "") throw new ChangeFormatError("empty actor");
  const seq = h.uleb();
  return { hash: digest, actor, deps, seq };
}

/** Whether a chunk's checksum (bytes 4–7) is the start of its hash, given as hex. */
function checksumOf(digestHex: string, bytes: Uint8Array): boolean {
  for (let i = 0; i < 4; i++) {
    const b = bytes[4 + i] as number;
    if (
      digestHex.charCodeAt(2 * i) !== HEX[b >> 4] ||
      digestHex.charCodeAt(2 * i + 1) !== HEX[b & 15]
    ) {
      return false;
    }
  }
  return true;
}

const HEX = [..."0123456789abcdef"].map((c) => c.charCodeAt(0));

/**
 * Only the author of an encoded change, read without hashing it (a bulk frame's first look,
 * bulk/accept-bulk.ts: the change is hashed and checked in full when it is verified). A
 * deflated change is read in full. Throws ChangeFormatError when it is not a change.
 */
export function readChangeActor(bytes: Uint8Array): string {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) {
    throw new ChangeFormatError("not an Automerge chunk");
  }
  if (bytes[8] !== CHANGE) return readChangeHeader(bytes).actor;
  const r = new Reader(bytes, 9, bytes.length);
  const length = r.uleb();
  if (r.at + length !== bytes.length) throw new ChangeFormatError("length mismatch");
  const depCount = r.uleb();
  r.bytes(depCount * 32);
  const actor = hex(r.bytes(r.uleb()));
  if (actor === "") throw new ChangeFormatError("empty actor");
  return actor;
}
