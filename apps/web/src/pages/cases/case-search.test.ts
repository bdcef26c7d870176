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

describe("a search by full ID number", () => {
  it("carries the purpose the helper chose, and only with an ID number", () => {
    const byId = listInputOf({ idNumber: " 11010519491231002X ", kind: "complaint", note: " " });
    expect(byId).toMatchObject({ idNumber: "11010519491231002X", purpose: { kind: "complaint" } });
    expect(listInputOf({ applicantName: "王秀英", kind: "business" }).purpose).toBeUndefined();
  });
});
