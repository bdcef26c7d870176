import type { CalendarOverrides, ServiceItem } from "@bangban/domain";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { catalogItems, users } from "../schema";
import { getMeta, setMeta } from "./meta";
import { listSites, type Site, upsertSites } from "./sites";
import { deleteUserSessions } from "./user-sessions";
import { type User, upsertUsers } from "./users";

/**
 * Reference data that flows down from the hub to a station: every catalog version (cases
 * keep the version they were taken under), the sites, the station's own users with their
 * password/PIN hashes (so sign-in works offline), and the working-day override table.
 */
export interface ReferenceData {
  sites: Site[];
  users: User[];
  catalog: {
    code: string;
    version: number;
    json: string;
    effectiveFrom: string;
    createdAt: string;
    name: string;
  }[];
  calendar: CalendarOverrides | null;
}

export async function readReference(db: Db, siteId: string): Promise<ReferenceData> {
  const [sites, siteUsers, catalog, calendar] = await Promise.all([
    listSites(db),
    db.orm.select().from(users).where(eq(users.siteId, siteId)).all(),
    db.orm.select().from(catalogItems).all(),
    getMeta(db, "calendarOverrides"),
  ]);
  return {
    sites,
    users: siteUsers,
    catalog,
    calendar: calendar ? (JSON.parse(calendar) as CalendarOverrides) : null,
  };
}

/**
 * Stores reference data received from the hub (newer versions win; nothing is deleted but
 * sessions): a user whose password, PIN or active flag changed at the hub is signed out here,
 * so a reset at the hub ends that user's sessions and old PIN everywhere at the next sync.
 */
export async function applyReference(db: Db, ref: ReferenceData): Promise<void> {
  await upsertSites(db, ref.sites);
  const before = await credentialsOf(db, ref.users);
  await upsertUsers(db, ref.users);
  const after = await credentialsOf(db, ref.users);
  const changed = [...after].filter(([id, c]) => before.has(id) && before.get(id) !== c);
  for (const [id] of changed) await deleteUserSessions(db, id);
  if (ref.catalog.length) {
    await db.orm.insert(catalogItems).values(ref.catalog).onConflictDoNothing();
  }
  if (ref.calendar) await setMeta(db, "calendarOverrides", JSON.stringify(ref.calendar));
}

/** Per user id, what signing in depends on, as one comparable string. */
async function credentialsOf(db: Db, of: readonly User[]): Promise<Map<string, string>> {
  if (!of.length) return new Map();
  const rows = await db.orm
    .select({ id: users.id, p: users.passwordHash, pin: users.pinHash, active: users.active })
    .from(users)
    .where(
      inArray(
        users.id,
        of.map((u) => u.id),
      ),
    )
    .all();
  return new Map(rows.map((r) => [r.id, JSON.stringify([r.p, r.pin, r.active])]));
}

/** The catalog items as the domain reads them. */
export function catalogOf(ref: ReferenceData): ServiceItem[] {
  return ref.catalog.map((c) => JSON.parse(c.json) as ServiceItem);
}
