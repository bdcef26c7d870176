import { describe, expect, it } from "vitest";
import type { Check } from "../errors";
import {
  approvalLevelLabels,
  approvalLevelSchema,
  caseKindLabels,
  caseKindSchema,
  type ItemCatalog,
  itemTypeLabels,
  itemTypeSchema,
  parseCatalog,
  parseServiceItem,
  type ServiceItem,
  serviceGuideSchema,
  toItemSnapshot,
} from "./schema";
import { seedCatalog } from "./seed-catalog";

/** A deep copy of a seed item, so each test can break it its own way. */
function seedItem(code: string): ServiceItem {
  const found = seedCatalog.items.find((i) => i.code === code);
  if (found === undefined) throw new Error(`seed item ${code} missing`);
  return structuredClone(found);
}

function catalogOf(...items: ServiceItem[]): ItemCatalog {
  return { version: 1, items };
}

function refusal<T>(check: Check<T>) {
  if (check.ok) throw new Error("expected a refusal");
  return check.error;
}

describe("enumerations", () => {
  it("事项类型: all eight types of §1 have a Chinese label", () => {
    expect(itemTypeSchema.options).toHaveLength(8);
    for (const t of itemTypeSchema.options) expect(itemTypeLabels[t]).toMatch(/^[\u4e00-\u9fa5]+$/);
    expect(itemTypeLabels.ADMIN_BENEFIT).toBe("行政给付");
  });

  it("办件类型: 即办件/承诺件/联办件/报批件", () => {
    expect(caseKindSchema.options.map((k) => caseKindLabels[k])).toEqual([
      "即办件",
      "承诺件",
      "联办件",
      "报批件",
    ]);
  });

  it("审批层级: station, center and department are labelled", () => {
    for (const l of approvalLevelSchema.options)
      expect(approvalLevelLabels[l].length).toBeGreaterThan(0);
  });
});

