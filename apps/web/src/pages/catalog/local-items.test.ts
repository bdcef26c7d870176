import { describe, expect, it } from "vitest";
import { type CatalogEditing, catalogNote, maySave, newItemCode } from "./local-items";

const own: CatalogEditing = {
  linked: false,
  localItemsAllowed: false,
  canAdd: true,
  localPrefix: null,
};
const linked: CatalogEditing = {
  linked: true,
  localItemsAllowed: false,
  canAdd: false,
  localPrefix: "330106001-",
};
const allowed: CatalogEditing = { ...linked, localItemsAllowed: true, canAdd: true };

describe("street-local 事项 on the catalog screens", () => {
  it("notes a linked street's catalog: read-only, or its own local items only", () => {
    expect(catalogNote(undefined)).toBeNull();
    expect(catalogNote(own)).toBeNull();
    expect(catalogNote(linked)).toBe("districtOnly");
    expect(catalogNote(allowed)).toBe("localAllowed");
  });

  it("starts a new item's code with the street's prefix only where local items are allowed", () => {
    expect(newItemCode(allowed)).toBe("330106001-");
    expect(newItemCode(linked)).toBeUndefined();
    expect(newItemCode(own)).toBeUndefined();
  });

  it("saves a new item where the node may add, an existing one where it is editable", () => {
    expect(maySave({ isNew: true, editing: own, entry: undefined })).toBe(true);
    expect(maySave({ isNew: true, editing: linked, entry: undefined })).toBe(false);
    expect(maySave({ isNew: true, editing: undefined, entry: undefined })).toBe(false);
    expect(maySave({ isNew: false, editing: allowed, entry: { editable: false } })).toBe(false);
    expect(maySave({ isNew: false, editing: allowed, entry: { editable: true } })).toBe(true);
    expect(maySave({ isNew: false, editing: allowed, entry: undefined })).toBe(false);
  });
});
