import { describe, expect, it } from "vitest";
import { type AssignableStaff, reassignOptions } from "./reassign-options";

const s = (
  id: string,
  displayName: string,
  over: Partial<AssignableStaff> = {},
): AssignableStaff => ({
  id,
  displayName,
  role: "helper",
  absentToday: false,
  routesTo: id,
  ...over,
});

describe("the 转派 dialog's choices", () => {
  const staff = [
    s("u-a", "张丽", { absentToday: true, routesTo: "u-b" }),
    s("u-b", "王强"),
    s("u-c", "李明", { absentToday: true, routesTo: null }),
    s("u-d", "赵敏"),
  ];

  it("leave out the current 承办人 and list who is at work first", () => {
    expect(reassignOptions(staff, "u-d").map((o) => o.value)).toEqual(["u-b", "u-a", "u-c"]);
  });

  it("say who covers a person away today, and disable one nobody covers", () => {
    const [, a, c] = reassignOptions(staff, "u-d");
    expect(a).toMatchObject({ value: "u-a", coveredBy: "王强", disabled: false });
    expect(c).toMatchObject({ value: "u-c", coveredBy: null, disabled: true });
  });
});
