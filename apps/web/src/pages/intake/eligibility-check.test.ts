import { findItem, seedCatalog } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { eligibilityFeedback } from "./eligibility-check";

const elderly = findItem(seedCatalog, "MZ-GF-001");
const residence = findItem(seedCatalog, "SQ-GG-001");
const TODAY = "2026-11-23";
const withId = (idNumber: string, householdVerified?: boolean) => ({
  applicant: { idNumber },
  householdVerified,
});

describe("受理条件 checked as the ID is typed", () => {
  it("says why a 56-year-old cannot apply for 高龄津贴, before submit", () => {
    const f = eligibilityFeedback(elderly, withId("330106197001010035"), TODAY);
    expect(f).toMatchObject({ kind: "refused", householdMayVerify: false });
    if (f.kind === "refused") expect(f.zh).toContain("年满 80 周岁");
  });

  it("waits for a complete, valid ID number", () => {
    expect(eligibilityFeedback(elderly, withId("3301061970"), TODAY).kind).toBe("none");
    expect(eligibilityFeedback(elderly, withId("330106197001010030"), TODAY).kind).toBe("none");
  });

  it("an ID issued outside the district may be lifted by the 户口簿 check, and then passes", () => {
    const f = eligibilityFeedback(elderly, withId("110105194001010018"), TODAY);
    expect(f).toMatchObject({ kind: "refused", householdMayVerify: true });
    expect(eligibilityFeedback(elderly, withId("110105194001010018", true), TODAY).kind).toBe("ok");
  });

  it("an item without conditions has nothing to say", () => {
    expect(eligibilityFeedback(residence, withId("330106197001010035"), TODAY).kind).toBe("none");
  });
});
