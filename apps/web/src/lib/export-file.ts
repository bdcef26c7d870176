import { apiErrorFromResponse, NETWORK_ERROR } from "../api/errors";

/** The exports the node writes (POST /api/export/:kind) and the two file formats. */
export type ExportKind = "dashboard" | "cases" | "rectify" | "complaints";
export type ExportFormat = "xlsx" | "csv";

/**
 * The request of an export: the filters as a JSON body, never in the URL (a case-list filter
 * may hold a full ID number). A list's paging is the screen's, not the export's: dropped.
 */
export function exportRequest(
  kind: ExportKind,
  format: ExportFormat,
  filters: Record<string, unknown>,
): { url: string; init: RequestInit } {
  const { limit: _limit, offset: _offset, ...rest } = filters;
  return {
    url: `/api/export/${kind}`,
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...rest, format }),
    },
  };
}

/**
 * The file name the server gave (RFC 6266: `filename*=UTF-8''…` carries the Chinese name,
 * `filename="…"` the ASCII fallback); `fallback` when it gave none.
 */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // A malformed escape: the plain name below, if any.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Fetches the export and saves it as the browser's download; refusals throw the ApiError. */
export async function downloadExport(
  kind: ExportKind,
  format: ExportFormat,
  filters: Record<string, unknown>,
): Promise<{ fileName: string; rows: number }> {
  const { url, init } = exportRequest(kind, format, filters);
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw NETWORK_ERROR;
  }
  if (!res.ok) throw await apiErrorFromResponse(res);
  const fileName = fileNameOf(res.headers.get("content-disposition"), `export.${format}`);
  const href = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement("a");
    a.href = href;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The click has handed the blob to the download; the URL is not needed after this turn.
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
  return { fileName, rows: Number(res.headers.get("x-row-count") ?? 0) };
}
