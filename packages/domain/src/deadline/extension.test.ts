import { describe, expect, it } from "vitest";
import { defaultRules, rulesWith } from "../config";
import { checkExtension, extensionRuleOf } from "./extension";

const licence = { type: "ADMIN_LICENSE", kind: "PROMISED" } as const;
const joint = { type: "ADMIN_BENEFIT", kind: "JOINT" } as const;
const benefit = { type: "ADMIN_BENEFIT", kind: "ESCALATED" } as const;

describe("extensionRuleOf: the item's own extension (DOMAIN §3.4)", () => {
  it("行政许可 gets the licence extension, 联办件 the joint one, from the jurisdiction's config", () => {
    expect(extensionRuleOf(licence, defaultRules)).toEqual({ workdays: 10, basis: "licence" });
    expect(extensionRuleOf(joint, defaultRules)).toEqual({ workdays: 15, basis: "joint" });
    expect(extensionRuleOf(joint, rulesWith({ jointExtensionWorkdays: 20 }))?.workdays).toBe(20);
  });

  it("a licence handled jointly follows the joint rule (行政许可法 Art. 42: 45 + 15)", () => {
    expect(extensionRuleOf({ type: "ADMIN_LICENSE", kind: "JOINT" }, defaultRules)).toEqual({
      workdays: 15,
      basis: "joint",
    });
  });

  it("any other item has no extension rule", () => {
    expect(extensionRuleOf(benefit, defaultRules)).toBeNull();
    expect(extensionRuleOf({ type: "PUBLIC_SERVICE", kind: "IMMEDIATE" }, defaultRules)).toBeNull();
  });

  it("a jurisdiction that sets the licence extension to 0 has no rule for licences", () => {
    expect(extensionRuleOf(licence, rulesWith({ licenceExtensionWorkdays: 0 }))).toBeNull();
  });
});

describe("checkExtension: 延期 only by the item's rule, once", () => {
  const base = { item: licence, grantedWorkdays: 0, rules: defaultRules };

  it("accepts the rule's amount, or fewer days", () => {
    expect(checkExtension({ ...base, workdays: 10 })).toEqual({
      ok: true,
      value: { workdays: 10 },
    });
    expect(checkExtension({ ...base, workdays: 3 })).toEqual({ ok: true, value: { workdays: 3 } });
  });

  it("refuses more days than the rule allows, naming the field and the limit", () => {
    const r = checkExtension({ ...base, workdays: 11 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("OUT_OF_RANGE");
    expect(r.error.field).toBe("workdays");
    expect(r.error.zh).toContain("10 个工作日");
  });

  it("refuses an item without an extension rule: 该事项无法定延期规定", () => {
    const r = checkExtension({ ...base, item: benefit, workdays: 5 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("NOT_ALLOWED");
    expect(r.error.field).toBe("workdays");
    expect(r.error.zh).toContain("该事项无法定延期规定");
  });

  it("refuses a second extension, saying how much was already granted", () => {
    const r = checkExtension({ ...base, grantedWorkdays: 10, workdays: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("INVALID_TRANSITION");
    expect(r.error.field).toBe("caseId");
    expect(r.error.zh).toContain("已延期 10 个工作日");
  });

  it("refuses a count that is not a positive whole number", () => {
    for (const workdays of [0, -1, 2.5]) {
      const r = checkExtension({ ...base, workdays });
      expect(r.ok && r.value).toBe(false);
    }
  });
});
