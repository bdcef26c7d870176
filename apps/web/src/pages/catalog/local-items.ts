import type { CatalogList } from "../../api/types";

/**
 * Street-local 事项 on the 事项管理 screens (#16): what this node may edit, from the hub's
 * `admin.catalog.list` (the domain's `mayDefineItem` decided it there; the server refuses the
 * rest anyway, naming the field).
 */
export type CatalogEditing = CatalogList["editing"];

/**
 * The note above the catalog screens: a linked street whose district does not allow local items
 * edits nothing; one that does edits its own local items only. Null: this node owns its 清单.
 */
export function catalogNote(e: CatalogEditing | undefined): "districtOnly" | "localAllowed" | null {
  if (!e?.linked) return null;
  return e.localItemsAllowed ? "localAllowed" : "districtOnly";
}

/** What a new item's code starts as: the street's prefix where local items are its only kind. */
export function newItemCode(e: CatalogEditing | undefined): string | undefined {
  return e?.linked && e.localItemsAllowed && e.localPrefix ? e.localPrefix : undefined;
}

/**
 * Whether the editor may save: a new item where this node may add items, an existing one where
 * it may save a version of it. Unknown while the list loads: not yet.
 */
export function maySave(opts: {
  isNew: boolean;
  editing: CatalogEditing | undefined;
  entry: { editable: boolean } | undefined;
}): boolean {
  if (opts.isNew) return opts.editing?.canAdd ?? false;
  return opts.entry?.editable ?? false;
}
