import { describe, expect, it } from "vitest";
import { matchesItem } from "./item-search";

const item = { name: "高龄津贴申领", code: "MZ-GF-001", department: "区民政局（区老龄办）" };

describe("catalog search", () => {
  it("matches by name, code or department, every word", () => {
    expect(matchesItem(item, "高龄")).toBe(true);
    expect(matchesItem(item, "mz-gf")).toBe(true);
    expect(matchesItem(item, "民政 津贴")).toBe(true);
    expect(matchesItem(item, "民政 医保")).toBe(false);
    expect(matchesItem(item, "  ")).toBe(true);
  });
});
