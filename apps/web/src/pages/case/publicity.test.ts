import { describe, expect, it } from "vitest";
import { publicityPrompt } from "./publicity";

const inReview = {
  status: "IN_REVIEW" as const,
  item: { publicityWorkdays: 5 },
  allowed: ["suspend", "submit_for_approval"] as const,
  timeline: [{ type: "start_review", payload: {} }],
};

describe("公示期 prompt", () => {
  it("prompts whoever may suspend a case in review of an item with a 公示期", () => {
    expect(publicityPrompt(inReview)).toEqual({ kind: "due", workdays: 5 });
  });

  it("says nothing for an item without 公示, or to someone who may not suspend", () => {
    expect(publicityPrompt({ ...inReview, item: { publicityWorkdays: null } })).toBeNull();
    expect(publicityPrompt({ ...inReview, allowed: [] })).toBeNull();
    expect(publicityPrompt({ ...inReview, status: "ACCEPTED" })).toBeNull();
  });

  it("while posted, says so and offers 恢复审查 to whoever may resume; once done, says nothing", () => {
    const posted = [...inReview.timeline, { type: "suspend", payload: { reason: "publicity" } }];
    expect(
      publicityPrompt({ ...inReview, status: "SUSPENDED", allowed: ["resume"], timeline: posted }),
    ).toEqual({ kind: "running", workdays: 5, mayResume: true });
    expect(
      publicityPrompt({ ...inReview, status: "SUSPENDED", allowed: [], timeline: posted }),
    ).toEqual({ kind: "running", workdays: 5, mayResume: false });
    const resumed = [...posted, { type: "resume", payload: {} }];
    expect(publicityPrompt({ ...inReview, timeline: resumed })).toBeNull();
  });

  it("a suspension for another reason is not 公示", () => {
    const hearing = [...inReview.timeline, { type: "suspend", payload: { reason: "hearing" } }];
    expect(
      publicityPrompt({ ...inReview, status: "SUSPENDED", allowed: ["resume"], timeline: hearing }),
    ).toBeNull();
  });
});
