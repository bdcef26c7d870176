import { describe, expect, it } from "vitest";
import { extendPlan } from "./extend-plan";

describe("extendPlan: what the 延期 dialog offers", () => {
  it("a licence item: prefilled with its +10, at most 10", () => {
    expect(extendPlan({ rule: { workdays: 10, basis: "licence" }, grantedWorkdays: 0 })).toEqual({
      kind: "rule",
      workdays: 10,
      basis: "extend.basis.licence",
    });
  });

  it("a 联办件: +15", () => {
    const p = extendPlan({ rule: { workdays: 15, basis: "joint" }, grantedWorkdays: 0 });
    expect(p).toMatchObject({ kind: "rule", workdays: 15, basis: "extend.basis.joint" });
  });

  it("an item without a rule: 该事项无法定延期规定, nothing to send", () => {
    expect(extendPlan({ rule: null, grantedWorkdays: 0 })).toEqual({ kind: "none" });
  });

  it("an extended case: refused again, saying how much was granted", () => {
    expect(extendPlan({ rule: { workdays: 10, basis: "licence" }, grantedWorkdays: 10 })).toEqual({
      kind: "granted",
      workdays: 10,
    });
  });
});
