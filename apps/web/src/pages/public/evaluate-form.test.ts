import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zh } from "../../i18n/zh";
import {
  commentProblem,
  DIMENSION_LABELS,
  dimensionLabel,
  evaluateInputOf,
  evaluateStep,
  levelProblem,
} from "./evaluate-form";

const proof = {
  caseNumber: " ３３０１０６００１００１－２０２６１１２３－０００１",
  phoneLast4: "５６７８ ",
};

describe("扫码评价: the public rating page", () => {
  it("sends the case as the resident typed it, the level, only the dimensions tapped, no empty comment", () => {
    expect(
      evaluateInputOf(proof, {
        level: 2,
        dimensions: { attitude: 1, efficiency: undefined, overall: null },
        comment: "   ",
      }),
    ).toEqual({
      caseNumber: "330106001001-20261123-0001",
      phoneLast4: "5678",
      level: 2,
      dimensions: { attitude: 1 },
    });
    expect(evaluateInputOf(proof, { level: 4 })).not.toHaveProperty("dimensions");
    expect(
      evaluateInputOf(proof, { level: 5, dimensions: { overall: 5 }, comment: " 很好 " }),
    ).toMatchObject({ level: 5, dimensions: { overall: 5 }, comment: "很好" });
  });

  it("asks for a level before sending; a comment over 500 characters is refused on the page", () => {
    expect(levelProblem(undefined)).toBe("qrRate.levelRequired");
    expect(levelProblem(3)).toBeNull();
    expect(commentProblem("好".repeat(500))).toBeNull();
    expect(commentProblem("好".repeat(501))).toBe("qrRate.commentTooLong");
    expect(commentProblem(undefined)).toBeNull();
  });

  it("rates only a completed case not yet rated here, and thanks once sent", () => {
    expect(evaluateStep({ canRate: true, alreadyRated: false }, false)).toBe("rate");
    expect(evaluateStep({ canRate: false, alreadyRated: false }, false)).toBe("notCompleted");
    expect(evaluateStep({ canRate: false, alreadyRated: true }, false)).toBe("alreadyRated");
    expect(evaluateStep({ canRate: true, alreadyRated: false }, true)).toBe("thanks");
  });

  it("labels the four dimensions in both languages; an unknown one has no label", () => {
    expect(Object.keys(DIMENSION_LABELS)).toEqual([
      "overall",
      "efficiency",
      "competence",
      "attitude",
    ]);
    expect(Object.values(DIMENSION_LABELS).map((k) => zh[k])).toEqual([
      "整体满意度",
      "服务效率",
      "服务水平",
      "服务态度",
    ]);
    for (const k of Object.values(DIMENSION_LABELS)) expect(en[k]).toBeTruthy();
    expect(dimensionLabel("usability")).toBeNull();
  });
});
