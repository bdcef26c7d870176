import type { ServiceItem } from "@bangban/domain";
import { type CatalogForm, emptyForm, itemToForm, nextEffectiveFrom } from "./catalog-form";

/** What is kept of an unsaved edit on this tab: the version it started from, and the values. */
export interface CatalogDraft {
  base: number;
  values: CatalogForm;
}

/**
 * What the editor starts from: the tab's draft when it was begun on the same version (else a
 * draft of an older version would overwrite someone's newer save), otherwise the latest
 * version dated no earlier than today, or a blank item. Null while the latest is not loaded.
 */
export function catalogStart(opts: {
  isNew: boolean;
  /** The version being edited (0 for a new item); null while unknown. */
  base: number | null;
  latest: ServiceItem | undefined;
  draft: CatalogDraft | null;
  today: string;
  /** A new item's code starts with it (a linked street's local items: `newItemCode`). */
  codePrefix?: string | undefined;
}): { values: CatalogForm; restored: boolean } | null {
  const { base, draft } = opts;
  if (base === null) return null;
  if (draft && draft.base === base) return { values: draft.values, restored: true };
  if (opts.isNew) {
    const values = emptyForm(opts.today);
    return {
      values: opts.codePrefix ? { ...values, code: opts.codePrefix } : values,
      restored: false,
    };
  }
  if (!opts.latest) return null;
  return {
    values: {
      ...itemToForm(opts.latest),
      effectiveFrom: nextEffectiveFrom(opts.latest.effectiveFrom, opts.today),
    },
    restored: false,
  };
}
