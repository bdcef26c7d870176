import { deflateRawSync } from "node:zlib";
import * as A from "@automerge/automerge";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ChangeFormatError,
  readChangeActor,
  readChangeHeader,
  readChangeHeaderOnce,
} from "./change-header";

/** A document edited by two actors, with changes of every size (some above the deflate limit). */
function changesOf(texts: string[], seed: number): Uint8Array[] {
  const a = `${seed.toString(16).padStart(8, "0")}${"a".repeat(24)}`;
  const b = `${seed.toString(16).padStart(8, "0")}${"b".repeat(24)}`;
  let one = A.change(A.init<{ l: string[]; t?: string }>({ actor: a }), (d) => {
    d.l = [];
  });
  let two = A.clone(one, { actor: b });
  for (const [i, t] of texts.entries()) {
    if (i % 2) one = A.change(one, { message: `m${i}` }, (d) => d.l.push(t));
    else
      two = A.change(two, (d) => {
        d.t = t.repeat(1 + (i % 4) * 40);
      });
    if (i % 3 === 0) one = A.merge(one, two);
  }
  return A.getAllChanges(A.merge(one, two));
}

describe("readChangeHeader", () => {
  it("reads hash, actor, deps and seq exactly as Automerge decodes them", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 12 }), fc.nat(), (ts, s) => {
        for (const bytes of changesOf(ts, s)) {
          const d = A.decodeChange(bytes);
          expect(readChangeHeader(bytes)).toEqual({
            hash: d.hash,
            actor: d.actor,
            deps: d.deps,
            seq: d.seq,
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  it("reads a deflated change chunk (type 2) as the change it inflates to", () => {
    const big = A.change(A.init<{ s: string }>(), (d) => {
      d.s = "申请人行动不便".repeat(400);
    });
    const plain = A.getLastLocalChange(big) as Uint8Array;
    // Rebuild it as Automerge's compressed form: same magic and checksum, type 2, deflated body.
    let at = 9;
    while ((plain[at] as number) & 0x80) at++;
    const body = deflateRawSync(plain.subarray(at + 1));
    const len: number[] = [];
    for (let n = body.length; ; ) {
      const byte = n % 128;
      n = Math.floor(n / 128);
      len.push(n > 0 ? byte | 0x80 : byte);
      if (n === 0) break;
    }
    const deflated = Uint8Array.from([...plain.subarray(0, 8), 2, ...len, ...body]);
    expect(deflated.length).toBeLessThan(plain.length);
    expect(readChangeHeader(deflated)).toEqual(readChangeHeader(plain));
    expect(readChangeHeader(deflated).hash).toBe(A.decodeChange(plain).hash);
  });

  it("refuses what is not a change: other bytes, a truncated change, a flipped byte", () => {
    const bytes = changesOf(["x", "y"], 7)[1] as Uint8Array;
    expect(() => readChangeHeader(new Uint8Array([1, 2, 3]))).toThrow(ChangeFormatError);
    expect(() => readChangeHeader(bytes.subarray(0, bytes.length - 3))).toThrow(ChangeFormatError);
    const flipped = bytes.slice();
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 0xff;
    expect(() => readChangeHeader(flipped)).toThrow(/checksum/);
    const doc = A.save(A.from({ a: 1 }));
    expect(() => readChangeHeader(doc)).toThrow(ChangeFormatError);
  });

  it("refuses a checksum that differs from the hash in any one of its 8 hex digits", () => {
    // The checksum is compared with the hash's hex digit by digit: each nibble is checked.
    const bytes = changesOf(["x", "y"], 9)[1] as Uint8Array;
    for (let i = 4; i < 8; i++) {
      for (const mask of [0x01, 0x10]) {
        const wrong = bytes.slice();
        wrong[i] = (wrong[i] as number) ^ mask;
        expect(() => readChangeHeaderOnce(wrong)).toThrow(/checksum/);
      }
    }
    expect(readChangeHeaderOnce(bytes).hash).toBe(A.decodeChange(bytes).hash);
  });

  it("reads the same once as through the cache, and keeps nothing for bytes read once", () => {
    const [first, second] = changesOf(["p", "q"], 11) as [Uint8Array, Uint8Array];
    expect(readChangeHeaderOnce(first)).toEqual(readChangeHeader(first));
    // A cached read hands back the object it kept; a read once is always new.
    expect(readChangeHeader(first)).toBe(readChangeHeader(first));
    expect(readChangeHeaderOnce(second)).not.toBe(readChangeHeaderOnce(second));
    expect(readChangeHeaderOnce(second)).toEqual(readChangeHeaderOnce(second));
  });
});

describe("readChangeActor", () => {
  it("reads the author a full read finds, without hashing (a bulk frame's first look)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 12 }), fc.nat(), (ts, s) => {
        for (const bytes of changesOf(ts, s)) {
          expect(readChangeActor(bytes)).toBe(A.decodeChange(bytes).actor);
        }
      }),
      { numRuns: 20 },
    );
    expect(() => readChangeActor(new Uint8Array([1, 2, 3]))).toThrow(ChangeFormatError);
    const one = A.getAllChanges(
      A.change(A.init<{ a: number }>(), (d) => (d.a = 1)),
    )[0] as Uint8Array;
    expect(() => readChangeActor(one.subarray(0, one.length - 1))).toThrow(ChangeFormatError);
  });
});
