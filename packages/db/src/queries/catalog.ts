import type { ItemCatalog, ServiceItem } from "@bangban/domain";
import type { InStatement } from "@libsql/client";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { catalogItems } from "../schema";
import { duplicate, isoNow } from "./errors";
import { META_KEYS } from "./meta";

const INSERT_ITEM = `INSERT INTO catalog_items (code, version, name, json, effective_from, created_at)
  VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code, version) DO NOTHING`;
const SET_VERSION = `INSERT INTO meta (key, value) VALUES ('${META_KEYS.catalogVersion}', ?)
  ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
// The newest version of each code, optionally among those in force on a day.
const LATEST = `SELECT json FROM catalog_items c
  WHERE version = (SELECT MAX(version) FROM catalog_items i
    WHERE i.code = c.code AND (?1 IS NULL OR i.effective_from <= ?1))
  ORDER BY code`;

/**
 * Stores each item under its own code and version. Versions are immutable: saving the same
 * item again changes nothing, and saving different content under a stored code and version
 * throws DomainError DUPLICATE (bump the version instead). Returns how many were new.
 */
export async function saveCatalogItems(
  db: Db,
  items: readonly ServiceItem[],
  now = isoNow(),
): Promise<{ inserted: number }> {
  return saveWith(db, items, [], now);
}

/** Stores a whole catalog — its items and its version (meta `catalog:version`) — in one transaction. */
export async function saveCatalog(
  db: Db,
  catalog: ItemCatalog,
  now = isoNow(),
): Promise<{ inserted: number }> {
  return saveWith(db, catalog.items, [{ sql: SET_VERSION, args: [String(catalog.version)] }], now);
}

/** The version of the last catalog saved with saveCatalog, 0 when none. */
export async function catalogVersion(db: Db): Promise<number> {
  const { rows } = await db.client.execute({
    sql: "SELECT value FROM meta WHERE key = ?",
    args: [META_KEYS.catalogVersion],
  });
  return Number(rows[0]?.value ?? 0);
}

/** The latest version of each item (by code), optionally of those effective on `asOf`. */
export async function latestCatalog(db: Db, opts: { asOf?: string } = {}): Promise<ServiceItem[]> {
  const { rows } = await db.client.execute({ sql: LATEST, args: [opts.asOf ?? null] });
  return rows.map((r) => parseItem(String(r.json)));
}

/** One item at a version, or its latest version when none is given. */
export async function getItem(db: Db, code: string, version?: number): Promise<ServiceItem | null> {
  const row = await db.orm
    .select({ json: catalogItems.json })
    .from(catalogItems)
    .where(
      and(
        eq(catalogItems.code, code),
        version === undefined ? undefined : eq(catalogItems.version, version),
      ),
    )
    .orderBy(desc(catalogItems.version))
    .limit(1)
    .get();
  return row ? parseItem(row.json) : null;
}

async function saveWith(
  db: Db,
  items: readonly ServiceItem[],
  extra: InStatement[],
  now: string,
): Promise<{ inserted: number }> {
  const fresh = await withoutStored(db, items);
  const stmts = itemInserts(fresh, now);
  stmts.push(...extra);
  if (stmts.length === 0) return { inserted: 0 };
  const results = await db.client.batch(stmts, "write");
  const inserted = results.slice(0, fresh.length).reduce((n, r) => n + r.rowsAffected, 0);
  return { inserted };
}

/** The items not yet stored; throws when a stored code+version holds different content. */
async function withoutStored(db: Db, items: readonly ServiceItem[]): Promise<ServiceItem[]> {
  const codes = [...new Set(items.map((i) => i.code))];
  if (codes.length === 0) return [];
  const stored = await db.orm
    .select({ code: catalogItems.code, version: catalogItems.version, json: catalogItems.json })
    .from(catalogItems)
    .where(inArray(catalogItems.code, codes));
  const byKey = new Map(stored.map((s) => [`${s.code}@${s.version}`, s.json]));
  return items.filter((item) => {
    const json = byKey.get(`${item.code}@${item.version}`);
    if (json === undefined) return true;
    if (canonical(parseItem(json)) !== canonical(item)) {
      throw duplicate(
        "version",
        `事项 ${item.code} 的第 ${item.version} 版已存在且内容不同；修改事项请提高版本号`,
        `item ${item.code} version ${item.version} is stored with different content; bump the version`,
      );
    }
    return false;
  });
}

/** The statements that store item versions (a stored code+version is left as it is). */
export function itemInserts(items: readonly ServiceItem[], now: string): InStatement[] {
  return items.map((item) => ({
    sql: INSERT_ITEM,
    args: [item.code, item.version, item.name, JSON.stringify(item), item.effectiveFrom, now],
  }));
}

export function parseItem(json: string): ServiceItem {
  // Stored from a validated ServiceItem by this module; JSON.parse itself is untyped.
  return JSON.parse(json) as ServiceItem;
}

/** JSON with object keys sorted, so equal items compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
