import { type Role, SITE_KIND_OF_ROLE, STAFF_ROLES, type StaffRole } from "@bangban/domain";

export { STAFF_ROLES, type StaffRole };

/** Sites a post may be given: those of the kind it works at. */
export function sitesForRole<S extends { kind: string }>(sites: readonly S[], role?: string): S[] {
  const kind = role ? SITE_KIND_OF_ROLE[role as StaffRole] : undefined;
  return kind ? sites.filter((s) => s.kind === kind) : [...sites];
}

/** The roles an administrator may grant: only a district administrator grants that post. */
export function grantableRoles(me: Role): StaffRole[] {
  return STAFF_ROLES.filter((r) => r !== "district_admin" || me === "district_admin");
}

export interface NewUserValues {
  username?: string;
  displayName?: string;
  role?: StaffRole;
  siteId?: string;
  password?: string;
  pin?: string;
  /** AB岗; blank for none. */
  backupUserId?: string;
}

/** What admin.users.create receives: names trimmed, the user name in lower case, no blank PIN. */
export function createInputOf(v: NewUserValues) {
  return {
    username: (v.username ?? "").trim().toLowerCase(),
    displayName: (v.displayName ?? "").trim(),
    role: v.role as StaffRole,
    siteId: v.siteId ?? "",
    password: v.password ?? "",
    ...(v.pin?.trim() ? { pin: v.pin.trim() } : {}),
    ...(v.backupUserId ? { backupUserId: v.backupUserId } : {}),
  };
}

export interface EditUserValues {
  displayName?: string;
  role?: StaffRole;
  siteId?: string;
  active?: boolean;
  /** AB岗; blank for none. */
  backupUserId?: string;
}

/**
 * The accounts that may be `user`'s B岗 (the hub checks the same): active, of the site the
 * account is at (or is being moved to), never the account itself.
 */
export function backupChoices<U extends { id: string; siteId: string; active: boolean }>(
  users: readonly U[],
  user: { id?: string; siteId?: string },
): U[] {
  return users.filter((u) => u.active && u.siteId === user.siteId && u.id !== user.id);
}

/** The edit dialog's start: the account as it stands. */
export function editValuesOf(u: {
  displayName: string;
  role: string;
  siteId: string;
  active: boolean;
  backupUserId?: string | null;
}): EditUserValues {
  return {
    backupUserId: u.backupUserId ?? undefined,
    displayName: u.displayName,
    // Only staff posts are listed by admin.users.list; an unknown one shows as blank, to choose.
    role: (STAFF_ROLES as readonly string[]).includes(u.role) ? (u.role as StaffRole) : undefined,
    siteId: u.siteId,
    active: u.active,
  };
}

/** Only what changed goes to admin.users.update (with the version the editor started from). */
export function updateInputOf(
  before: {
    id: string;
    displayName: string;
    role: string;
    siteId: string;
    active: boolean;
    version: number;
    backupUserId?: string | null;
  },
  v: EditUserValues,
) {
  const name = v.displayName?.trim();
  // A cleared select leaves the field undefined: that is "no B岗" (null), not "unchanged".
  const backup = v.backupUserId || null;
  return {
    id: before.id,
    expectedVersion: before.version,
    ...(name !== undefined && name !== before.displayName ? { displayName: name } : {}),
    ...(v.role !== undefined && v.role !== before.role ? { role: v.role } : {}),
    ...(v.siteId !== undefined && v.siteId !== before.siteId ? { siteId: v.siteId } : {}),
    ...(v.active !== undefined && v.active !== before.active ? { active: v.active } : {}),
    ...(backup !== (before.backupUserId ?? null) ? { backupUserId: backup } : {}),
  };
}

/** A user name the hub accepts: 3–32 lower-case letters, digits, _ . -, starting with a letter. */
export function usernameValid(v: string | undefined): boolean {
  return /^[a-z][a-z0-9_.-]{2,31}$/.test((v ?? "").trim().toLowerCase());
}
