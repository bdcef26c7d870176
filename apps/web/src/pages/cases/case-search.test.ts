import { describe, expect, it } from "vitest";
import { listInputOf } from "./case-search";

describe("the case search", () => {
  it("drops blanks and trims what was typed", () => {
    expect(listInputOf({ caseNumber: "  ", applicantName: " 王秀英 ", statuses: [] })).toEqual({
      caseNumber: undefined,
      applicantName: "王秀英",
      idNumber: undefined,
      statuses: undefined,
      orderBy: "submitted",
    });
  });
});
