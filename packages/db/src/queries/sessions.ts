import { and, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, users } from "../schema";
import { isoNow } from "./errors";
import type { User } from "./users";

/** A login session; instants are ISO UTC (`toISOString()`), compared as text. */
export type Session = typeof sessions.$inferSelect;

export interface SessionWithUser {
  session: Session;
  user: User;
}

export async function createSession(
  db: Db,
  tokenHash: string,
  userId: string,
  siteId: string,
  expiresAt: string,
  now = isoNow(),
): Promise<Session> {
  const [row] = await db.orm
    .insert(sessions)
    .values({ tokenHash, userId, siteId, createdAt: now, expiresAt, lastSeenAt: now })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** The live session with this token hash and its user; null when unknown or expired at `now`. */
export async function findSession(
  db: Db,
  tokenHash: string,
  now = isoNow(),
): Promise<SessionWithUser | null> {
  const row = await db.orm
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .get();
  return row ?? null;
}

/** Records activity (and, for sliding sessions, a new expiry). False when no such session. */
export async function touchSession(
  db: Db,
  tokenHash: string,
  now = isoNow(),
  expiresAt?: string,
): Promise<boolean> {
  const r = await db.orm
    .update(sessions)
    .set({ lastSeenAt: now, ...(expiresAt === undefined ? {} : { expiresAt }) })
    .where(eq(sessions.tokenHash, tokenHash));
  return r.rowsAffected > 0;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<boolean> {
  const r = await db.orm.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  return r.rowsAffected > 0;
}

/** Removes sessions expired at `now`; returns how many. */
export async function deleteExpired(db: Db, now: string): Promise<number> {
  const r = await db.orm.delete(sessions).where(lte(sessions.expiresAt, now));
  return r.rowsAffected;
}

/**
 * Locks a session now (the web app's lock screen): idleness is measured from `lastSeenAt`,
 * so a session last seen at the epoch is idle past any limit until the resume touches it.
 */
export async function lockSession(db: Db, tokenHash: string): Promise<boolean> {
  return touchSession(db, tokenHash, new Date(0).toISOString());
}