describe("service item refusals name the field", () => {
  it("实施清单: promised limit may not exceed the legal limit", () => {
    const low = seedItem("MZ-GF-002");
    low.guide.promisedDays = 26;
    const e = refusal(parseCatalog(catalogOf(low)));
    expect(e.field).toBe("items.0.guide.promisedDays");
    expect(e.code).toBe("OUT_OF_RANGE");
    expect(e.zh).toContain("guide.promisedDays");
    expect(e.zh).toContain("不得超过法定时限");
  });

  it("实施清单: promised limit equal to the legal limit is allowed", () => {
    const low = seedItem("MZ-GF-002");
    expect(low.guide.promisedDays).toBe(low.guide.legalDays);
    expect(parseServiceItem(low).ok).toBe(true);
  });

  it("办事指南: the fee is never blank (write 不收费 when free)", () => {
    const i = seedItem("SQ-GG-001");
    i.guide.fee = "  ";
    const e = refusal(parseServiceItem(i));
    expect(e.field).toBe("guide.fee");
    expect(e.code).toBe("REQUIRED");
    expect(e.zh).toContain("guide.fee");
  });

  it("实施清单: item codes follow {dept}-{type}-{seq}", () => {
    const i = seedItem("SQ-GG-001");
    for (const bad of ["sq-gg-001", "SQ-GG-01", "SQGG001", "SQ-G-001"]) {
      i.code = bad;
      const e = refusal(parseServiceItem(i));
      expect(e.field).toBe("code");
      expect(e.code).toBe("INVALID_FORMAT");
    }
    i.code = "SJZX-GG-0001";
    expect(parseServiceItem(i).ok).toBe(true);
  });

  it("实施清单: item codes are unique within a catalog", () => {
    const e = refusal(parseCatalog(catalogOf(seedItem("SQ-GG-001"), seedItem("SQ-GG-001"))));
    expect(e.code).toBe("DUPLICATE");
    expect(e.field).toBe("items.1.code");
  });

  it("实施清单: a missing field is REQUIRED and named", () => {
    const { basis: _dropped, ...rest } = seedItem("SQ-GG-001");
    const e = refusal(parseServiceItem(rest));
    expect(e.code).toBe("REQUIRED");
    expect(e.field).toBe("basis");
  });

  it("实施清单: an unknown item type is refused", () => {
    const e = refusal(parseServiceItem({ ...seedItem("SQ-GG-001"), type: "ADMIN_FINE" }));
    expect(e.field).toBe("type");
  });

  it("实施清单: effectiveFrom is a real YYYY-MM-DD date", () => {
    const i = seedItem("SQ-GG-001");
    i.effectiveFrom = "2026-02-30";
    expect(refusal(parseServiceItem(i)).field).toBe("effectiveFrom");
    i.effectiveFrom = "2026/01/01";
    expect(refusal(parseServiceItem(i)).field).toBe("effectiveFrom");
  });

  it("实施清单: version is an integer from 1", () => {
    const i = seedItem("SQ-GG-001");
    i.version = 0;
    expect(refusal(parseServiceItem(i)).field).toBe("version");
    expect(refusal(parseCatalog({ version: 1.5, items: [] })).field).toBe("version");
  });

  it("实施清单: 即办件 are promised the same day (0 working days)", () => {
    const i = seedItem("YB-GG-001");
    i.guide.promisedDays = 1;
    const e = refusal(parseServiceItem(i));
    expect(e.field).toBe("guide.promisedDays");
  });

  it("实施清单: only assisted items decided at the station may be completed there", () => {
    const center = seedItem("MZ-GG-002");
    center.stationMayComplete = true;
    expect(refusal(parseServiceItem(center)).field).toBe("stationMayComplete");
    const notAssisted = seedItem("SQ-GG-001");
    notAssisted.stationAssist = false;
    expect(refusal(parseServiceItem(notAssisted)).code).toBe("NOT_ALLOWED");
  });

  it("容缺: a deferrable material needs the item on the 容缺清单", () => {
    const i = seedItem("SQ-GG-001");
    i.deferralAllowed = false;
    const e = refusal(parseServiceItem(i));
    expect(e.field).toBe("guide.materials.2.requirement");
    expect(e.code).toBe("NOT_ALLOWED");
  });
});

describe("service guide", () => {
  const guide = () => seedItem("MZ-GF-002").guide;

  it("办事指南: at least one material is listed", () => {
    const e = refusal(
      parseServiceItem({ ...seedItem("SQ-GG-001"), guide: { ...guide(), materials: [] } }),
    );
    expect(e.field).toBe("guide.materials");
    expect(e.code).toBe("REQUIRED");
  });

  it("办事指南: material codes are unique", () => {
    const g = guide();
    const first = g.materials[0];
    if (first === undefined) throw new Error("no material");
    g.materials.push({ ...first });
    const result = serviceGuideSchema.safeParse(g);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["materials", 5, "code"]);
  });

  it("办事指南: a conditional material says when it is needed", () => {
    const i = seedItem("MZ-GF-002");
    const conditional = i.guide.materials[4];
    if (conditional === undefined) throw new Error("no material");
    delete conditional.condition;
    const e = refusal(parseServiceItem(i));
    expect(e.field).toBe("guide.materials.4.condition");
    expect(e.code).toBe("REQUIRED");
  });

  it("办事指南: material copies are a whole number from 1", () => {
    const i = seedItem("SQ-GG-001");
    const m = i.guide.materials[0];
    if (m === undefined) throw new Error("no material");
    m.copies = 0;
    expect(refusal(parseServiceItem(i)).field).toBe("guide.materials.0.copies");
  });

  it("办事指南: consult and supervision phones are landlines, mobiles or 12345-style hotlines", () => {
    const i = seedItem("SQ-GG-001");
    for (const good of ["0571-88881234", "010-12345678", "13812345678", "12345"]) {
      i.guide.supervisionPhone = good;
      expect(parseServiceItem(i).ok, good).toBe(true);
    }
    i.guide.supervisionPhone = "8888";
    const e = refusal(parseServiceItem(i));
    expect(e.field).toBe("guide.supervisionPhone");
    expect(e.zh).toContain("电话号码格式不正确");
  });

  it("限时办结: limits are whole, non-negative working days", () => {
    const i = seedItem("SQ-GG-001");
    i.guide.promisedDays = -1;
    expect(refusal(parseServiceItem(i)).field).toBe("guide.promisedDays");
    i.guide.promisedDays = 1.5;
    expect(refusal(parseServiceItem(i)).field).toBe("guide.promisedDays");
  });

  it("限时办结: an extension must go beyond a set legal limit", () => {
    const low = seedItem("MZ-GF-002");
    low.guide.extendable = { toLegalDays: 20, reason: "情况复杂" };
    expect(refusal(parseServiceItem(low)).field).toBe("guide.extendable.toLegalDays");
    const noLegal = seedItem("MZ-GF-003");
    noLegal.guide.extendable = { toLegalDays: 30, reason: "情况复杂" };
    expect(refusal(parseServiceItem(noLegal)).field).toBe("guide.extendable.toLegalDays");
  });
});

