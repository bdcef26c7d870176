import { TERMINAL_STATUSES } from "@bangban/domain";
import {
  and,
  asc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  ne,
  notInArray,
  or,
  type SQL,
} from "drizzle-orm";
import type { Db } from "../client";
import type { ProjectionRow } from "../projection-row";
import { caseProjections as p } from "../schema";

/** How many cases each list of the inbox returns at most (a station's few, the oldest first). */
export const INBOX_LIMIT = 200;

/** 待本站处理: the cases that need this station now, in three lists. */
export interface StationInbox {
  /** Open cases transferred to this station for handling (taken in elsewhere). */
  transferred: ProjectionRow[];
  /** Results waiting to be handed over here: issued, or approved with this station named. */
  pickup: ProjectionRow[];
  /** Open cases of this station with 容缺 materials still owed, earliest promise first. */
  promises: ProjectionRow[];
  /**
   * Accepted here and still to be forwarded to the center (DOMAIN §2: within 3 working
   * days), the earliest limit first; past it the case is red and the lead was reminded.
   */
  toForward: ProjectionRow[];
  /** Distinct cases over the three lists (a case can be in two), for the menu's badge. */
  total: number;
}

const open = notInArray(p.status, [...TERMINAL_STATUSES]);

const HANDED_OVER_FROM = ["READY_FOR_PICKUP", "APPROVED"] as const;

function pickupHere(siteId: string): SQL {
  return and(eq(p.pickupSiteId, siteId), inArray(p.status, [...HANDED_OVER_FROM])) as SQL;
}

/** The negation of pickupHere, spelled out: SQL's NOT of a comparison with NULL is NULL. */
function notPickupHere(siteId: string): SQL {
  return or(
    isNull(p.pickupSiteId),
    ne(p.pickupSiteId, siteId),
    notInArray(p.status, [...HANDED_OVER_FROM]),
  ) as SQL;
}

/**
 * The station's inbox, read from the projections. A case in the pick-up list is not repeated
 * among the transferred ones; a 容缺 case is listed where it involves the station (taken in,
 * handled or to be handed over there), so the helper who promised the resident sees it due.
 */
export async function stationInbox(db: Db, siteId: string): Promise<StationInbox> {
  const [transferred, pickup, promises, toForward] = await db.orm.batch([
    db.orm
      .select()
      .from(p)
      .where(
        and(open, eq(p.handlingSiteId, siteId), ne(p.originSiteId, siteId), notPickupHere(siteId)),
      )
      .orderBy(asc(p.updatedAt))
      .limit(INBOX_LIMIT),
    db.orm.select().from(p).where(pickupHere(siteId)).orderBy(asc(p.updatedAt)).limit(INBOX_LIMIT),
    db.orm
      .select()
      .from(p)
      .where(
        and(
          open,
          gt(p.outstandingDeferred, 0),
          isNotNull(p.promiseDueOn),
          or(eq(p.originSiteId, siteId), eq(p.handlingSiteId, siteId), eq(p.pickupSiteId, siteId)),
        ),
      )
      .orderBy(asc(p.promiseDueOn), asc(p.caseNumber))
      .limit(INBOX_LIMIT),
    db.orm
      .select()
      .from(p)
      .where(and(open, eq(p.handlingSiteId, siteId), isNotNull(p.forwardDueOn)))
      .orderBy(asc(p.forwardDueOn), asc(p.caseNumber))
      .limit(INBOX_LIMIT),
  ]);
  const all = [...transferred, ...pickup, ...promises, ...toForward];
  const total = new Set(all.map((r) => r.caseId)).size;
  return { transferred, pickup, promises, toForward, total };
}
