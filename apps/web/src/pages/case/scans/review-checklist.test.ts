import { describe, expect, it } from "vitest";
import {
  firstToReview,
  isReviewScreen,
  markProblem,
  nextToReview,
  type ReviewMaterial,
  reviewProgress,
} from "./review-checklist";

const m = (
  code: string,
  check: ReviewMaterial["check"] = null,
  extra: Partial<ReviewMaterial> = {},
): ReviewMaterial => ({
  code,
  requirement: "mandatory",
  state: "provided",
  attachments: [],
  check,
  ...extra,
});
const ok = { verdict: "ok" as const };
const bad = { verdict: "needs_correction" as const, reason: "模糊" };

describe("审查 material by material", () => {
  it("the reviewer's screen is the center's staff on a case in review", () => {
    expect(isReviewScreen("reviewer", "IN_REVIEW")).toBe(true);
    expect(isReviewScreen("center_lead", "IN_REVIEW")).toBe(true);
    expect(isReviewScreen("helper", "IN_REVIEW")).toBe(false);
    expect(isReviewScreen("reviewer", "ACCEPTED")).toBe(false);
    expect(isReviewScreen(undefined, "IN_REVIEW")).toBe(false);
  });

  it("starts at the first material not yet marked, skipping conditional ones not given", () => {
    const list = [
      m("AGENT", null, { requirement: "conditional", state: "missing" }),
      m("ID", ok),
      m("HOUSEHOLD"),
      m("PHOTO"),
    ];
    expect(firstToReview(list)).toBe("HOUSEHOLD");
    expect(firstToReview([m("ID", ok), m("PHOTO", bad)])).toBe("ID");
    expect(firstToReview([])).toBeNull();
  });

  it("after a mark goes to the next unmarked material down the list, wrapping, and stays when all are marked", () => {
    const list = [m("ID"), m("HOUSEHOLD", ok), m("PHOTO", ok), m("BANK")];
    expect(nextToReview(list, "ID")).toBe("BANK");
    expect(nextToReview(list, "BANK")).toBe("ID");
    expect(nextToReview([m("ID", ok), m("PHOTO", bad)], "PHOTO")).toBe("PHOTO");
  });

  it("counts what is marked, and the 需补正 among them", () => {
    const list = [
      m("ID", ok),
      m("PHOTO", bad),
      m("BANK"),
      m("AGENT", null, { requirement: "conditional", state: "missing" }),
    ];
    expect(reviewProgress(list)).toEqual({ checked: 2, total: 3, needsCorrection: 1 });
  });

  it("需补正 needs a reason of two characters or more; 合格 needs none", () => {
    expect(markProblem("needs_correction", "")).toBe("scan.reasonRequired");
    expect(markProblem("needs_correction", " 糊 ")).toBe("scan.reasonRequired");
    expect(markProblem("needs_correction", "模糊")).toBeNull();
    expect(markProblem("ok", undefined)).toBeNull();
  });
});
