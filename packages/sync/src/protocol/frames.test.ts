import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SyncError, type SyncErrorKind } from "./errors";
import {
  decodePushFrame,
  encodePushEntry,
  encodePushFrame,
  joinPushFrame,
  MAX_PUSH_FRAME_BYTES,
  readPushFrame,
} from "./frames";
import { LIMITS } from "./messages";
import { PROTOCOL_VERSION } from "./version";

const ULID = "01KCASE0000000000000000001";
const OTHER = "01KCASE0000000000000000002";
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

function refusal(f: () => unknown): SyncErrorKind {
  try {
    f();
  } catch (e) {
    if (e instanceof SyncError) return e.data.kind;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** A frame written byte by byte, for the malformed cases the encoder never makes. */
const raw = (...parts: (number | number[] | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "number" ? [p] : [...p])));
const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const uleb = (n: number): number[] =>
  n < 0x80 ? [n] : [(n % 0x80) | 0x80, ...uleb(Math.floor(n / 0x80))];
const HEAD = [0x42, 0x42, PROTOCOL_VERSION];

describe("push frames", () => {
  it("round-trip: any batch of valid case ids and changes decodes to itself", () => {
    const caseId = fc.oneof(
      fc.string({ minLength: 10, maxLength: 40 }),
      // Any Unicode, astral planes included; 10–40 UTF-16 units as the JSON schema counts them.
      fc
        .string({ unit: "grapheme", minLength: 5, maxLength: 20 })
        .filter((s) => s.length >= 10 && s.length <= 40),
      fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    );
    const change = fc.uint8Array({ minLength: 1, maxLength: 300 });
    // Runs of the same case, as a station's log has them.
    const batch = fc
      .array(fc.tuple(caseId, fc.array(change, { minLength: 1, maxLength: 4 })), {
        minLength: 1,
        maxLength: 30,
      })
      .map((runs) => runs.flatMap(([id, cs]) => cs.map((b) => ({ caseId: id, bytes: b }))));
    fc.assert(
      fc.property(batch, (changes) => {
        const frame = encodePushFrame({ protocol: PROTOCOL_VERSION, changes });
        const back = decodePushFrame(frame);
        expect(back).toEqual({ protocol: PROTOCOL_VERSION, changes });
        // The pre-encoded way (the benchmark's) writes the very same bytes.
        const joined = joinPushFrame(
          PROTOCOL_VERSION,
          changes.map((c) => encodePushEntry(c.caseId, c.bytes)),
        );
        expect(joined).toEqual(frame);
      }),
      { numRuns: 300 },
    );
  });

  it("one field edit: a 120-byte change of a ULID case is a 152-byte frame", () => {
    const frame = encodePushFrame({
      protocol: PROTOCOL_VERSION,
      changes: [{ caseId: ULID, bytes: bytes(120) }],
    });
    // "BB" · protocol · count · 26 · caseId · 120 · change
    expect(frame.length).toBe(2 + 1 + 1 + 1 + 26 + 1 + 120);
    expect([...frame.subarray(0, 5)]).toEqual([0x42, 0x42, PROTOCOL_VERSION, 1, 26]);
  });

  it("names a case once for its consecutive changes, again after another case", () => {
    const changes = [
      { caseId: ULID, bytes: bytes(3, 1) },
      { caseId: ULID, bytes: bytes(3, 2) },
      { caseId: OTHER, bytes: bytes(3, 3) },
      { caseId: ULID, bytes: bytes(3, 4) },
    ];
    const frame = encodePushFrame({ protocol: PROTOCOL_VERSION, changes });
    expect(frame.length).toBe(4 + (27 + 4) + (1 + 4) + (27 + 4) + (27 + 4));
    expect(decodePushFrame(frame).changes).toEqual(changes);
  });

  it("decoded changes are views into the frame, not copies", () => {
    const frame = encodePushFrame({
      protocol: PROTOCOL_VERSION,
      changes: [
        { caseId: ULID, bytes: bytes(5, 1) },
        { caseId: OTHER, bytes: bytes(6, 2) },
      ],
    });
    for (const c of decodePushFrame(frame).changes) expect(c.bytes.buffer).toBe(frame.buffer);
  });

  it("a full batch (2,000 changes, 2 MiB, 40-character Chinese case ids) fits the body cap", () => {
    const per = Math.floor(LIMITS.maxBytesPerPush / LIMITS.maxChangesPerPush);
    const ids = ["办".repeat(40), "件".repeat(40)];
    const changes = Array.from({ length: LIMITS.maxChangesPerPush }, (_, i) => ({
      caseId: ids[i % 2] as string,
      bytes: bytes(
        i === LIMITS.maxChangesPerPush - 1
          ? LIMITS.maxBytesPerPush - per * (LIMITS.maxChangesPerPush - 1)
          : per,
      ),
    }));
    const frame = encodePushFrame({ protocol: PROTOCOL_VERSION, changes });
    expect(frame.length).toBeLessThanOrEqual(MAX_PUSH_FRAME_BYTES);
    expect(MAX_PUSH_FRAME_BYTES).toBeLessThan(LIMITS.maxBytesPerPush * 1.15);
    expect(decodePushFrame(frame).changes).toHaveLength(LIMITS.maxChangesPerPush);
  });

  describe("refusals", () => {
    const valid = encodePushFrame({
      protocol: PROTOCOL_VERSION,
      changes: [
        { caseId: ULID, bytes: bytes(130) },
        { caseId: ULID, bytes: bytes(4) },
      ],
    });

    it("arbitrary bytes after the header decode or are refused as a batch, never crash", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
          try {
            decodePushFrame(raw(HEAD, tail));
          } catch (e) {
            expect(e).toBeInstanceOf(SyncError);
            expect(["MALFORMED_BATCH", "BATCH_TOO_LARGE"]).toContain((e as SyncError).data.kind);
          }
        }),
        { numRuns: 500 },
      );
    });

    it("bad magic", () => {
      expect(refusal(() => decodePushFrame(new Uint8Array()))).toBe("MALFORMED_BATCH");
      expect(refusal(() => decodePushFrame(raw(0x42)))).toBe("MALFORMED_BATCH");
      expect(refusal(() => decodePushFrame(raw(0x7b, ...valid.subarray(1))))).toBe(
        "MALFORMED_BATCH",
      );
      // A JSON push sent to the binary route.
      const json = new TextEncoder().encode('{"protocol":1,"changes":[]}');
      expect(refusal(() => decodePushFrame(json))).toBe("MALFORMED_BATCH");
    });

    it("every truncation of a valid frame", () => {
      for (let n = 0; n < valid.length; n++) {
        expect(
          refusal(() => decodePushFrame(valid.subarray(0, n))),
          `first ${n} bytes`,
        ).toBe("MALFORMED_BATCH");
      }
    });

    it("trailing bytes", () => {
      expect(refusal(() => decodePushFrame(raw(valid, 0)))).toBe("MALFORMED_BATCH");
    });

    it("bad lengths: no changes, an empty change, a change longer than the frame", () => {
      expect(refusal(() => decodePushFrame(raw(HEAD, 0)))).toBe("MALFORMED_BATCH");
      expect(refusal(() => decodePushFrame(raw(HEAD, 1, 26, utf8(ULID), 0)))).toBe(
        "MALFORMED_BATCH",
      );
      expect(refusal(() => decodePushFrame(raw(HEAD, 1, 26, utf8(ULID), 5, 1, 2, 3)))).toBe(
        "MALFORMED_BATCH",
      );
      // A case id length running past the frame.
      expect(refusal(() => decodePushFrame(raw(HEAD, 1, 30, utf8(ULID))))).toBe("MALFORMED_BATCH");
      // A number that never ends (continuation bits all the way).
      expect(
        refusal(() =>
          decodePushFrame(raw(HEAD, 1, 26, utf8(ULID), [0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 1)),
        ),
      ).toBe("MALFORMED_BATCH");
    });

    it("the first entry cannot be 'same case as before'", () => {
      expect(refusal(() => decodePushFrame(raw(HEAD, 1, 0, 1, 9)))).toBe("MALFORMED_BATCH");
    });

    it("case ids that are not 10–40 characters of UTF-8", () => {
      const entry = (id: number[]) => raw(HEAD, 1, id.length, id, 1, 9);
      expect(refusal(() => decodePushFrame(entry(utf8("012345678"))))).toBe("MALFORMED_BATCH");
      expect(refusal(() => decodePushFrame(entry(utf8("x".repeat(41)))))).toBe("MALFORMED_BATCH");
      // 30 bytes of three-byte characters: 10 characters, fine; 41 of them: 123 bytes, too long.
      expect(decodePushFrame(entry(utf8("办".repeat(10)))).changes[0]?.caseId).toBe(
        "办".repeat(10),
      );
      expect(refusal(() => decodePushFrame(entry(utf8("办".repeat(41)))))).toBe("MALFORMED_BATCH");
      // 12 bytes, but only 4 characters.
      expect(refusal(() => decodePushFrame(entry(utf8("办办办办"))))).toBe("MALFORMED_BATCH");
      // Not UTF-8: a lone continuation byte, an overlong "/", a surrogate half.
      for (const bad of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
        expect(refusal(() => decodePushFrame(entry([...utf8("01KCASE000"), ...bad])))).toBe(
          "MALFORMED_BATCH",
        );
      }
    });

    it("an old or unknown protocol, before the rest is read", () => {
      for (const p of [0, 1, PROTOCOL_VERSION + 1, 99]) {
        expect(
          refusal(() => decodePushFrame(raw(0x42, 0x42, p, 0xff))),
          `protocol ${p}`,
        ).toBe("PROTOCOL_VERSION");
      }
      expect(refusal(() => decodePushFrame(raw(0x42, 0x42, 0x80, 0x01, 1)))).toBe(
        "PROTOCOL_VERSION",
      );
    });

    it("too many changes or change bytes, refused from the declared numbers alone", () => {
      // 2,001 changes declared, none present: the count alone refuses it.
      expect(refusal(() => decodePushFrame(raw(HEAD, uleb(2001))))).toBe("BATCH_TOO_LARGE");
      // One change declared at 2 MiB + 1: refused before looking for its bytes.
      const over = LIMITS.maxBytesPerPush + 1;
      expect(refusal(() => decodePushFrame(raw(HEAD, 1, 26, utf8(ULID), uleb(over))))).toBe(
        "BATCH_TOO_LARGE",
      );
      const two = encodePushFrame({
        protocol: PROTOCOL_VERSION,
        changes: [
          { caseId: ULID, bytes: bytes(LIMITS.maxBytesPerPush / 2) },
          { caseId: OTHER, bytes: bytes(LIMITS.maxBytesPerPush / 2 + 1) },
        ],
      });
      expect(refusal(() => decodePushFrame(two))).toBe("BATCH_TOO_LARGE");
    });
  });

  describe("reading a body", () => {
    const stream = (chunks: Uint8Array[]) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const x of chunks) c.enqueue(x);
          c.close();
        },
      });

    it("joins the chunks of a body (one chunk is used as it is)", async () => {
      const one = bytes(10);
      expect(await readPushFrame(stream([one]))).toBe(one);
      expect(await readPushFrame(stream([bytes(3, 1), bytes(2, 2)]))).toEqual(raw(1, 1, 1, 2, 2));
      expect(await readPushFrame(stream([]))).toEqual(new Uint8Array());
    });

    it("refuses a body over the cap without reading it to the end", async () => {
      let pulled = 0;
      let cancelled = false;
      const endless = new ReadableStream<Uint8Array>({
        pull(c) {
          pulled += 1;
          c.enqueue(bytes(64 * 1024));
        },
        cancel() {
          cancelled = true;
        },
      });
      await expect(readPushFrame(endless)).rejects.toMatchObject({
        data: { kind: "BATCH_TOO_LARGE" },
      });
      expect(pulled).toBeLessThan(Math.ceil(MAX_PUSH_FRAME_BYTES / (64 * 1024)) + 3);
      expect(cancelled).toBe(true);
      await expect(readPushFrame(stream([bytes(11)]), 10)).rejects.toBeInstanceOf(SyncError);
      expect(await readPushFrame(stream([bytes(10)]), 10)).toHaveLength(10);
    });
  });
});
