import { findItem, seedCatalog } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import {
  type CatalogForm,
  draftProblem,
  emptyForm,
  formFieldOf,
  formToItem,
  itemToForm,
} from "./catalog-form";

const senior = findItem(seedCatalog, "MZ-GF-001");
if (!senior) throw new Error("seed catalog changed");

describe("the catalog editor", () => {
  it("gives back the stored item, but for its version, when nothing was changed", () => {
    const { version: _v, ...rest } = senior;
    expect(formToItem(itemToForm(senior))).toEqual(rest);
    expect(draftProblem(itemToForm(senior))).toBeNull();
  });

  it("keeps every item of the sample catalog intact through the editor", () => {
    for (const item of seedCatalog.items) {
      const { version: _v, ...rest } = item;
      expect(formToItem(itemToForm(item)), item.code).toEqual(rest);
    }
  });

  it("trims what was typed and leaves out blank lines and switched-off parts", () => {
    const f: CatalogForm = itemToForm(senior);
    f.name = "  高龄津贴申领（新）  ";
    f.code = " mz-gf-001 ";
    f.guide = {
      ...f.guide,
      acceptanceConditions: [" 具有本区户籍 ", "", undefined],
      noLegalLimit: true,
      legalDays: 20,
      hasPublicity: false,
      publicityWorkdays: 5,
      hasExtension: false,
    };
    const item = formToItem(f);
    expect(item.name).toBe("高龄津贴申领（新）");
    expect(item.code).toBe("MZ-GF-001");
    expect(item.guide.acceptanceConditions).toEqual(["具有本区户籍"]);
    expect(item.guide.legalDays).toBeNull();
    expect("publicityWorkdays" in item.guide).toBe(false);
    expect("extendable" in item.guide).toBe(false);
  });

  it("drops a condition from a material that is no longer conditional", () => {
    const f = itemToForm(senior);
    const m = f.guide?.materials?.find((x) => x.code === "AGENT_ID_AND_POA");
    if (!m) throw new Error("material missing");
    m.requirement = "mandatory";
    const saved = formToItem(f).guide.materials.find((x) => x.code === "AGENT_ID_AND_POA");
    expect(saved?.condition).toBeUndefined();
  });

  it("finds what the catalog's rules refuse and names the field", () => {
    const f = itemToForm(senior);
    f.guide = { ...f.guide, noLegalLimit: false, legalDays: 10, promisedDays: 15 };
    expect(draftProblem(f)?.field).toBe("guide.promisedDays");
    const blank = emptyForm("2026-12-01");
    const p = draftProblem(blank);
    expect(p?.field).toBe("code");
    expect(p?.zh).toMatch(/事项编码/);
  });

  it("needs a conditional material's condition", () => {
    const f = itemToForm(senior);
    const m = f.guide?.materials?.find((x) => x.code === "AGENT_ID_AND_POA");
    if (m) m.condition = "  ";
    expect(draftProblem(f)?.field).toBe("guide.materials.4.condition");
  });

  it("places the server's complaint on the editor's field", () => {
    expect(formFieldOf("item.guide.materials.0.code")).toEqual(["guide", "materials", 0, "code"]);
    expect(formFieldOf("item.effectiveFrom")).toEqual(["effectiveFrom"]);
    expect(formFieldOf("guide.extendable.toLegalDays")).toEqual([
      "guide",
      "extendable",
      "toLegalDays",
    ]);
    expect(formFieldOf("expectedVersion")).toBeNull();
  });
});

describe("messages beside the editor's fields", () => {
  it("drop a leading technical path", async () => {
    const { fieldMessage } = await import("./catalog-form");
    expect(fieldMessage("guide.promisedDays 承诺时限不得超过法定时限")).toBe(
      "承诺时限不得超过法定时限",
    );
    expect(fieldMessage("code：事项编码格式应为 部门-类型-序号")).toBe(
      "事项编码格式应为 部门-类型-序号",
    );
    expect(fieldMessage("请填写事项名称")).toBe("请填写事项名称");
    expect(
      fieldMessage(
        "guide.promisedDays 承诺时限（15 个工作日）不得超过法定时限 guide.legalDays（3 个工作日）",
      ),
    ).toBe("承诺时限（15 个工作日）不得超过法定时限（3 个工作日）");
  });
});

describe("a new version's effective date", () => {
  it("starts today, never before the latest version's", async () => {
    const { nextEffectiveFrom } = await import("./catalog-form");
    expect(nextEffectiveFrom("2026-01-01", "2026-11-23")).toBe("2026-11-23");
    expect(nextEffectiveFrom("2027-01-01", "2026-11-23")).toBe("2027-01-01");
    expect(nextEffectiveFrom(undefined, "2026-11-23")).toBe("2026-11-23");
  });
});

describe("the editor's 受理条件 and 代办 materials", () => {
  it("saves blank condition fields as no conditions, and filled ones in a fixed order", () => {
    const f = itemToForm(senior);
    expect(formToItem({ ...f, eligibility: {} }).eligibility).toBeUndefined();
    expect(
      formToItem({
        ...f,
        eligibility: { maxAge: 70, residenceDivision: "3301", residenceName: "杭州市", minAge: 60 },
      }).eligibility,
    ).toEqual([
      { kind: "min_age", years: 60 },
      { kind: "max_age", years: 70 },
      { kind: "residence_in", division: "3301", name: "杭州市" },
    ]);
  });

  it("names a condition's complaint on its own field", () => {
    expect(formFieldOf("item.eligibility.1.years")).toEqual(["eligibility", "maxAge"]);
    expect(formFieldOf("eligibility.0.division")).toEqual(["eligibility", "residenceDivision"]);
  });

  it("代办时必交 is kept only on a conditional material", () => {
    const f = itemToForm(senior);
    const materials = (f.guide?.materials ?? []).map((m) => ({ ...m, neededForProxy: true }));
    const saved = formToItem({ ...f, guide: { ...f.guide, materials } }).guide.materials;
    for (const m of saved) expect(m.neededFor === "proxy").toBe(m.requirement === "conditional");
  });
});
