import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";
import { duplicate, isoNow, isUniqueViolation } from "./errors";

/** A staff account as stored. `passwordHash`/`pinHash` never leave the server. */
export type User = typeof users.$inferSelect;

export type NewUser = Pick<
  User,
  "id" | "siteId" | "username" | "displayName" | "role" | "passwordHash"
> &
  Partial<Pick<User, "pinHash" | "active" | "backupUserId">>;

export type UserPatch = Partial<
  Pick<
    User,
    "siteId" | "displayName" | "role" | "passwordHash" | "pinHash" | "active" | "backupUserId"
  >
>;

/** Creates a user at version 1. Throws DomainError DUPLICATE when the username is taken. */
export async function createUser(db: Db, input: NewUser, now = isoNow()): Promise<User> {
  try {
    const [row] = await db.orm
      .insert(users)
      .values({
        ...input,
        pinHash: input.pinHash ?? null,
        active: input.active ?? true,
        backupUserId: input.backupUserId ?? null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  } catch (e) {
    if (isUniqueViolation(e, "users.username")) {
      throw duplicate(
        "username",
        `用户名 ${input.username} 已被使用`,
        `username ${input.username} is taken`,
      );
    }
    if (isUniqueViolation(e, "users.id")) {
      throw duplicate("id", `用户 ${input.id} 已存在`, `user ${input.id} exists`);
    }
    throw e;
  }
}

export async function findUserByUsername(db: Db, username: string): Promise<User | null> {
  return (await db.orm.select().from(users).where(eq(users.username, username)).get()) ?? null;
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  return (await db.orm.select().from(users).where(eq(users.id, id)).get()) ?? null;
}

/** Users ordered by username, optionally of one site. */
export async function listUsers(db: Db, siteId?: string): Promise<User[]> {
  return db.orm
    .select()
    .from(users)
    .where(siteId === undefined ? undefined : eq(users.siteId, siteId))
    .orderBy(asc(users.username));
}

/**
 * Applies `patch` and bumps the version. With `expectedVersion`, only a user still at that
 * version is changed (optimistic concurrency). Returns null when no user matched.
 */
export async function updateUser(
  db: Db,
  id: string,
  patch: UserPatch,
  opts: { expectedVersion?: number; now?: string } = {},
): Promise<User | null> {
  const [row] = await db.orm
    .update(users)
    .set({ ...patch, updatedAt: opts.now ?? isoNow(), version: sql`${users.version} + 1` })
    .where(
      and(
        eq(users.id, id),
        opts.expectedVersion === undefined ? undefined : eq(users.version, opts.expectedVersion),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Stores users received from the hub, as they are (versions included), replacing a stored
 * copy only when the incoming version is newer. One transaction.
 */
export async function upsertUsers(db: Db, rows: readonly User[]): Promise<void> {
  const [first, ...rest] = rows.map((u) =>
    db.orm
      .insert(users)
      .values(u)
      .onConflictDoUpdate({
        target: users.id,
        set: {
          siteId: u.siteId,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          passwordHash: u.passwordHash,
          pinHash: u.pinHash,
          active: u.active,
          backupUserId: u.backupUserId ?? null,
          createdAt: u.createdAt,
          updatedAt: u.updatedAt,
          version: u.version,
        },
        setWhere: sql`excluded.version > ${users.version}`,
      }),
  );
  if (first) await db.orm.batch([first, ...rest]);
}
