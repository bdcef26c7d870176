import { asc, sql } from "drizzle-orm";
import type { Db } from "../client";
import { reportedSync, stations } from "../schema";
import type { Station } from "./stations";

/**
 * A district node's view of its data freshness: each street's own exchanges with the district
 * (a street hub is enrolled in `stations` like a station at its hub) and each station's last
 * exchange with its street, as the street reported it (`sync.pushDirectory`).
 */

export type ReportedSync = typeof reportedSync.$inferSelect;

/** The streets enrolled at this node: `stations` rows whose site is a 9-digit street code. */
export async function listStreetSync(db: Db): Promise<Station[]> {
  return db.orm
    .select()
    .from(stations)
    .where(sql`length(${stations.siteId}) = 9`)
    .orderBy(asc(stations.siteId));
}

/** Every station's last exchange with its street, as its street last reported it. */
export async function listReportedSync(db: Db): Promise<ReportedSync[]> {
  return db.orm.select().from(reportedSync).orderBy(asc(reportedSync.siteId));
}
