import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../client";
import { sessions } from "../schema";

/** Ends every session of a user (after a password reset or deactivation). Returns how many. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const r = await db.orm.delete(sessions).where(eq(sessions.userId, userId)).returning();
  return r.length;
}

/** Ends a user's sessions but the one given (the user changed their own password in it). */
export async function deleteOtherSessions(
  db: Db,
  userId: string,
  keepTokenHash: string,
): Promise<number> {
  const r = await db.orm
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)))
    .returning();
  return r.length;
}
