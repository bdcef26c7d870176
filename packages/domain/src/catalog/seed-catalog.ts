import type { ItemCatalog, MaterialSpec, ServiceGuide, ServiceItem } from "./schema";

/**
 * The sample station catalog of DOMAIN.md §9: twelve items a street center and its community
 * stations handle. Codes, names, types, assist flags, limits, materials (M → mandatory,
 * R → deferrable, C → conditional) and approval levels follow the table; the guide text
 * (conditions, steps, place, phones, legal basis) is illustrative and must be replaced by
 * the local 实施清单 before use [A].
 */

const PLACE_CENTER = "北山街道便民服务中心 综合受理窗口";
const PLACE_STATION = "北山街道各社区便民服务站（帮办代办），或北山街道便民服务中心 综合受理窗口";
const HOURS = "周一至周五 上午 8:30–12:00，下午 13:30–17:30（法定节假日除外；周六上午延时服务）";
const SUPERVISION_PHONE = "0571-88889999";
const FREE = "不收费";
const EFFECTIVE_FROM = "2026-01-01";
/** The sample district (西湖区) whose 户籍 the district's benefits require [A]. */
const DISTRICT = { kind: "residence_in", division: "330106", name: "本区（西湖区）" } as const;

// --- Materials shared by several items -------------------------------------------------

const idCard: MaterialSpec = {
  code: "ID_CARD",
  name: "申请人居民身份证",
  requirement: "mandatory",
  form: "原件",
  copies: 1,
  note: "现场核验后退还",
};
const householdRegister: MaterialSpec = {
  code: "HOUSEHOLD_REGISTER",
  name: "居民户口簿",
  requirement: "mandatory",
  form: "原件及复印件",
  copies: 1,
};
const photo: MaterialSpec = {
  code: "PHOTO",
  name: "近期一寸免冠彩色照片",
  requirement: "deferrable",
  form: "原件",
  copies: 2,
};
const bankCard: MaterialSpec = {
  code: "BANK_CARD",
  name: "本人银行卡或社会保障卡（金融账户）",
  requirement: "deferrable",
  form: "复印件",
  copies: 1,
};
const applicationForm: MaterialSpec = {
  code: "APPLICATION_FORM",
  name: "申请书",
  requirement: "mandatory",
  form: "原件",
  copies: 1,
  note: "窗口提供样表，可现场填写",
};
const verificationAuthorization: MaterialSpec = {
  code: "VERIFICATION_AUTHORIZATION",
  name: "家庭经济状况核对授权书",
  requirement: "mandatory",
  form: "原件",
  copies: 1,
  note: "共同生活的家庭成员均须签字",
};

function guide(
  g: Omit<ServiceGuide, "fee" | "hours" | "supervisionPhone"> & Partial<ServiceGuide>,
): ServiceGuide {
  return { fee: FREE, hours: HOURS, supervisionPhone: SUPERVISION_PHONE, ...g };
}

function item(
  i: Omit<ServiceItem, "version" | "effectiveFrom" | "stationAssist" | "stationMayComplete"> &
    Partial<ServiceItem>,
): ServiceItem {
  return {
    stationAssist: true,
    stationMayComplete: false,
    version: 1,
    effectiveFrom: EFFECTIVE_FROM,
    ...i,
  };
}

// --- The twelve items -------------------------------------------------------------------

const residenceCertificate = item({
  code: "SQ-GG-001",
  name: "居住证明",
  type: "PUBLIC_SERVICE",
  kind: "PROMISED",
  department: "北山街道办事处",
  implementingBody: "所在社区居民委员会",
  basis: "《中华人民共和国城市居民委员会组织法》；本地证明事项保留清单（可以告知承诺制替代）",
  stationMayComplete: true,
  approvalLevel: "STATION",
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: ["申请人在本社区实际居住", "能提供房产证或租赁合同"],
    materials: [
      idCard,
      {
        code: "PROPERTY_OR_LEASE",
        name: "房产证或租赁合同",
        requirement: "mandatory",
        form: "原件及复印件",
        copies: 1,
      },
      {
        code: "SITUATION_STATEMENT",
        name: "居住情况说明",
        requirement: "deferrable",
        form: "原件",
        copies: 1,
      },
    ],
    processSteps: ["申请", "社区核实居住情况", "出具证明"],
    legalDays: null,
    promisedDays: 1,
    place: PLACE_STATION,
    consultPhone: "0571-88881001",
  }),
});

