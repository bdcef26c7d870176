import { describe, expect, it } from "vitest";
import { itemRulesSchema } from "../case/types";
import { findItem, parseCatalog, toItemSnapshot } from "./schema";
import { seedCatalog } from "./seed-catalog";

const item = (code: string) => {
  const found = findItem(seedCatalog, code);
  if (found === undefined) throw new Error(`seed item ${code} missing`);
  return found;
};

describe("seed catalog (DOMAIN.md §9)", () => {
  it("实施清单: the twelve sample items validate against the schema", () => {
    const parsed = parseCatalog(seedCatalog);
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.items).toHaveLength(12);
    const codes = seedCatalog.items.map((i) => i.code);
    expect(new Set(codes).size).toBe(12);
  });

  it("实施清单: every item with a 容缺-able (R) material is on the 容缺清单", () => {
    for (const i of seedCatalog.items) {
      const hasR = i.guide.materials.some((m) => m.requirement === "deferrable");
      if (hasR) expect(i.deferralAllowed, i.code).toBe(true);
    }
  });

  it.each([
    // code, name, type, legal, promised, kind, approval
    ["SQ-GG-001", "居住证明", "PUBLIC_SERVICE", null, 1, "PROMISED", "STATION"],
    ["MZ-GF-001", "高龄津贴申领", "ADMIN_BENEFIT", null, 15, "ESCALATED", "DEPARTMENT"],
    ["CL-GF-001", "残疾人两项补贴", "ADMIN_BENEFIT", null, 20, "JOINT", "DEPARTMENT"],
    ["YB-GG-001", "城乡居民医保参保登记", "PUBLIC_SERVICE", null, 0, "IMMEDIATE", "CENTER"],
    ["RS-GG-001", "灵活就业社保登记", "PUBLIC_SERVICE", null, 0, "IMMEDIATE", "CENTER"],
    ["WJ-GF-001", "独生子女父母奖励", "ADMIN_BENEFIT", null, 20, "ESCALATED", "DEPARTMENT"],
    ["MZ-GF-002", "低保申请(初审)", "ADMIN_BENEFIT", 25, 25, "ESCALATED", "DEPARTMENT"],
    ["MZ-GF-003", "临时救助", "ADMIN_BENEFIT", null, 15, "PROMISED", "CENTER"],
    ["MZ-GG-002", "老年人优待证", "PUBLIC_SERVICE", null, 5, "PROMISED", "CENTER"],
    ["WJ-GG-001", "生育登记", "PUBLIC_SERVICE", null, 0, "IMMEDIATE", "CENTER"],
    ["SJ-QT-001", "门牌/经营场所证明", "OTHER_POWER", null, 3, "PROMISED", "CENTER"],
    ["SJ-BA-001", "食品摊贩登记卡", "ADMIN_FILING", null, 5, "PROMISED", "CENTER"],
  ] as const)(
    "实施清单: %s %s keeps the type, limits and approval level of §9",
    (code, name, type, legal, promised, kind, approval) => {
      const i = item(code);
      expect(i.name).toBe(name);
      expect(i.type).toBe(type);
      expect(i.stationAssist).toBe(true);
      expect(i.guide.legalDays).toBe(legal);
      expect(i.guide.promisedDays).toBe(promised);
      expect(i.kind).toBe(kind);
      expect(i.approvalLevel).toBe(approval);
      expect(i.guide.fee).toBe("不收费");
    },
  );

  it("实施清单: 即办 items (promised 0) are 即办件", () => {
    for (const i of seedCatalog.items) {
      expect(i.guide.promisedDays === 0, i.code).toBe(i.kind === "IMMEDIATE");
    }
  });

  it("实施清单: only 居住证明 may be completed at the station", () => {
    const completing = seedCatalog.items.filter((i) => i.stationMayComplete).map((i) => i.code);
    expect(completing).toEqual(["SQ-GG-001"]);
  });

  it("实施清单: 低保 has legal 25 working days, extendable to 40", () => {
    expect(item("MZ-GF-002").guide.extendable?.toLegalDays).toBe(40);
  });

  it("实施清单: 公示 is excluded from the clock for 高龄津贴 and 食品摊贩登记卡", () => {
    expect(item("MZ-GF-001").guide.publicityWorkdays).toBe(5);
    expect(item("SJ-BA-001").guide.publicityWorkdays).toBe(5);
  });

  it.each([
    ["SQ-GG-001", "ID_CARD:M PROPERTY_OR_LEASE:M SITUATION_STATEMENT:R"],
    [
      "MZ-GF-001",
      "ID_CARD:M HOUSEHOLD_REGISTER:M BANK_OR_SOCIAL_SECURITY_CARD:R PHOTO:R AGENT_ID_AND_POA:C",
    ],
    [
      "CL-GF-001",
      "ID_CARD:M DISABILITY_CERT:M HOUSEHOLD_REGISTER:M SUBSISTENCE_CERT:R BANK_CARD:R",
    ],
    ["YB-GG-001", "ID_OR_HOUSEHOLD_REGISTER:M BIRTH_MEDICAL_CERT:C"],
    ["RS-GG-001", "ID_CARD:M SOCIAL_SECURITY_CARD:R"],
    ["WJ-GF-001", "ONLY_CHILD_CERT:M ID_CARD:M HOUSEHOLD_REGISTER:M MARRIAGE_CERT:R BANK_CARD:R"],
    [
      "MZ-GF-002",
      "APPLICATION_FORM:M FAMILY_IDS_AND_HOUSEHOLD_REGISTER:M VERIFICATION_AUTHORIZATION:M INCOME_PROOF:R MEDICAL_RECORD_OR_DISABILITY_CERT:C",
    ],
    ["MZ-GF-003", "APPLICATION_FORM:M ID_CARD:M HARDSHIP_PROOF:R VERIFICATION_AUTHORIZATION:M"],
    ["MZ-GG-002", "ID_CARD:M PHOTO:R"],
    ["WJ-GG-001", "SPOUSES_ID_CARDS:M MARRIAGE_CERT:M HOUSEHOLD_REGISTER:R BIRTH_MEDICAL_CERT:C"],
    ["SJ-QT-001", "ID_CARD:M PROPERTY_OR_LEASE:M OWNER_CONSENT:R"],
    [
      "SJ-BA-001",
      "ID_CARD:M HEALTH_CERT:M FOOD_SAFETY_PLEDGE:M PRODUCTS_DESCRIPTION:M STALL_PHOTO:R",
    ],
  ])("申请材料: %s lists the materials of §9 as M/R/C", (code, expected) => {
    const letter = { mandatory: "M", deferrable: "R", conditional: "C" } as const;
    const actual = item(code)
      .guide.materials.map((m) => `${m.code}:${letter[m.requirement]}`)
      .join(" ");
    expect(actual).toBe(expected);
  });

  it("办件快照: every seed item's snapshot is accepted by the case journal's item rules", () => {
    for (const i of seedCatalog.items) {
      const result = itemRulesSchema.safeParse(toItemSnapshot(i));
      expect(result.success, i.code).toBe(true);
    }
  });
});
