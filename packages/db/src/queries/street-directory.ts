import { localItemPrefix, localItemStreet, type ServiceItem } from "@bangban/domain";
import type { DistrictDirectory, PushDirectoryRequest } from "@bangban/sync";
import { asc, like } from "drizzle-orm";
import type { Db } from "../client";
import { reportedSync, stations, users } from "../schema";
import { itemInserts, parseItem } from "./catalog";
import { getMeta } from "./meta";
import { type ReferenceData, readReference, reportedStaff } from "./reference";
import { getSite } from "./sites";

/**
 * A street hub's link to its district (meta rows, like a station's link to its hub): set once
 * by `bangban-hub enrol --district`. While it is set the district owns the 事项清单, the site
 * tree and the calendar, and the street's own screens for them are read-only.
 */
export const DISTRICT_LINK = {
  url: "district:url",
  credential: "district:credential",
  siteId: "district:siteId",
  reference: "district:reference",
  directory: "district:directory",
  /** Bulk catch-up (SPEC.md): the log seq it covers, the last case sent, and when it ended. */
  bulkUpTo: "district:bulk:upTo",
  bulkAfter: "district:bulk:after",
  bulkDone: "district:bulk:done",
} as const;

export interface DistrictLink {
  url: string;
  credential: string;
  districtId: string;
}

/** The district this street hub is enrolled with (BANGBAN_DISTRICT_URL wins for the URL), or null. */
export async function districtLink(
  db: Db,
  envUrl: string | null = null,
): Promise<DistrictLink | null> {
  const [credential, url, districtId] = await Promise.all([
    getMeta(db, DISTRICT_LINK.credential),
    getMeta(db, DISTRICT_LINK.url),
    getMeta(db, DISTRICT_LINK.siteId),
  ]);
  const to = envUrl ?? url;
  return credential && to && districtId ? { url: to, credential, districtId } : null;
}

/** The district's record of its streets' staff and stations (`sync.pushDirectory`). */
export class LibsqlDistrictDirectory implements DistrictDirectory {
  constructor(private readonly db: Db) {}

  async holders(userIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (userIds.length === 0) return out;
    const ids = JSON.stringify(userIds);
    const { rows } = await this.db.client.execute({
      sql: `SELECT id AS user_id, 'district' AS holder FROM users WHERE id IN (SELECT value FROM json_each(?1))
        UNION ALL
        SELECT user_id, street_id AS holder FROM district_staff WHERE user_id IN (SELECT value FROM json_each(?1))`,
      args: [ids],
    });
    // An id the district holds itself wins over any street's report.
    for (const r of rows) {
      const id = String(r.user_id);
      if (out.get(id) !== "district") out.set(id, String(r.holder));
    }
    return out;
  }

  async localItemsAllowed(streetId: string): Promise<boolean> {
    const site = await getSite(this.db, streetId);
    return site?.kind === "center" && site.localItems;
  }

  async itemVersions(codes: readonly string[]): Promise<ServiceItem[]> {
    if (codes.length === 0) return [];
    const { rows } = await this.db.client.execute({
      sql: "SELECT json FROM catalog_items WHERE code IN (SELECT value FROM json_each(?))",
      args: [JSON.stringify(codes)],
    });
    return rows.map((r) => parseItem(String(r.json)));
  }

