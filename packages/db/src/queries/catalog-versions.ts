import type { ServiceItem } from "@bangban/domain";
import type { Db } from "../client";

/** One stored version of an item, with when the node stored it. */
export interface CatalogVersionRow {
  item: ServiceItem;
  createdAt: string;
}

const ALL = `SELECT json, created_at FROM catalog_items
  WHERE (?1 IS NULL OR code = ?1) ORDER BY code, version`;

/** Every stored version of every item (or of one code), by code then version. */
export async function listCatalogVersions(db: Db, code?: string): Promise<CatalogVersionRow[]> {
  const { rows } = await db.client.execute({ sql: ALL, args: [code ?? null] });
  return rows.map((r) => ({
    // Stored from a validated ServiceItem (saveCatalogItems); JSON.parse itself is untyped.
    item: JSON.parse(String(r.json)) as ServiceItem,
    createdAt: String(r.created_at),
  }));
}
