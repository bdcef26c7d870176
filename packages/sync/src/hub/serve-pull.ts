import { isCenterCode } from "@bangban/domain";
import { LIMITS, type PullRequest, type PullResponse, toBase64 } from "../protocol/messages";
import { checkProtocol } from "../protocol/refusals";
import type { HubStore } from "../store";
import type { StationIdentity } from "./accept-push";

/**
 * Feed rows one page passes over at most when it skips the puller's own changes: a station
 * pulling right after it pushed 10,000 cases of its own steps over its 35,000 changes in two
 * pages, reading none of their bytes.
 */
export const FEED_SCAN_ROWS = 20_000;

/**
 * The hub's side of a pull: the next page of the station's feed (its scope only). Changes the
 * puller authored itself (its current actor) are not sent back and count in neither the page's
 * bounds nor `remaining`, but the cursor moves past them.
 */
export async function servePull(
  store: HubStore,
  station: StationIdentity,
  req: PullRequest,
): Promise<PullResponse> {
  checkProtocol(req.protocol);
  const maxChanges = Math.min(req.maxChanges ?? 2000, LIMITS.maxChangesPerPull);
  const maxBytes = Math.min(req.maxBytes ?? 2 * 1024 * 1024, LIMITS.maxBytesPerPull);
  // A street pulling from its district: everything authored under its code is its own.
  const own = isCenterCode(station.siteId)
    ? station.siteId
    : req.actorId && station.actorIds.includes(req.actorId)
      ? req.actorId
      : undefined;
  const page = await store.feed(
    station.siteId,
    req.after,
    { maxChanges, maxBytes },
    own ? { actor: own, scanRows: FEED_SCAN_ROWS } : undefined,
  );
  return {
    changes: page.entries.map((c) => ({ caseId: c.caseId, bytes: toBase64(c.bytes) })),
    next: page.next,
    remaining: await store.feedBacklog(station.siteId, page.next, own),
  };
}
