import { describe, expect, it } from "vitest";
import {
  correctionFieldOf,
  correctionInputOf,
  correctionProblems,
  initialCorrection,
  requiredCodes,
} from "./correction-notice";

const materials = [
  { code: "ID_CARD", name: "身份证", state: "provided", requirement: "mandatory" },
  { code: "PHOTO", name: "照片", state: "missing", requirement: "deferrable" },
  { code: "BANK", name: "银行卡", state: "missing", requirement: "mandatory" },
  { code: "PROOF", name: "证明", state: "missing", requirement: "conditional" },
];

describe("the one-time correction notice (补正) from review", () => {
  it("names every missing material, the conditional ones only when chosen", () => {
    expect(requiredCodes(materials)).toEqual(["PHOTO", "BANK"]);
    expect(initialCorrection(materials, "未提供")).toEqual({
      codes: ["PHOTO", "BANK"],
      reasons: { PHOTO: "未提供", BANK: "未提供" },
    });
  });

  it("starts with the materials marked 需补正 in 审查 ticked, their reasons filled in, beside the missing ones", () => {
    const checks = [
      { verdict: "needs_correction", reason: "复印件不清晰" },
      { verdict: "needs_correction", reason: "照片为翻拍件" },
      null,
      { verdict: "ok" },
    ];
    const marked = materials.map((m, i) => ({ ...m, check: checks[i] }));
    expect(initialCorrection(marked, "未提供")).toEqual({
      codes: ["ID_CARD", "PHOTO", "BANK"],
      reasons: { ID_CARD: "复印件不清晰", PHOTO: "照片为翻拍件", BANK: "未提供" },
    });
  });

  it("refuses a notice that leaves a missing material out, or a material without its reason", () => {
    expect(correctionProblems({ codes: [], reasons: {} }, materials).codes).toBe(
      "correction.codesRequired",
    );
    expect(correctionProblems({ codes: ["PHOTO"], reasons: { PHOTO: "x" } }, materials).codes).toBe(
      "correction.allMissing",
    );
    const p = correctionProblems(
      { codes: ["ID_CARD", "PHOTO", "BANK"], reasons: { PHOTO: "x", BANK: " " } },
      materials,
    );
    expect(p).toEqual({
      reasons: { ID_CARD: "correction.reasonRequired", BANK: "correction.reasonRequired" },
    });
  });

  it("sends the materials in checklist order, reasons trimmed", () => {
    const input = correctionInputOf(
      {
        codes: ["BANK", "ID_CARD", "PHOTO"],
        reasons: { BANK: "未提供 ", ID_CARD: "复印件不清晰", PHOTO: "未提供" },
      },
      materials,
    );
    expect(input.missing).toEqual([
      { code: "ID_CARD", reason: "复印件不清晰" },
      { code: "PHOTO", reason: "未提供" },
      { code: "BANK", reason: "未提供" },
    ]);
  });

  it("places the server's complaint beside the material it names", () => {
    const sent = [{ code: "ID_CARD" }, { code: "PHOTO" }];
    expect(correctionFieldOf("missing.1.reason", sent)).toEqual(["reasons", "PHOTO"]);
    expect(correctionFieldOf("missing", sent)).toEqual(["codes"]);
    expect(correctionFieldOf("materials.X", sent)).toEqual(["codes"]);
    expect(correctionFieldOf("caseId", sent)).toBeNull();
  });
});