const seniorAllowance = item({
  code: "MZ-GF-001",
  name: "高龄津贴申领",
  type: "ADMIN_BENEFIT",
  kind: "ESCALATED",
  department: "区民政局（区老龄办）",
  implementingBody: "区民政局",
  basis: "本省高龄津贴制度实施办法；区高龄津贴发放实施细则",
  approvalLevel: "DEPARTMENT",
  deferralAllowed: true,
  eligibility: [{ kind: "min_age", years: 80 }, DISTRICT],
  guide: guide({
    acceptanceConditions: ["具有本区户籍", "年满 80 周岁"],
    materials: [
      idCard,
      householdRegister,
      { ...bankCard, code: "BANK_OR_SOCIAL_SECURITY_CARD", name: "本人银行卡或社会保障卡" },
      photo,
      {
        code: "AGENT_ID_AND_POA",
        name: "代办人居民身份证及委托书",
        requirement: "conditional",
        form: "原件",
        copies: 1,
        condition: "由他人代为申请时提交",
        neededFor: "proxy",
      },
    ],
    processSteps: ["申请", "社区/街道受理并初审", "公示", "区民政局审核确认", "按月发放"],
    legalDays: null,
    promisedDays: 15,
    // DOMAIN.md §9 says "15 plus 公示" without a length; 5 working days is our assumption [A].
    publicityWorkdays: 5,
    place: PLACE_STATION,
    consultPhone: "0571-88881002",
  }),
});

const disabilityAllowances = item({
  code: "CL-GF-001",
  name: "残疾人两项补贴",
  type: "ADMIN_BENEFIT",
  // 残联 reviews and 民政 decides: several departments, hence 联办件.
  kind: "JOINT",
  department: "县残疾人联合会",
  implementingBody: "县民政局",
  basis: "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》",
  approvalLevel: "DEPARTMENT",
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: [
      "持有第二代中华人民共和国残疾人证",
      "困难残疾人生活补贴：低保家庭中的残疾人；护理补贴：残疾等级为一、二级",
    ],
    materials: [
      idCard,
      {
        code: "DISABILITY_CERT",
        name: "第二代残疾人证",
        requirement: "mandatory",
        form: "原件及复印件",
        copies: 1,
      },
      householdRegister,
      {
        code: "SUBSISTENCE_CERT",
        name: "最低生活保障证明",
        requirement: "deferrable",
        form: "复印件",
        copies: 1,
      },
      bankCard,
    ],
    processSteps: [
      "申请",
      "街道便民服务中心初审（10 个工作日）",
      "县残联审核",
      "县民政局审定",
      "按月发放",
    ],
    legalDays: null,
    promisedDays: 20,
    place: PLACE_STATION,
    consultPhone: "0571-88881003",
  }),
});

