import { isDeepStrictEqual } from "node:util";
import {
  type ItemRules,
  type JurisdictionRules,
  type Role,
  type SiteKind,
  toItemSnapshot,
  type WorkCalendar,
} from "@bangban/domain";
import type { HubAuthority, StaffRecord } from "@bangban/sync";
import type { Db } from "../client";
import { parseItem } from "./catalog";

/**
 * An expression that moves whenever a user, site, catalog version or reported staff member is
 * added or changed (users: every write bumps the version and the time; sites: versioned, a
 * newer version wins, and its time; catalog versions: append-only). The hub's authority and
 * the reference data it sends (`referenceStamp`) are read again only when it moved.
 */
export const TABLES_STAMP = `(SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(updated_at), '') FROM users)
  || '|' || (SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(updated_at), '') FROM sites)
  || '|' || (SELECT count(*) || ':' || coalesce(max(created_at), '') FROM catalog_items)
  || '|' || (SELECT count(*) || ':' || coalesce(max(reported_at), '') || ':' || coalesce(sum(active), 0) FROM district_staff)`;

const STAMP = `SELECT ${TABLES_STAMP} AS stamp`;

interface Tables {
  stamp: string;
  staff: Map<string, StaffRecord>;
  kinds: Map<string, SiteKind>;
  /** Catalog JSON by `code@version`, made a snapshot on first use. */
  items: Map<string, string>;
  snapshots: Map<string, ItemRules>;
}

const cache = new WeakMap<Db, Tables>();

async function readTables(db: Db, stamp: string): Promise<Tables> {
  const [users, sites, items] = await db.client.batch(
    [
      // A district also knows its streets' staff as they reported them; its own accounts win.
      `SELECT user_id AS id, role, site_id, active FROM district_staff
       WHERE user_id NOT IN (SELECT id FROM users)
       UNION ALL SELECT id, role, site_id, active FROM users`,
      "SELECT id, kind FROM sites",
      "SELECT code, version, json FROM catalog_items",
    ],
    "read",
  );
  return {
    stamp,
    staff: new Map(
      (users?.rows ?? []).map((r) => [
        String(r.id),
        { role: String(r.role) as Role, siteId: String(r.site_id), active: Number(r.active) === 1 },
      ]),
    ),
    kinds: new Map((sites?.rows ?? []).map((r) => [String(r.id), String(r.kind) as SiteKind])),
    items: new Map((items?.rows ?? []).map((r) => [`${r.code}@${r.version}`, String(r.json)])),
    snapshots: new Map(),
  };
}

/**
 * The hub's authority over a push, from its own tables: users (authoritative at the hub),
 * sites and every catalog version it holds. Read again only when one of them changed.
 */
export async function loadHubAuthority(
  db: Db,
  today: string,
  time: { calendar: WorkCalendar; rules: JurisdictionRules },
): Promise<HubAuthority> {
  const { rows } = await db.client.execute(STAMP);
  const stamp = String(rows[0]?.stamp ?? "");
  let t = cache.get(db);
  if (t?.stamp !== stamp) {
    t = await readTables(db, stamp);
    cache.set(db, t);
  }
  const tables = t;
  const snapshot = (key: string): ItemRules | undefined => {
    const hit = tables.snapshots.get(key);
    if (hit) return hit;
    const json = tables.items.get(key);
    if (json === undefined) return undefined;
    const made = toItemSnapshot(parseItem(json));
    tables.snapshots.set(key, made);
    return made;
  };
  return {
    today,
    calendar: time.calendar,
    rules: time.rules,
    staff: (id) => tables.staff.get(id),
    siteKind: (id) => tables.kinds.get(id),
    issued: (item) => isDeepStrictEqual(snapshot(`${item.code}@${item.version}`), item),
  };
}
