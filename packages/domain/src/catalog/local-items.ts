import type { SiteKind } from "../case/types";
import { type Check, fail, ok } from "../errors";
import { parentOf } from "../validation/division-code";

/**
 * Who may define a 事项 (DOMAIN.md §8, DESIGN.md authority table): the district owns the
 * 标准化事项清单; a street enrolled with it may add local items of its own only where the
 * district allows that street. A local item's code carries its street's 9-digit code in front
 * (`330106001-MZ-GF-001`), so it can never be a district item's code nor another street's.
 */

const LOCAL_CODE = /^(\d{9})-[A-Z]{2,4}-[A-Z]{2}-\d{3,4}$/;

/** The street whose namespace holds `code` (a local item), or null for a district item's code. */
export function localItemStreet(code: string): string | null {
  return LOCAL_CODE.exec(code)?.[1] ?? null;
}

/** The prefix every local item of `streetId` starts with. */
export function localItemPrefix(streetId: string): string {
  return `${streetId}-`;
}

/** The node that wants to save a version of an item, as it knows itself. */
export interface ItemDefiner {
  kind: SiteKind;
  /** The node's own site code. */
  siteId: string;
  /** A street enrolled with its district (the district then owns the 事项清单). */
  linked: boolean;
  /** The district lets this street define local items (its site row, as the district set it). */
  localItemsAllowed: boolean;
}

/** Whose an item is: the district's 清单 (or a standalone street's own), or a street's local item. */
export type ItemOwner = "district" | "local";

/**
 * Whether `who` may save a version of the item `code`. A district defines district items only
 * (a street's local item is that street's to maintain); a street not enrolled with a district
 * keeps its own 清单 as before; an enrolled street defines only local items in its own namespace,
 * and only while the district allows it. A local code of another street is nobody's but that
 * street's. Refusals name `field`.
 */
export function mayDefineItem(who: ItemDefiner, code: string, field = "code"): Check<ItemOwner> {
  const street = localItemStreet(code);
  if (who.kind === "station") {
    return fail({
      code: "NOT_ALLOWED",
      field,
      zh: "社区/村便民服务站不能维护事项清单",
      en: "A station does not maintain the catalog",
    });
  }
  if (street !== null && street !== who.siteId) {
    const own =
      who.kind === "center" ? `；本街道自设事项的编码须以 ${localItemPrefix(who.siteId)} 开头` : "";
    return fail({
      code: "NOT_ALLOWED",
      field,
      zh: `事项编码 ${code} 属于街道 ${street} 的自设事项，只能由该街道维护${own}`,
      en: `Item code ${code} is in street ${street}'s namespace`,
    });
  }
  if (who.kind === "district" || !who.linked) return ok(street === null ? "district" : "local");
  if (street === null) {
    const hint = who.localItemsAllowed
      ? `；本街道自设事项的编码须以 ${localItemPrefix(who.siteId)} 开头`
      : "；请联系区政务服务中心";
    return fail({
      code: "NOT_ELIGIBLE",
      field,
      zh: `事项清单由区级统一管理，街道不能修改区级事项${hint}`,
      en: `The district owns item ${code}: a street enrolled with it defines local items only`,
    });
  }
  if (!who.localItemsAllowed) {
    return fail({
      code: "NOT_ELIGIBLE",
      field,
      zh: "区级未允许本街道自设事项；请联系区政务服务中心",
      en: `The district does not allow street ${who.siteId} local items`,
    });
  }
  return ok("local");
}

/**
 * Whether a case at `siteId` may be taken under the item `code`: a district item anywhere, a
 * local item only at its own street's center and stations (another street sees it only on a
 * case transferred to it, taken where the item is the street's own).
 */
export function mayUseItemAt(siteId: string, code: string): boolean {
  const street = localItemStreet(code);
  return street === null || siteId === street || parentOf(siteId) === street;
}
