import { findItem, seedCatalog } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { emptyForm, itemToForm } from "./catalog-form";
import { catalogStart } from "./catalog-start";

const senior = findItem(seedCatalog, "MZ-GF-001");
if (!senior) throw new Error("seed catalog changed");
const today = "2026-12-05";

describe("catalogStart", () => {
  it("waits while the version being edited is unknown", () => {
    const start = { isNew: false, base: null, latest: undefined, draft: null, today };
    expect(catalogStart(start)).toBeNull();
  });

  it("starts a new item blank, dated today", () => {
    const start = catalogStart({ isNew: true, base: 0, latest: undefined, draft: null, today });
    expect(start).toEqual({ values: emptyForm(today), restored: false });
  });

  it("starts a linked street's new item with its local code prefix", () => {
    const start = catalogStart({
      isNew: true,
      base: 0,
      latest: undefined,
      draft: null,
      today,
      codePrefix: "330106001-",
    });
    expect(start?.values).toEqual({ ...emptyForm(today), code: "330106001-" });
  });

  it("starts from the latest version, taking effect no earlier than today", () => {
    const old = { ...senior, effectiveFrom: "2026-01-01" };
    const start = catalogStart({
      isNew: false,
      base: old.version,
      latest: old,
      draft: null,
      today,
    });
    expect(start?.restored).toBe(false);
    expect(start?.values).toEqual({ ...itemToForm(old), effectiveFrom: today });
    const later = { ...senior, effectiveFrom: "2027-01-01" };
    const next = catalogStart({ isNew: false, base: 1, latest: later, draft: null, today });
    expect(next?.values.effectiveFrom).toBe("2027-01-01");
  });

  it("brings back this tab's draft of the same version", () => {
    const draft = { base: senior.version, values: { ...itemToForm(senior), name: "改过的名称" } };
    const start = catalogStart({
      isNew: false,
      base: senior.version,
      latest: senior,
      draft,
      today,
    });
    expect(start).toEqual({ values: draft.values, restored: true });
  });

  it("drops a draft begun on an older version: someone saved since", () => {
    const draft = { base: senior.version - 1, values: { ...itemToForm(senior), name: "旧草稿" } };
    const start = catalogStart({
      isNew: false,
      base: senior.version,
      latest: senior,
      draft,
      today,
    });
    expect(start?.restored).toBe(false);
    expect(start?.values.name).toBe(senior.name);
  });
});
