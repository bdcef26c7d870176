import { describe, expect, it } from "vitest";
import { itemRulesSchema } from "../case/types";
import { findItem, parseServiceItem, toItemSnapshot } from "../catalog/schema";
import { seedCatalog } from "../catalog/seed-catalog";
import { computeCheckChar } from "../validation/id-number";
import { ageOn, checkEligibility, describeCondition } from "./eligibility";

/** A valid ID number for an address code and a birth date `YYYYMMDD`. */
const idOf = (address: string, birth: string) => {
  const first17 = `${address}${birth}001`;
  return first17 + computeCheckChar(first17);
};

const allowance = findItem(seedCatalog, "MZ-GF-001");
if (!allowance) throw new Error("seed catalog lacks MZ-GF-001");
const INTAKE_DAY = "2026-11-23";

describe("ageOn", () => {
  it("counts full years, the birthday itself included", () => {
    expect(ageOn("1946-11-23", INTAKE_DAY)).toBe(80);
    expect(ageOn("1946-11-24", INTAKE_DAY)).toBe(79);
    expect(ageOn("1970-01-01", INTAKE_DAY)).toBe(56);
  });

  it("a 29 February birthday counts from 1 March in a common year", () => {
    expect(ageOn("1944-02-29", "2024-02-29")).toBe(80);
    expect(ageOn("1944-02-29", "2025-02-28")).toBe(80);
    expect(ageOn("1945-02-28", "2025-02-28")).toBe(80);
    expect(ageOn("1944-02-29", "2025-03-01")).toBe(81);
  });
});

describe("checkEligibility (高龄津贴: 年满80周岁, 本区户籍)", () => {
  it("refuses a 56-year-old, naming the ID field, in Chinese and English", () => {
    const r = checkEligibility(allowance, { idNumber: idOf("330106", "19700101") }, INTAKE_DAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("NOT_ELIGIBLE");
    expect(r.error.field).toBe("applicant.idNumber");
    expect(r.error.zh).toContain("现年 56 周岁");
    expect(r.error.zh).toContain("年满 80 周岁");
    expect(r.error.en).toContain("56");
  });

  it("accepts on the 80th birthday, not the day before", () => {
    const id = { idNumber: idOf("330106", "19461123") };
    expect(checkEligibility(allowance, id, INTAKE_DAY).ok).toBe(true);
    expect(checkEligibility(allowance, id, "2026-11-22").ok).toBe(false);
  });

  it("refuses an ID issued outside the district unless the 户口簿 was checked", () => {
    const id = { idNumber: idOf("110105", "19400101") };
    const r = checkEligibility(allowance, id, INTAKE_DAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.zh).toContain("110105");
    expect(checkEligibility(allowance, id, INTAKE_DAY, { householdVerified: true }).ok).toBe(true);
  });

  it("the 户口簿 check never lifts an age condition", () => {
    const id = { idNumber: idOf("110105", "19700101") };
    expect(checkEligibility(allowance, id, INTAKE_DAY, { householdVerified: true }).ok).toBe(false);
  });

  it("refuses an invalid ID number as the ID parser does", () => {
    const r = checkEligibility(allowance, { idNumber: "330106194001010010" }, INTAKE_DAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("INVALID_CHECKSUM");
  });

  it("an item without conditions accepts anyone (even before the ID is checked)", () => {
    expect(checkEligibility({ name: "x" }, { idNumber: "" }, INTAKE_DAY).ok).toBe(true);
  });

  it("max_age refuses above the limit", () => {
    const item = { name: "测试", eligibility: [{ kind: "max_age" as const, years: 17 }] };
    expect(checkEligibility(item, { idNumber: idOf("330106", "20081124") }, INTAKE_DAY).ok).toBe(
      true,
    );
    expect(checkEligibility(item, { idNumber: idOf("330106", "20081123") }, INTAKE_DAY).ok).toBe(
      false,
    );
  });
});

describe("conditions in the catalog", () => {
  it("are described in words", () => {
    expect(allowance.eligibility?.map((c) => describeCondition(c).zh)).toEqual([
      "年满 80 周岁",
      "户籍在本区（西湖区）（身份证号码前 6 位为 330106）",
    ]);
  });

  it("are validated: a minimum above the maximum, a repeated kind, a bad division", () => {
    const withConditions = (eligibility: unknown) =>
      parseServiceItem({ ...allowance, eligibility });
    const inverted = withConditions([
      { kind: "min_age", years: 80 },
      { kind: "max_age", years: 60 },
    ]);
    expect(inverted.ok).toBe(false);
    if (!inverted.ok) expect(inverted.error.field).toBe("eligibility.1.years");
    const twice = withConditions([
      { kind: "min_age", years: 80 },
      { kind: "min_age", years: 70 },
    ]);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe("DUPLICATE");
    const badDivision = withConditions([{ kind: "residence_in", division: "33010", name: "x" }]);
    expect(badDivision.ok).toBe(false);
    if (!badDivision.ok) expect(badDivision.error.field).toBe("eligibility.0.division");
  });

  it("travel in the item snapshot only when the item has some", () => {
    const snap = toItemSnapshot(allowance);
    expect(snap.eligibility).toEqual(allowance.eligibility);
    expect(itemRulesSchema.parse(snap)).toEqual(snap);
    const plain = findItem(seedCatalog, "SQ-GG-001");
    expect(plain && "eligibility" in toItemSnapshot(plain)).toBe(false);
  });
});
