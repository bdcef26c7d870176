import { type ServiceItem, seedCatalog } from "@bangban/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing";
import { catalogVersion, getItem, latestCatalog, saveCatalog, saveCatalogItems } from "./catalog";

const first = seedCatalog.items[0] as ServiceItem;
const v2: ServiceItem = {
  ...first,
  version: first.version + 1,
  name: `${first.name}（修订）`,
  effectiveFrom: "2027-01-01",
};

describe("catalog storage", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("round-trips a catalog and its version", async () => {
    expect(await saveCatalog(t.db, seedCatalog)).toEqual({ inserted: seedCatalog.items.length });
    expect(await catalogVersion(t.db)).toBe(seedCatalog.version);
    const byCode = (items: ServiceItem[]) =>
      [...items].sort((a, b) => a.code.localeCompare(b.code));
    expect(await latestCatalog(t.db)).toEqual(byCode(seedCatalog.items));
  });

  it("keeps every version: latest by default, any one on request, by date with asOf", async () => {
    await saveCatalogItems(t.db, [first]);
    await saveCatalogItems(t.db, [v2]);
    expect(await getItem(t.db, first.code)).toEqual(v2);
    expect(await getItem(t.db, first.code, first.version)).toEqual(first);
    expect(await getItem(t.db, first.code, 99)).toBeNull();
    expect(await latestCatalog(t.db)).toEqual([v2]);
    expect(await latestCatalog(t.db, { asOf: "2026-12-31" })).toEqual([first]);
  });

  it("is idempotent, and refuses changed content under a stored version", async () => {
    await saveCatalogItems(t.db, [first, v2]);
    expect(await saveCatalogItems(t.db, [first, v2])).toEqual({ inserted: 0 });
    await expect(saveCatalogItems(t.db, [{ ...first, name: "改了名字" }])).rejects.toMatchObject({
      code: "DUPLICATE",
      field: "version",
    });
  });
});
