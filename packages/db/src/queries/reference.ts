import type { CalendarOverrides, Role, ServiceItem } from "@bangban/domain";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { catalogItems, districtStaff, users } from "../schema";
import { TABLES_STAMP } from "./authority";
import { getMeta, setMeta } from "./meta";
import { listSites, type Site, upsertSites } from "./sites";
import { deleteUserSessions } from "./user-sessions";
import { type User, upsertUsers } from "./users";

/**
 * A member of the street's staff as every station may know them, to name who acted on a case:
 * id, name, role and site. No username, password or PIN hash, no contact details.
 */
export interface StaffEntry {
  id: string;
  displayName: string;
  role: Role;
  siteId: string;
  active: boolean;
  /** AB岗: who covers this person while away (null when none; absent from an older hub). */
  backupUserId?: string | null;
}

/**
 * Reference data that flows down from the hub to a station: every catalog version (cases
 * keep the version they were taken under), the sites, the station's own users with their
 * password/PIN hashes (so sign-in works offline), the street's staff directory (names only,
 * to show who acted at another site) and the working-day override table.
 */
export interface ReferenceData {
  sites: Site[];
  users: User[];
  /** Absent from a hub not yet upgraded: the station keeps the directory it has. */
  staff?: StaffEntry[];
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

/**
 * What `readReference` / `readDistrictReference` read: the tables (TABLES_STAMP), and the
 * calendar (one small row, compared whole).
 */
const REFERENCE_STAMP = `SELECT ${TABLES_STAMP}
  || '|' || coalesce((SELECT value FROM meta WHERE key = 'calendarOverrides'), '') AS stamp`;

/** The stamp of the reference data (`SyncHandlerDeps.referenceStamp`): one indexed read. */
export async function referenceStamp(db: Db): Promise<string> {
  const { rows } = await db.client.execute(REFERENCE_STAMP);
  return String(rows[0]?.stamp ?? "");
}

export async function readReference(db: Db, siteId: string): Promise<ReferenceData> {
  const [sites, siteUsers, staff, catalog, calendar] = await Promise.all([
    listSites(db),
    db.orm.select().from(users).where(eq(users.siteId, siteId)).all(),
    db.orm.select(STAFF_COLUMNS).from(users).orderBy(users.id).all(),
    db.orm.select().from(catalogItems).all(),
    getMeta(db, "calendarOverrides"),
  ]);
  return {
    sites,
    users: siteUsers,
    staff,
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
  if (ref.staff) await setMeta(db, STAFF_DIRECTORY, JSON.stringify(ref.staff.map(staffEntry)));
}

/** The only columns of a user that leave the hub for every station. */
const STAFF_COLUMNS = {
  id: users.id,
  displayName: users.displayName,
  role: users.role,
  siteId: users.siteId,
  active: users.active,
  backupUserId: users.backupUserId,
};

/** The staff directory is one meta row: small (a street's staff), replaced whole. */
const STAFF_DIRECTORY = "staffDirectory";

/** Keeps an entry's own fields only, whatever else a hub might send. */
function staffEntry(s: StaffEntry): StaffEntry {
  const { id, displayName, role, siteId, active } = s;
  return { id, displayName, role, siteId, active, backupUserId: s.backupUserId ?? null };
}

/** The street's staff as this station last heard from its hub (empty at a hub). */
export async function staffDirectory(db: Db): Promise<StaffEntry[]> {
  const stored = await getMeta(db, STAFF_DIRECTORY);
  return stored ? (JSON.parse(stored) as StaffEntry[]) : [];
}

/** A member of staff with their B岗 known (null: none set). */
export type StaffWithBackup = StaffEntry & { backupUserId: string | null };

/**
 * The staff with their B岗, as this node knows them ({@link knownStaff}: a station's own
 * accounts over the directory from the hub, the rest of the street). The AB rules
 * (`backupFor`, `abReassignment`) read it.
 */
export async function staffWithBackups(db: Db): Promise<StaffWithBackup[]> {
  return (await knownStaff(db)).map((s) => ({ ...s, backupUserId: s.backupUserId ?? null }));
}

/**
 * District only: every street's staff as the street reported them (`district_staff`), as
 * directory entries; empty elsewhere. Kept after a street stops reporting someone (inactive),
 * since history still names them.
 */
export async function reportedStaff(db: Db): Promise<StaffEntry[]> {
  const rows = await db.orm.select().from(districtStaff).orderBy(asc(districtStaff.userId)).all();
  return rows.map((u) => ({
    id: u.userId,
    displayName: u.displayName,
    role: u.role,
    siteId: u.siteId,
    active: u.active,
    backupUserId: null,
  }));
}

/**
 * Every member of staff this node can name, each once: the users it holds (a station: its own;
 * a hub: the street's; a district: its own admins) over the directory from above (the rest of
 * the street, or at a linked street every street's) over what the streets reported to a
 * district. Nearer wins: a node's own account is the truth about its own people.
 */
export async function knownStaff(db: Db): Promise<StaffEntry[]> {
  const [reported, directory, own] = await Promise.all([
    reportedStaff(db),
    staffDirectory(db),
    db.orm.select(STAFF_COLUMNS).from(users).orderBy(users.id).all(),
  ]);
  const byId = new Map<string, StaffEntry>();
  for (const s of [...reported, ...directory.map(staffEntry), ...own]) byId.set(s.id, s);
  return [...byId.values()];
}

/** Display names by user id, of every member of staff this node can name ({@link knownStaff}). */
export async function staffNames(db: Db): Promise<Map<string, string>> {
  return new Map((await knownStaff(db)).map((u) => [u.id, u.displayName]));
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
