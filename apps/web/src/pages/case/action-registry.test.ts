import { CASE_EVENT_TYPES } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { ACTIONS, caseButtons, mayInviteRating } from "./action-registry";

const provided = [{ state: "provided" }];
const types = (bs: { type: string }[]) => bs.map((b) => b.type);

describe("the case's buttons come from the server's allowed list", () => {
  it("shows exactly the allowed events that have a button, in the table's order", () => {
    const { row, more, end } = caseButtons({
      allowed: ["note", "withdraw", "transfer", "forward", "complain"],
      materials: provided,
    });
    expect(types(row)).toEqual(["forward", "transfer"]);
    expect(more).toEqual([]);
    expect(types(end)).toEqual(["withdraw"]);
  });

  it("puts the rarer back-office actions under 更多", () => {
    const { row, more } = caseButtons({
      allowed: ["submit_for_approval", "suspend", "reassign", "set_pickup_site", "transfer"],
      materials: provided,
    });
    expect(types(row)).toEqual(["submit_for_approval", "transfer"]);
    expect(types(more)).toEqual(["suspend", "reassign", "set_pickup_site"]);
  });

  it("offers 补充材料 only when a material is missing or deferred", () => {
    expect(types(caseButtons({ allowed: ["supplement"], materials: provided }).row)).toEqual([]);
    const deferred = [{ state: "provided" }, { state: "deferred" }];
    expect(types(caseButtons({ allowed: ["supplement"], materials: deferred }).row)).toEqual([
      "supplement",
    ]);
  });

  it("nothing allowed, nothing shown", () => {
    expect(caseButtons({ allowed: [], materials: provided })).toEqual({
      row: [],
      more: [],
      end: [],
    });
  });

  it("names only real event types, and each opens a confirmation or a dialog", () => {
    for (const [type, spec] of Object.entries(ACTIONS)) {
      expect(CASE_EVENT_TYPES).toContain(type);
      expect("confirm" in spec.opens || "dialog" in spec.opens).toBe(true);
    }
  });
});

describe("邀请评价", () => {
  it("is for receivers, until the case has its offline rating", () => {
    expect(mayInviteRating("helper", [])).toBe(true);
    expect(mayInviteRating("reviewer", [])).toBe(false);
    expect(mayInviteRating("helper", [{ channel: "offline", stage: "completion" }])).toBe(false);
    expect(mayInviteRating("helper", [{ channel: "online", stage: "completion" }])).toBe(true);
  });
});
