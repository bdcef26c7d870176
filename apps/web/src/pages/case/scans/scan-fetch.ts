import { type ApiError, apiErrorFromResponse, NETWORK_ERROR } from "../../../api/errors";
import { attachmentUrl } from "../../../lib/upload";
import { type Scan, type ScanProblem, scanProblemOf } from "./scan-order";

/** Why a scan's bytes did not come: the viewer says `not_synced` as a sentence, not an error. */
export class ScanLoadError extends Error {
  constructor(
    readonly problem: ScanProblem,
    readonly api: ApiError,
  ) {
    super(api.en);
  }
}

/**
 * The scan's bytes, fetched (not a bare <img src>) so that a scan this node lacks (404
 * NOT_SYNCED, contract 3 of #17) is told apart from a real failure, and never shows as a
 * broken image. Asking is what makes a station fetch the scan from its hub.
 */
export async function fetchScan(scan: Pick<Scan, "hash" | "present">): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(attachmentUrl(scan.hash), { credentials: "same-origin" });
  } catch {
    throw new ScanLoadError("error", NETWORK_ERROR);
  }
  if (res.ok) return res.blob();
  const api = await apiErrorFromResponse(res);
  throw new ScanLoadError(scanProblemOf(res.status, api.code, scan.present), api);
}