const residentMedicalInsurance = item({
  code: "YB-GG-001",
  name: "城乡居民医保参保登记",
  type: "PUBLIC_SERVICE",
  kind: "IMMEDIATE",
  department: "区医疗保障局",
  implementingBody: "区医疗保障事业管理服务中心",
  basis: "《中华人民共和国社会保险法》；本省城乡居民基本医疗保险办法",
  approvalLevel: "CENTER",
  deferralAllowed: false,
  guide: guide({
    acceptanceConditions: ["未参加职工基本医疗保险的城乡居民"],
    materials: [
      {
        code: "ID_OR_HOUSEHOLD_REGISTER",
        name: "居民身份证或户口簿",
        requirement: "mandatory",
        form: "原件",
        copies: 1,
      },
      {
        code: "BIRTH_MEDICAL_CERT",
        name: "出生医学证明",
        requirement: "conditional",
        form: "原件及复印件",
        copies: 1,
        condition: "新生儿参保时提交",
      },
    ],
    processSteps: ["申请", "医保窗口受理并登记", "当场办结"],
    legalDays: null,
    promisedDays: 0,
    place: `${PLACE_CENTER}（医保窗口）`,
    consultPhone: "0571-88881004",
  }),
});

const flexibleEmploymentInsurance = item({
  code: "RS-GG-001",
  name: "灵活就业社保登记",
  type: "PUBLIC_SERVICE",
  kind: "IMMEDIATE",
  department: "区人力资源和社会保障局",
  implementingBody: "区社会保险事业管理中心",
  basis: "《中华人民共和国社会保险法》",
  approvalLevel: "CENTER",
  // §9 marks the 社保卡 R. With a promised limit of 0 the 容缺 deadline (≤ promised limit,
  // §4) falls on the day itself; the local 容缺清单 should confirm this [A].
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: ["以个体身份灵活就业的本地户籍人员或持居住证人员"],
    materials: [
      idCard,
      {
        code: "SOCIAL_SECURITY_CARD",
        name: "社会保障卡",
        requirement: "deferrable",
        form: "原件",
        copies: 1,
      },
    ],
    processSteps: ["申请", "人社窗口受理并登记", "当场办结"],
    legalDays: null,
    promisedDays: 0,
    place: `${PLACE_CENTER}（人社窗口）`,
    consultPhone: "0571-88881005",
  }),
});

const onlyChildParentsReward = item({
  code: "WJ-GF-001",
  name: "独生子女父母奖励",
  type: "ADMIN_BENEFIT",
  kind: "ESCALATED",
  department: "县卫生健康局",
  implementingBody: "县卫生健康局",
  basis: "《中华人民共和国人口与计划生育法》；本省人口与计划生育条例",
  approvalLevel: "DEPARTMENT",
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: ["持有《独生子女父母光荣证》", "符合本省奖励条件"],
    materials: [
      {
        code: "ONLY_CHILD_CERT",
        name: "独生子女父母光荣证",
        requirement: "mandatory",
        form: "原件及复印件",
        copies: 1,
      },
      idCard,
      householdRegister,
      {
        code: "MARRIAGE_CERT",
        name: "结婚证",
        requirement: "deferrable",
        form: "复印件",
        copies: 1,
      },
      bankCard,
    ],
    processSteps: ["申请", "社区初审", "街道复核", "县卫生健康局审批", "发放"],
    legalDays: null,
    promisedDays: 20,
    place: PLACE_STATION,
    consultPhone: "0571-88881006",
  }),
});

const minimumLivingAllowance = item({
  code: "MZ-GF-002",
  name: "低保申请(初审)",
  type: "ADMIN_BENEFIT",
  kind: "ESCALATED",
  department: "县民政局",
  implementingBody: "县民政局（已委托下放审批权的，由街道办事处实施）",
  basis: "《社会救助暂行办法》；《最低生活保障审核确认办法》",
  // The street decides only where the county has delegated the power; otherwise the county
  // 民政 does, which is the default here [A].
  approvalLevel: "DEPARTMENT",
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: ["共同生活的家庭成员人均收入低于当地低保标准", "家庭财产状况符合规定"],
    materials: [
      applicationForm,
      {
        code: "FAMILY_IDS_AND_HOUSEHOLD_REGISTER",
        name: "家庭成员居民身份证及户口簿",
        requirement: "mandatory",
        form: "原件及复印件",
        copies: 1,
      },
      verificationAuthorization,
      {
        code: "INCOME_PROOF",
        name: "家庭成员收入证明",
        requirement: "deferrable",
        form: "原件",
        copies: 1,
      },
      {
        code: "MEDICAL_RECORD_OR_DISABILITY_CERT",
        name: "病历或残疾人证",
        requirement: "conditional",
        form: "复印件",
        copies: 1,
        condition: "家庭成员患重病或有残疾时提交",
      },
    ],
    processSteps: ["申请", "受理", "家庭经济状况调查核对", "审核", "公示", "审核确认"],
    legalDays: 25,
    promisedDays: 25,
    extendable: { toLegalDays: 40, reason: "情况复杂需延长调查核对时间的" },
    place: PLACE_STATION,
    consultPhone: "0571-88881007",
  }),
});

