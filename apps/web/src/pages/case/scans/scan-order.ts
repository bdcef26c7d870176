/**
 * A material's scans as the viewer handles them (contracts 1 and 2 of #17): `page` orders
 * the pages of one material, `present` says whether this node holds the bytes.
 */
export interface Scan {
  hash: string;
  name: string;
  mime: string;
  size: number;
  /** 1-based order of the page within its material; absent on scans taken before pages. */
  page?: number;
  /** Whether this node holds the bytes; undefined: unknown, try. */
  present?: boolean;
}

/** Display order of a material's scans: page (none first), then name, then hash. */
export function orderScans<T extends Pick<Scan, "hash" | "name" | "page">>(
  scans: readonly T[],
): T[] {
  return [...scans].sort(
    (a, b) =>
      (a.page ?? 0) - (b.page ?? 0) || compareText(a.name, b.name) || compareText(a.hash, b.hash),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ScanKind = "image" | "pdf" | "other";

/** How a scan is shown: images in the zoom/rotate view, PDFs page by page, anything else as a file. */
export function scanKind(mime: string): ScanKind {
  if (mime === "application/pdf") return "pdf";
  if (mime.startsWith("image/")) return "image";
  return "other";
}

/**
 * Why a scan could not be shown. `not_synced`: the bytes are not on this node yet (the hub
 * says NOT_SYNCED, or the node said it lacks them and has nothing under the hash) — a
 * sentence, not an error; `not_found`: no such scan; `error`: anything else (retry).
 */
export type ScanProblem = "not_synced" | "not_found" | "error";

export function scanProblemOf(
  status: number,
  code: string | undefined,
  present: boolean | undefined,
): ScanProblem {
  if (status === 404 && code === "NOT_SYNCED") return "not_synced";
  if (status === 404) return present === false ? "not_synced" : "not_found";
  return "error";
}
