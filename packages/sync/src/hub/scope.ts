import { type ComplaintState, isCenterCode, isStationCode, targetSiteOf } from "@bangban/domain";
import type { CaseProjection } from "../projection";

type ScopeFields = Pick<CaseProjection, "originSiteId" | "handlingSiteId" | "pickupSiteId">;

/** A scope rule: the enrolled nodes below this one whose feeds a case's changes go to. */
export type ScopeRule = (p: ScopeFields) => string[];

/**
 * The hub's scope rule, the one place it is written: the stations that see a case are the one
 * that took it in, the one handling it (after a transfer) and its pick-up site. The center and
 * the district are no station: they hold every case and need no feed. A hub store records
 * scope from each write's projection with this rule (sites are added, never removed).
 */
export const stationScope: ScopeRule = (p) => {
  const sites = [p.originSiteId, p.handlingSiteId, p.pickupSiteId].filter(
    (s): s is string => !!s && isStationCode(s),
  );
  return [...new Set(sites)];
};

/**
 * The district's scope rule, one level up: the streets whose sites took the case in, handle
 * it or are its pick-up site (a site's street is its first 9 digits). A case transferred from
 * a station of street X to street Y is in both streets' scope from then on.
 */
export const streetScope: ScopeRule = (p) => {
  const streets = [p.originSiteId, p.handlingSiteId, p.pickupSiteId]
    .filter((s): s is string => !!s && (isStationCode(s) || isCenterCode(s)))
    .map((s) => s.slice(0, 9));
  return [...new Set(streets)];
};

/**
 * Which sites a node enrolled below this one speaks for (the node kind follows the division
 * code): a station for itself only; a street hub enrolled at the district for its center and
 * every station under it. Events, case numbers and system rules are checked against this.
 */
export function speaksFor(nodeSiteId: string, siteId: string): boolean {
  if (siteId === nodeSiteId) return true;
  return isCenterCode(nodeSiteId) && isStationCode(siteId) && siteId.startsWith(nodeSiteId);
}

/**
 * Whether a change's Automerge actor is the node's own. A station's actors are the ids it
 * declared at enrolment. A street hub relays its stations' changes with theirs, so at the
 * district any actor whose id carries a site the street speaks for is the street's (actor ids
 * begin with their site code, padded to 16 hex digits: `checkActorIds` at enrolment).
 */
export function ownsActor(
  node: { siteId: string; actorIds: readonly string[] },
  actor: string,
): boolean {
  if (node.actorIds.includes(actor)) return true;
  if (!isCenterCode(node.siteId) || !/^[0-9a-f]{32}$/.test(actor)) return false;
  if (!actor.startsWith(node.siteId)) return false;
  // The street's own node (its code padded), or one of its 12-digit stations (padded).
  if (actor.slice(9, 16) === "0000000") return true;
  return isStationCode(actor.slice(0, 12)) && actor.slice(12, 16) === "0000";
}

/**
 * The complaint scope rule, at both levels: a complaint goes to the node below that speaks for
 * its registering site or the site it targets — at a street hub the station that registered it
 * or is complained about; at the district the street of either (so a complaint registered at
 * street X about a station of street Y reaches Y, and its answer comes back to X). The libSQL
 * store writes the same rule in SQL (packages/db complaint-store.ts); the shared store suite
 * holds both to it.
 */
export function complaintInScope(
  s: Pick<ComplaintState, "siteId" | "register">,
  nodeSiteId: string,
): boolean {
  const target = targetSiteOf(s);
  return speaksFor(nodeSiteId, s.siteId) || (!!target && speaksFor(nodeSiteId, target));
}
