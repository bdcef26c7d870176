import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { sessions } from "../schema";

/** Ends every session of a user (after a password reset or deactivation). Returns how many. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const r = await db.orm.delete(sessions).where(eq(sessions.userId, userId)).returning();
  return r.length;
}