const temporaryAssistance = item({
  code: "MZ-GF-003",
  name: "临时救助",
  type: "ADMIN_BENEFIT",
  kind: "PROMISED",
  department: "县民政局",
  implementingBody: "北山街道办事处（小额）/ 县民政局",
  basis: "《社会救助暂行办法》；本省临时救助实施办法",
  // The street decides small amounts (e.g. ≤500元); larger amounts go to the county 民政 [S44].
  approvalLevel: "CENTER",
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: [
      "因急难或支出型困难导致基本生活暂时出现严重困难的家庭或个人",
      "急难情形先行救助，当日办理，事后补齐手续",
    ],
    materials: [
      applicationForm,
      idCard,
      {
        code: "HARDSHIP_PROOF",
        name: "困难证明或相关票据",
        requirement: "deferrable",
        form: "原件及复印件",
        copies: 1,
      },
      verificationAuthorization,
    ],
    processSteps: ["申请", "受理", "调查核实", "街道审批（小额）或报县民政局审批", "发放"],
    legalDays: null,
    promisedDays: 15,
    place: PLACE_STATION,
    consultPhone: "0571-88881008",
  }),
});

const seniorPreferentialCard = item({
  code: "MZ-GG-002",
  name: "老年人优待证",
  type: "PUBLIC_SERVICE",
  kind: "PROMISED",
  department: "区民政局（区老龄办）",
  implementingBody: "北山街道便民服务中心",
  basis: "《中华人民共和国老年人权益保障法》",
  approvalLevel: "CENTER",
  deferralAllowed: true,
  // 常住 residents qualify too, so 户籍 is not a machine condition here.
  eligibility: [{ kind: "min_age", years: 60 }],
  guide: guide({
    acceptanceConditions: ["年满 60 周岁的本地户籍或常住老年人"],
    materials: [idCard, photo],
    processSteps: ["申请", "受理", "制证", "领证"],
    legalDays: null,
    // §9 gives "0–5": issued on the spot when the card printer is at hand, otherwise within
    // 5 days. The schema takes one promise, so we promise the outer bound [A].
    promisedDays: 5,
    place: PLACE_STATION,
    consultPhone: "0571-88881009",
  }),
});

const birthRegistration = item({
  code: "WJ-GG-001",
  name: "生育登记",
  type: "PUBLIC_SERVICE",
  // 0 on site; online 3 days, and 15 when records disagree — those paths are not modelled [A].
  kind: "IMMEDIATE",
  department: "区卫生健康局",
  implementingBody: "北山街道便民服务中心（卫健窗口）",
  basis: "《中华人民共和国人口与计划生育法》；本省生育登记服务办法",
  approvalLevel: "CENTER",
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: ["夫妻双方或一方户籍在本街道，或在本街道居住"],
    materials: [
      {
        code: "SPOUSES_ID_CARDS",
        name: "夫妻双方居民身份证",
        requirement: "mandatory",
        form: "原件",
        copies: 1,
      },
      {
        code: "MARRIAGE_CERT",
        name: "结婚证",
        requirement: "mandatory",
        form: "原件",
        copies: 1,
      },
      { ...householdRegister, requirement: "deferrable" },
      {
        code: "BIRTH_MEDICAL_CERT",
        name: "出生医学证明",
        requirement: "conditional",
        form: "原件及复印件",
        copies: 1,
        condition: "子女已出生时提交",
      },
    ],
    processSteps: ["申请", "卫健窗口核验", "当场登记", "出具生育服务登记凭证"],
    legalDays: null,
    promisedDays: 0,
    place: `${PLACE_CENTER}（卫健窗口）；社区便民服务站受委托代办`,
    consultPhone: "0571-88881010",
  }),
});

