import { LIMITS, type PullRequest, type PullResponse, toBase64 } from "../protocol/messages";
import { checkProtocol } from "../protocol/refusals";
import type { HubStore } from "../store";
import type { StationIdentity } from "./accept-push";

/**
 * The hub's side of a pull: the next page of the station's feed (its scope only). Changes the
 * puller authored itself (its current actor) are not sent back, but the cursor moves past them.
 */
export async function servePull(
  store: HubStore,
  station: StationIdentity,
  req: PullRequest,
): Promise<PullResponse> {
  checkProtocol(req.protocol);
  const maxChanges = Math.min(req.maxChanges ?? 2000, LIMITS.maxChangesPerPull);
  const maxBytes = Math.min(req.maxBytes ?? 2 * 1024 * 1024, LIMITS.maxBytesPerPull);
  const page = await store.feed(station.siteId, req.after, { maxChanges, maxBytes });
  const next = page.length ? (page[page.length - 1]?.feedSeq ?? req.after) : req.after;
  const own = req.actorId && station.actorIds.includes(req.actorId) ? req.actorId : null;
  return {
    changes: page
      .filter((c) => c.actor !== own)
      .map((c) => ({ caseId: c.caseId, bytes: toBase64(c.bytes) })),
    next,
    remaining: await store.feedBacklog(station.siteId, next),
  };
}
