import { catalogVersion, getItem, listCatalogVersions, saveCatalog } from "@bangban/db";
import { DomainError, parseServiceItem, type ServiceItem } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { ADMIN_READERS, ADMINS } from "../../roles";
import { roleProcedure } from "../../trpc";
import { type AdminContext, audit, districtOwns, refusal } from "./shared";

const code = z.string().trim().min(1, "请选择事项").max(32, "事项编码不正确");

/** An item as edited: everything but the version, which the hub assigns. */
type ItemDraft = Omit<ServiceItem, "version"> & { version?: number };
const draft = z.custom<ItemDraft>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "请提交事项内容",
);

/** Every version of every item, grouped by code, newest version last. */
async function versionsByCode(ctx: AdminContext) {
  const rows = await listCatalogVersions(ctx.services.db);
  const byCode = new Map<string, typeof rows>();
  for (const r of rows) byCode.set(r.item.code, [...(byCode.get(r.item.code) ?? []), r]);
  return [...byCode.entries()].map(([itemCode, versions]) => {
    const latest = versions[versions.length - 1]?.item;
    return {
      code: itemCode,
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
  list: roleProcedure(ADMIN_READERS).query(async ({ ctx }) => ({
    catalogVersion: await catalogVersion(ctx.services.db),
    items: await versionsByCode(ctx as AdminContext),
  })),

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
      await districtOwns(c, "item", "事项清单");
      const itemCode = typeof input.item.code === "string" ? input.item.code.trim() : "";
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
        version: item.version,
        effectiveFrom: item.effectiveFrom,
        catalogVersion: catalog,
      });
      return { item, isNew: latest === null, catalogVersion: catalog };
    }),
} satisfies TRPCRouterRecord;