  /**
   * The street's rows made inactive, then its report written over them, and its new local
   * item versions stored, in one transaction.
   */
  async replace(
    streetId: string,
    req: PushDirectoryRequest,
    newItems: readonly ServiceItem[],
  ): Promise<void> {
    const stmts = [
      ...itemInserts(newItems, req.at),
      { sql: "UPDATE district_staff SET active = 0 WHERE street_id = ?", args: [streetId] },
      ...req.staff.map((u) => ({
        sql: `INSERT INTO district_staff (user_id, street_id, site_id, display_name, role, active, reported_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(user_id) DO UPDATE SET site_id = excluded.site_id,
            display_name = excluded.display_name, role = excluded.role, active = excluded.active,
            reported_at = excluded.reported_at
          WHERE district_staff.street_id = excluded.street_id`,
        args: [u.id, streetId, u.siteId, u.name, u.role, u.active ? 1 : 0, req.at],
      })),
      ...req.stations.map((s) => ({
        sql: `INSERT INTO reported_sync (site_id, street_id, last_seen_at, last_push_at, last_pull_at, reported_at)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT(site_id) DO UPDATE SET last_seen_at = excluded.last_seen_at,
            last_push_at = excluded.last_push_at, last_pull_at = excluded.last_pull_at,
            reported_at = excluded.reported_at
          WHERE reported_sync.street_id = excluded.street_id`,
        args: [s.siteId, streetId, s.lastSeenAt, s.lastPushAt, s.lastPullAt, req.at],
      })),
    ];
    await this.db.client.batch(stmts, "write");
  }
}

/**
 * What the district sends a street (`sync.reference`): the 事项清单 (every version), the whole
 * site tree and the calendar — the district's to own — and, to name who acted on a case that
 * crossed streets, every street's staff as reported (names only). No accounts: a street owns
 * its staff and their credentials.
 */
export async function readDistrictReference(
  db: Db,
  districtId: string,
  streetId: string | null = null,
): Promise<ReferenceData> {
  const [all, staff] = await Promise.all([readReference(db, districtId), reportedStaff(db)]);
  // A street's local items go to that street only: another street sees one as a name on a
  // case transferred to it, and may never take a case under it (local-design note, DESIGN.md).
  const catalog = all.catalog.filter((c) => {
    const owner = localItemStreet(c.code);
    return owner === null || owner === streetId;
  });
  return { ...all, catalog, users: [], staff };
}

/**
 * What a street tells its district (`sync.pushDirectory`): its own staff (the accounts of its
 * center and stations, no credentials) and each station's last exchange with it.
 */
export async function streetDirectory(
  db: Db,
  streetId: string,
  at: string,
): Promise<PushDirectoryRequest> {
  const [staff, enrolled, items] = await Promise.all([
    db.orm
      .select()
      .from(users)
      .where(like(users.siteId, `${streetId}%`))
      .orderBy(asc(users.id))
      .all(),
    db.orm
      .select()
      .from(stations)
      .where(like(stations.siteId, `${streetId}%`))
      .all(),
    localItemsToReport(db, streetId),
  ]);
  return {
    protocol: 2,
    at,
    staff: staff
      .filter((u) => u.role !== "district_admin")
      .map((u) => ({
        id: u.id,
        name: u.displayName,
        role: u.role,
        siteId: u.siteId,
        active: u.active,
      })),
    stations: enrolled
      .filter((s) => s.siteId.length === 12)
      .map((s) => ({
        siteId: s.siteId,
        lastSeenAt: s.lastSeenAt,
        lastPushAt: s.lastPushAt,
        lastPullAt: s.lastPullAt,
      })),
    // Absent when there are none, so a street without local items reports as before.
    ...(items.length ? { items } : {}),
  };
}

/**
 * Every version of the street's local items, while its district allows them (its site row as
 * the district sent it). Versions are never dropped: the district stores only those it lacks.
 * Not allowed: none are sent, and the district keeps the versions it holds.
 */
async function localItemsToReport(db: Db, streetId: string): Promise<ServiceItem[]> {
  const site = await getSite(db, streetId);
  if (!site?.localItems) return [];
  const { rows } = await db.client.execute({
    sql: "SELECT json FROM catalog_items WHERE code LIKE ? ORDER BY code, version",
    args: [`${localItemPrefix(streetId)}%`],
  });
  return rows.map((r) => parseItem(String(r.json)));
}

/** Each station's freshness as its street last reported it (the district admin's screen). */
export async function reportedFreshness(db: Db) {
  return db.orm.select().from(reportedSync).orderBy(asc(reportedSync.siteId)).all();
}
