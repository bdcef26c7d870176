import { MAX_UPLOAD_CHUNK_BYTES } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { chunkOutcome, nextChunk, percentOf, retryDelayMs } from "./upload-plan";

describe("chunk planning", () => {
  it("walks the file in chunks of at most the server's bound, the last one short", () => {
    const size = 2 * MAX_UPLOAD_CHUNK_BYTES + 10;
    const ranges: [number, number][] = [];
    for (let c = nextChunk(0, size); c; c = nextChunk(c.end, size)) ranges.push([c.start, c.end]);
    expect(ranges).toEqual([
      [0, MAX_UPLOAD_CHUNK_BYTES],
      [MAX_UPLOAD_CHUNK_BYTES, 2 * MAX_UPLOAD_CHUNK_BYTES],
      [2 * MAX_UPLOAD_CHUNK_BYTES, size],
    ]);
  });

  it("resumes from whatever offset the server reports, even mid-chunk", () => {
    expect(nextChunk(1500, 4000, 1000)).toEqual({ start: 1500, end: 2500 });
    expect(nextChunk(4000, 4000, 1000)).toBeNull();
  });

  it("backs off by doubling, capped at 15 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([
      500, 1000, 2000, 4000, 8000, 15_000, 15_000,
    ]);
  });

  it("retries what a retry can fix, follows the server's offset, and gives up on refusals", () => {
    expect(chunkOutcome("network")).toBe("retry");
    expect(chunkOutcome(503)).toBe("retry");
    expect(chunkOutcome(409)).toBe("advance");
    expect(chunkOutcome(200)).toBe("advance");
    for (const refused of [400, 401, 404, 413, 415]) expect(chunkOutcome(refused)).toBe("fail");
  });

  it("progress in whole percent", () => {
    expect([percentOf(0, 10), percentOf(5, 10), percentOf(10, 10), percentOf(0, 0)]).toEqual([
      0, 50, 100, 100,
    ]);
  });
});
