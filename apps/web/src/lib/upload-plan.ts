import { MAX_UPLOAD_CHUNK_BYTES } from "@bangban/domain";

/** The byte range [start, end) to send next from `offset`, or null when all is sent. */
export function nextChunk(
  offset: number,
  size: number,
  chunkBytes = MAX_UPLOAD_CHUNK_BYTES,
): { start: number; end: number } | null {
  if (offset >= size) return null;
  const start = Math.max(0, offset);
  return { start, end: Math.min(size, start + chunkBytes) };
}

/** Failed tries of one chunk before the upload gives up and says why. */
export const MAX_CHUNK_RETRIES = 6;

/** Wait before retry `attempt` (1, 2, …): doubling from half a second, at most 15 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
}

/**
 * What to do after a chunk's request: `advance` to the offset the server holds (a 200, or a
 * 409 telling where it stands), `retry` after a wait (the network or the server failed: ask
 * the server's offset, then go on), or `fail` (a refusal no retry fixes: its reason is shown).
 */
export type ChunkOutcome = "advance" | "retry" | "fail";

export function chunkOutcome(status: number | "network"): ChunkOutcome {
  if (status === "network") return "retry";
  if (status === 200 || status === 409) return "advance";
  if (status === 408 || status === 429 || status >= 500) return "retry";
  return "fail";
}

/** Share of the file the server holds, 0 to 100, for a progress bar. */
export function percentOf(offset: number, size: number): number {
  return size <= 0 ? 100 : Math.min(100, Math.floor((offset / size) * 100));
}
