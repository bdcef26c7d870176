import { describe, expect, it } from "vitest";
import {
  caseNumberFromSearch,
  caseNumberProblem,
  phoneLast4Problem,
  progressInputOf,
} from "./progress-query";

describe("the public progress query", () => {
  it("accepts a case number and four digits as residents type them", () => {
    expect(caseNumberProblem("330106001001-20261123-0001")).toBeNull();
    expect(caseNumberProblem(" ３３０１０６００１００１－２０２６１１２３－０００１ ")).toBeNull();
    expect(phoneLast4Problem("５６７８")).toBeNull();
    expect(
      progressInputOf({ caseNumber: " 330106001001-20261123-0001", phoneLast4: "5678 " }),
    ).toEqual({ caseNumber: "330106001001-20261123-0001", phoneLast4: "5678" });
  });

  it("says what is missing or malformed, before asking the hub", () => {
    expect(caseNumberProblem("")).toBe("progress.caseNumberRequired");
    expect(caseNumberProblem("BB-2026")).toBe("progress.caseNumberFormat");
    expect(phoneLast4Problem(undefined)).toBe("progress.phoneRequired");
    expect(phoneLast4Problem("567")).toBe("progress.phoneFormat");
    expect(phoneLast4Problem("13812345678")).toBe("progress.phoneFormat");
  });

  it("takes the case number from the receipt's QR code", () => {
    expect(caseNumberFromSearch(new URLSearchParams("no=330106001001-20261123-0001"))).toBe(
      "330106001001-20261123-0001",
    );
    expect(caseNumberFromSearch(new URLSearchParams(""))).toBe("");
  });
});