const premisesCertificate = item({
  code: "SJ-QT-001",
  name: "门牌/经营场所证明",
  type: "OTHER_POWER",
  kind: "PROMISED",
  department: "北山街道办事处",
  implementingBody: "北山街道便民服务中心",
  basis: "本地证明事项保留清单（可以申报承诺制替代）",
  // The station confirms, the center issues.
  approvalLevel: "CENTER",
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: ["场所位于本街道辖区", "申请人为产权人或合法承租人"],
    materials: [
      idCard,
      {
        code: "PROPERTY_OR_LEASE",
        name: "产权证明或租赁证明",
        requirement: "mandatory",
        form: "原件及复印件",
        copies: 1,
      },
      {
        code: "OWNER_CONSENT",
        name: "业主同意书",
        requirement: "deferrable",
        form: "原件",
        copies: 1,
      },
    ],
    processSteps: ["申请", "社区便民服务站现场确认", "街道便民服务中心出具证明"],
    legalDays: null,
    promisedDays: 3,
    place: PLACE_STATION,
    consultPhone: "0571-88881011",
  }),
});

const foodVendorCard = item({
  code: "SJ-BA-001",
  name: "食品摊贩登记卡",
  // A local filing (地方性备案).
  type: "ADMIN_FILING",
  kind: "PROMISED",
  department: "区市场监督管理局",
  implementingBody: "北山街道办事处 / 市场监督管理所",
  basis: "本省食品小作坊、小餐饮店和食品摊贩管理条例",
  // Stations take the application in only; the street (or the market-regulation office) decides.
  approvalLevel: "CENTER",
  deferralAllowed: true,
  guide: guide({
    acceptanceConditions: ["在街道划定的区域和时段内经营", "从业人员持有有效健康证明"],
    materials: [
      idCard,
      {
        code: "HEALTH_CERT",
        name: "健康证明",
        requirement: "mandatory",
        form: "原件及复印件",
        copies: 1,
      },
      {
        code: "FOOD_SAFETY_PLEDGE",
        name: "食品安全承诺书",
        requirement: "mandatory",
        form: "原件",
        copies: 1,
      },
      {
        code: "PRODUCTS_DESCRIPTION",
        name: "经营品种及原料说明",
        requirement: "mandatory",
        form: "原件",
        copies: 1,
      },
      {
        code: "STALL_PHOTO",
        name: "摊位照片",
        requirement: "deferrable",
        form: "纸质或电子件",
        copies: 1,
      },
    ],
    processSteps: ["申请", "受理", "现场核查", "公示", "发放登记卡"],
    // The legal limit is set by local rule; none is modelled here [A].
    legalDays: null,
    promisedDays: 5,
    publicityWorkdays: 5,
    place: PLACE_STATION,
    consultPhone: "0571-88881012",
  }),
});

/** The twelve sample items of DOMAIN.md §9, as catalog version 1. */
export const seedCatalog: ItemCatalog = {
  version: 1,
  items: [
    residenceCertificate,
    seniorAllowance,
    disabilityAllowances,
    residentMedicalInsurance,
    flexibleEmploymentInsurance,
    onlyChildParentsReward,
    minimumLivingAllowance,
    temporaryAssistance,
    seniorPreferentialCard,
    birthRegistration,
    premisesCertificate,
    foodVendorCard,
  ],
};
