import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { attachments } from "../schema";

/** Metadata of a content-addressed attachment. */
export type Attachment = typeof attachments.$inferSelect;
/** What a put records (`syncedAt` unset: a station's own upload, still to push). */
export type NewAttachment = Omit<Attachment, "syncedAt"> & { syncedAt?: string | null };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Records an attachment's metadata. Idempotent by hash: the first record of a content wins
 * and later puts of the same hash change nothing. `created` says whether this put stored it.
 */
export async function putAttachment(db: Db, a: NewAttachment): Promise<{ created: boolean }> {
  if (!SHA256_HEX.test(a.hash)) {
    throw new TypeError(
      `attachment.hash: expected sha256 as 64 lowercase hex digits, got ${a.hash}`,
    );
  }
  if (!Number.isSafeInteger(a.size) || a.size < 0) {
    throw new TypeError(`attachment.size: expected a byte count, got ${a.size}`);
  }
  const r = await db.orm.insert(attachments).values(a).onConflictDoNothing();
  return { created: r.rowsAffected > 0 };
}

export async function getAttachment(db: Db, hash: string): Promise<Attachment | null> {
  return (await db.orm.select().from(attachments).where(eq(attachments.hash, hash)).get()) ?? null;
}
