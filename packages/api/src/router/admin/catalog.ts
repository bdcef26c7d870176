import {
  catalogVersion,
  districtLink,
  getItem,
  getSite,
  listCatalogVersions,
  saveCatalog,
} from "@bangban/db";
import {
  DomainError,
  type ItemDefiner,
  localItemPrefix,
  localItemStreet,
  mayDefineItem,
  parseServiceItem,
  type ServiceItem,
} from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { ADMIN_READERS, ADMINS } from "../../roles";
import { roleProcedure } from "../../trpc";
import { type AdminContext, audit, refusal } from "./shared";

const code = z.string().trim().min(1, "请选择事项").max(32, "事项编码不正确");

/** An item as edited: everything but the version, which the hub assigns. */
type ItemDraft = Omit<ServiceItem, "version"> & { version?: number };
const draft = z.custom<ItemDraft>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "请提交事项内容",
);

/**
 * This node as the one saving items (domain `mayDefineItem`): a street enrolled with its
 * district, and whether the district allows it local items (its site row, sent down by the
 * district with the site tree).
 */
async function definer(ctx: AdminContext): Promise<ItemDefiner> {
  const { id, kind } = ctx.services.site;
  const [link, row] = await Promise.all([
    kind === "center" ? districtLink(ctx.services.db) : null,
    getSite(ctx.services.db, id),
  ]);
  return { kind, siteId: id, linked: link !== null, localItemsAllowed: row?.localItems ?? false };
}

/**
 * What this node may do in 事项管理: add items at all (a linked street only where allowed),
 * and the prefix of its local items' codes (a linked street).
 */
function editing(who: ItemDefiner) {
  const localPrefix = who.kind === "center" && who.linked ? localItemPrefix(who.siteId) : null;
  return {
    linked: who.linked,
    localItemsAllowed: who.localItemsAllowed,
    canAdd: who.kind !== "station" && (!who.linked || who.localItemsAllowed),
    localPrefix,
  };
}

/** Every version of every item, grouped by code, newest version last. */
async function versionsByCode(ctx: AdminContext, who: ItemDefiner) {
  const rows = await listCatalogVersions(ctx.services.db);
  const byCode = new Map<string, typeof rows>();
  for (const r of rows) byCode.set(r.item.code, [...(byCode.get(r.item.code) ?? []), r]);
  return [...byCode.entries()].map(([itemCode, versions]) => {
    const latest = versions[versions.length - 1]?.item;
    return {
      code: itemCode,
      /** The street whose local item this is, or null for a district item. */
      localStreet: localItemStreet(itemCode),
      /** Whether this node may save a new version of it. */
      editable: mayDefineItem(who, itemCode).ok,
      name: latest?.name ?? itemCode,
      latestVersion: latest?.version ?? 0,
      versions: versions.map((v) => ({
        version: v.item.version,
        name: v.item.name,
        effectiveFrom: v.item.effectiveFrom,
        storedAt: v.createdAt,
      })),
    };
  });
}

/** The draft validated as the next version, with errors naming the field under `item.`. */
function validated(input: ItemDraft, version: number): ServiceItem {
  const { version: _ignored, ...rest } = input;
  const r = parseServiceItem({ ...rest, version });
  if (r.ok) return r.value;
  const e = r.error;
  throw new DomainError({ code: e.code, field: `item.${e.field}`, zh: e.zh, en: e.en });
}

/**
 * 实施清单 maintenance (hub). An edit never changes a stored version: it saves the next one
 * (latest + 1) with its own effective date, and cases keep the version they were taken under.
 */
export const adminCatalogRouter = {
  list: roleProcedure(ADMIN_READERS).query(async ({ ctx }) => {
    const who = await definer(ctx as AdminContext);
    return {
      catalogVersion: await catalogVersion(ctx.services.db),
      editing: editing(who),
      items: await versionsByCode(ctx as AdminContext, who),
    };
  }),

  /** One item at a version (an old one too), or its latest. */
  get: roleProcedure(ADMIN_READERS)
    .input(z.object({ code, version: z.number().int().min(1).optional() }))
    .query(async ({ ctx, input }) => {
      const item = await getItem(ctx.services.db, input.code, input.version);
      if (!item)
        throw refusal("NOT_ELIGIBLE", "code", "事项或版本不存在", "No such item or version");
      return item;
    }),

  /**
   * Saves an item as a new version. `expectedVersion` is the version the editor started
   * from (0 for a new item): if someone saved another version meanwhile, nothing is written.
   */
  saveItem: roleProcedure(ADMINS)
    .input(z.object({ item: draft, expectedVersion: z.number().int().min(0).optional() }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      const itemCode = typeof input.item.code === "string" ? input.item.code.trim() : "";
      // The district owns its 清单; a linked street saves only its own local items, if allowed.
      const may = mayDefineItem(await definer(c), itemCode, "item.code");
      if (!may.ok) throw may.error;
      const latest = itemCode ? await getItem(c.services.db, itemCode) : null;
      const current = latest?.version ?? 0;
      if (input.expectedVersion !== undefined && input.expectedVersion !== current) {
        throw refusal(
          "NOT_ELIGIBLE",
          "expectedVersion",
          `该事项已有第 ${current} 版，请刷新后在最新版本上修改`,
          `The item is at version ${current} now; reload and edit the latest`,
        );
      }
      const item = validated({ ...input.item, code: itemCode }, current + 1);
      if (latest && item.effectiveFrom < latest.effectiveFrom) {
        throw refusal(
          "OUT_OF_RANGE",
          "item.effectiveFrom",
          `新版本的生效日期不能早于第 ${latest.version} 版的生效日期（${latest.effectiveFrom}）`,
          `effectiveFrom must not precede version ${latest.version}'s (${latest.effectiveFrom})`,
        );
      }
      const catalog = (await catalogVersion(c.services.db)) + 1;
      await saveCatalog(
        c.services.db,
        { version: catalog, items: [item] },
        c.services.clock().toISOString(),
      );
      await audit(c, "catalog.save", {
        code: item.code,
        local: may.value === "local",
        version: item.version,
        effectiveFrom: item.effectiveFrom,
        catalogVersion: catalog,
      });
      return { item, isNew: latest === null, catalogVersion: catalog };
    }),
} satisfies TRPCRouterRecord;
