import { isStationCode } from "@bangban/domain";
import type { CaseProjection } from "../projection";

/**
 * The hub's scope rule, the one place it is written: the stations that see a case are the one
 * that took it in, the one handling it (after a transfer) and its pick-up site. The center and
 * the district are no station: they hold every case and need no feed. A hub store records
 * scope from each write's projection with this rule (sites are added, never removed).
 */
export function stationScope(
  p: Pick<CaseProjection, "originSiteId" | "handlingSiteId" | "pickupSiteId">,
): string[] {
  const sites = [p.originSiteId, p.handlingSiteId, p.pickupSiteId].filter(
    (s): s is string => !!s && isStationCode(s),
  );
  return [...new Set(sites)];
}
