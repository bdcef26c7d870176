import { type ApiError, apiErrorFromResponse, NETWORK_ERROR } from "../api/errors";
import { chunkOutcome, MAX_CHUNK_RETRIES, nextChunk, retryDelayMs } from "./upload-plan";

/** A stored scan, as the server answers for it. */
export interface UploadedScan {
  hash: string;
  size: number;
  mime: string;
  page: number;
}

export interface ChunkedUploadOptions {
  /** Page within the material (1-based); absent: after the material's existing pages. */
  page?: number;
  /** Bytes the server holds so far, of `total`. */
  onProgress?: (sent: number, total: number) => void;
  /** Waits between retries (a test or a caller may shorten it). */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** fetch, with "no answer" as a status of its own instead of a throw. */
async function send(url: string, init?: RequestInit): Promise<Response | "network"> {
  try {
    return await fetch(url, init);
  } catch {
    return "network";
  }
}

/**
 * Uploads a file in chunks the server can resume: a chunk that fails (network, a restart of
 * the station) is retried with back-off from the offset the server reports, so nothing sent
 * is sent twice and a cut costs one chunk. A refusal (too large, wrong type, a limit) throws
 * the server's typed error, whose `zh` says why.
 */
export async function uploadChunked(
  caseId: string,
  materialCode: string,
  file: Blob,
  name: string,
  opts: ChunkedUploadOptions = {},
): Promise<UploadedScan> {
  const sleep = opts.sleep ?? wait;
  const opened = await send(`/api/cases/${encodeURIComponent(caseId)}/uploads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      material: materialCode,
      name,
      size: file.size,
      page: opts.page,
    }),
  });
  if (opened === "network") throw NETWORK_ERROR;
  if (!opened.ok) throw await apiErrorFromResponse(opened);
  const { uploadId } = (await opened.json()) as { uploadId: string };
  const url = `/api/uploads/${encodeURIComponent(uploadId)}`;
  let offset = 0;
  let failures = 0;
  let lastError: ApiError = NETWORK_ERROR;
  opts.onProgress?.(0, file.size);
  for (let chunk = nextChunk(offset, file.size); chunk; chunk = nextChunk(offset, file.size)) {
    const res = await send(`${url}?offset=${chunk.start}`, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream" },
      body: file.slice(chunk.start, chunk.end),
    });
    const outcome = chunkOutcome(res === "network" ? res : res.status);
    if (res !== "network" && outcome === "advance") {
      const body = (await res.json()) as { offset: number; done?: UploadedScan | null };
      if (body.done) {
        opts.onProgress?.(file.size, file.size);
        return body.done;
      }
      offset = body.offset;
      failures = 0;
      opts.onProgress?.(offset, file.size);
      continue;
    }
    if (res !== "network" && outcome === "fail") throw await apiErrorFromResponse(res);
    if (res !== "network") lastError = await apiErrorFromResponse(res);
    if (++failures > MAX_CHUNK_RETRIES) throw lastError;
    await sleep(retryDelayMs(failures));
    // Where the server stands: the failed chunk may have arrived though its answer did not.
    const status = await send(url);
    if (status !== "network" && status.ok) {
      const body = (await status.json()) as { offset: number; done?: UploadedScan | null };
      if (body.done) return body.done;
      offset = body.offset;
    } else if (status !== "network" && status.status === 404)
      throw await apiErrorFromResponse(status);
  }
  throw lastError;
}

/** Sends a scan or photo as the raw request body; the station recognises the type from the bytes. */
export async function uploadAttachment(
  caseId: string,
  materialCode: string,
  file: Blob & { name?: string },
): Promise<{ hash: string; size: number; mime: string }> {
  const q = new URLSearchParams({ material: materialCode, name: file.name ?? "附件" });
  let res: Response;
  try {
    res = await fetch(`/api/cases/${encodeURIComponent(caseId)}/attachments?${q}`, {
      method: "POST",
      body: file,
      headers: { "content-type": "application/octet-stream" },
    });
  } catch {
    throw NETWORK_ERROR;
  }
  if (!res.ok) throw await apiErrorFromResponse(res);
  return (await res.json()) as { hash: string; size: number; mime: string };
}

export function attachmentUrl(hash: string): string {
  return `/api/attachments/${encodeURIComponent(hash)}`;
}
