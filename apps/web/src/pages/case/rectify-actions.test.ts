import { describe, expect, it } from "vitest";
import { mayRevealRater, rectifyButtons, rectifyStateColour } from "./rectify-actions";

const types = (bs: { type: string }[]) => bs.map((b) => b.type);
const ALL = [
  "rectify_classify",
  "rectify_record",
  "rectify_callback",
  "rectify_appeal",
  "rectify_appeal_decide",
] as const;

describe("差评整改 buttons", () => {
  it("offer only what the server allows, fitted to the record's state", () => {
    const open = { state: "open" as const, realName: true, appeal: null };
    expect(types(rectifyButtons(ALL, open))).toEqual(["rectify_classify", "rectify_appeal"]);
    expect(types(rectifyButtons(["rectify_appeal"], open))).toEqual(["rectify_appeal"]);
    expect(rectifyButtons([], open)).toEqual([]);
  });

  it("回访 only for a named rater once the rectification is recorded; the contact with it", () => {
    const due = { state: "callback_due" as const, realName: true, appeal: null };
    expect(types(rectifyButtons(ALL, due))).toEqual([
      "rectify_record",
      "rectify_callback",
      "rectify_appeal",
    ]);
    expect(mayRevealRater(ALL, due)).toBe(true);
    expect(mayRevealRater(["rectify_appeal"], due)).toBe(false);
    expect(mayRevealRater(ALL, { ...due, realName: false })).toBe(false);
  });

  it("one appeal per record; the decision only while it is pending; nothing once closed", () => {
    const rejected = { state: "open" as const, realName: true, appeal: { reason: "误评" } };
    expect(types(rectifyButtons(ALL, rejected))).toEqual(["rectify_classify"]);
    const appealing = { state: "appealing" as const, realName: true, appeal: { reason: "误评" } };
    expect(types(rectifyButtons(ALL, appealing))).toEqual(["rectify_appeal_decide"]);
    expect(rectifyButtons(ALL, { state: "closed", realName: true, appeal: null })).toEqual([]);
  });

  it("overdue is red whatever the state; closed green", () => {
    expect(rectifyStateColour("rectifying", true)).toBe("red");
    expect(rectifyStateColour("closed", false)).toBe("green");
    expect(rectifyStateColour("open", false)).toBe("orange");
  });
});
