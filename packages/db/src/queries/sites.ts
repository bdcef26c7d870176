import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { sites } from "../schema";

/** A site of the hierarchy; `id` is its division code. */
export type Site = typeof sites.$inferSelect;

/** A site as stored or received: `localItems` is absent from an older district (kept as is). */
export type SiteInput = Omit<Site, "localItems"> & { localItems?: boolean };

/**
 * Stores sites (from the hub, or the hub's own admin), replacing a stored copy when the
 * incoming version is the same or newer — so a replay is harmless and an older copy never
 * overwrites a newer one. One transaction.
 */
export async function upsertSites(db: Db, rows: readonly SiteInput[]): Promise<void> {
  const [first, ...rest] = rows.map((s) =>
    db.orm
      .insert(sites)
      .values(s)
      .onConflictDoUpdate({
        target: sites.id,
        set: {
          name: s.name,
          kind: s.kind,
          parentId: s.parentId,
          divisionCode: s.divisionCode,
          address: s.address,
          phone: s.phone,
          version: s.version,
          updatedAt: s.updatedAt,
          // Absent from an older district's reference: the street keeps what it has.
          ...(s.localItems === undefined ? {} : { localItems: s.localItems }),
        },
        setWhere: sql`excluded.version >= ${sites.version}`,
      }),
  );
  if (first) await db.orm.batch([first, ...rest]);
}

/** Sites ordered by id, optionally the children of one site and/or of one kind. */
export async function listSites(
  db: Db,
  opts: { parentId?: string; kind?: Site["kind"] } = {},
): Promise<Site[]> {
  return db.orm
    .select()
    .from(sites)
    .where(
      and(
        opts.parentId === undefined ? undefined : eq(sites.parentId, opts.parentId),
        opts.kind === undefined ? undefined : eq(sites.kind, opts.kind),
      ),
    )
    .orderBy(asc(sites.id));
}

export async function getSite(db: Db, id: string): Promise<Site | null> {
  return (await db.orm.select().from(sites).where(eq(sites.id, id)).get()) ?? null;
}

/**
 * The district lets a street define local catalog items, or stops it (DESIGN.md authority
 * table). The site's version moves, so the street's copy takes it with the next reference.
 * Returns the site as stored, or null when there is no such site.
 */
export async function setLocalItems(
  db: Db,
  siteId: string,
  allowed: boolean,
  now: string,
): Promise<Site | null> {
  const row = await db.orm
    .update(sites)
    .set({ localItems: allowed, version: sql`${sites.version} + 1`, updatedAt: now })
    .where(eq(sites.id, siteId))
    .returning()
    .get();
  return row ?? null;
}