describe("materials needed for 代办", () => {
  it("only a conditional material may be marked neededFor proxy", () => {
    const item = seedItem("MZ-GF-001");
    expect(item.guide.materials.find((m) => m.code === "AGENT_ID_AND_POA")?.neededFor).toBe(
      "proxy",
    );
    const materials = item.guide.materials.map((m) =>
      m.code === "ID_CARD" ? { ...m, neededFor: "proxy" } : m,
    );
    const r = parseServiceItem({ ...item, guide: { ...item.guide, materials } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("guide.materials.0.neededFor");
  });
});

describe("item snapshot", () => {
  it("办件快照: a case keeps the rule-relevant subset of the item", () => {
    const snap = toItemSnapshot(seedItem("MZ-GF-001"));
    expect(snap).toEqual({
      code: "MZ-GF-001",
      version: 1,
      name: "高龄津贴申领",
      type: "ADMIN_BENEFIT",
      kind: "ESCALATED",
      approvalLevel: "DEPARTMENT",
      stationAssist: true,
      stationMayComplete: false,
      deferralAllowed: true,
      legalDays: null,
      promisedDays: 15,
      publicityWorkdays: 5,
      materials: [
        { code: "ID_CARD", name: "申请人居民身份证", requirement: "mandatory" },
        { code: "HOUSEHOLD_REGISTER", name: "居民户口簿", requirement: "mandatory" },
        {
          code: "BANK_OR_SOCIAL_SECURITY_CARD",
          name: "本人银行卡或社会保障卡",
          requirement: "deferrable",
        },
        { code: "PHOTO", name: "近期一寸免冠彩色照片", requirement: "deferrable" },
        { code: "AGENT_ID_AND_POA", name: "代办人居民身份证及委托书", requirement: "conditional" },
      ],
      eligibility: [
        { kind: "min_age", years: 80 },
        { kind: "residence_in", division: "330106", name: "本区（西湖区）" },
      ],
    });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(toItemSnapshot(seedItem("SQ-GG-001")).publicityWorkdays).toBeNull();
  });

  it("办件快照: a later catalog version does not change a case's snapshot", () => {
    const v1 = seedItem("MZ-GF-003");
    const snap = toItemSnapshot(v1);
    v1.version = 2;
    v1.guide.promisedDays = 10;
    const m = v1.guide.materials[0];
    if (m === undefined) throw new Error("no material");
    m.requirement = "deferrable";
    expect(snap.version).toBe(1);
    expect(snap.promisedDays).toBe(15);
    expect(snap.materials[0]?.requirement).toBe("mandatory");
  });
});
