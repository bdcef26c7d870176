import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { meta } from "../schema";

/** Well-known meta keys. Cursors are `cursor:<name>` (see LibsqlCaseStore). */
export const META_KEYS = {
  nodeId: "node:id",
  actorId: "node:actor",
  catalogVersion: "catalog:version",
  /** The list table's row count when its planner statistics were last taken whole. */
  listStatsRows: "planner:list-rows",
} as const;

export async function getMeta(db: Db, key: string): Promise<string | null> {
  const row = await db.orm.select().from(meta).where(eq(meta.key, key)).get();
  return row?.value ?? null;
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db.orm
    .insert(meta)
    .values({ key, value })
    .onConflictDoUpdate({ target: meta.key, set: { value } });
}
