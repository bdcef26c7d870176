import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { type SMS_TEMPLATES, smsLog as s } from "../schema";

/** One line of 短信通知记录, as stored (the phone masked). */
export type SmsLogEntry = typeof s.$inferSelect;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

/** Where a page of the log ended: the next page starts after it. */
export interface SmsLogCursor {
  sentAt: string;
  id: string;
}

/**
 * Records a notice as sent. A notice with an id already logged is not logged again (the
 * scheduler may hand the same notice over twice); returns whether this one was new.
 */
export async function logSms(db: Db, entry: SmsLogEntry): Promise<boolean> {
  const inserted = await db.orm
    .insert(s)
    .values(entry)
    .onConflictDoNothing()
    .returning({ id: s.id });
  return inserted.length > 0;
}

function olderThan(c: SmsLogCursor): SQL {
  return or(lt(s.sentAt, c.sentAt), and(eq(s.sentAt, c.sentAt), lt(s.id, c.id))) as SQL;
}

/** The node's SMS log, the latest first, a page at a time. */
export async function listSmsLog(
  db: Db,
  opts: { limit: number; before?: SmsLogCursor },
): Promise<SmsLogEntry[]> {
  return db.orm
    .select()
    .from(s)
    .where(opts.before ? olderThan(opts.before) : undefined)
    .orderBy(desc(s.sentAt), desc(s.id))
    .limit(opts.limit);
}
