import { describe, expect, it } from "vitest";
import { locateField } from "./intake-steps";

describe("a server error's field, found on the wizard", () => {
  it("sends applicant and agent fields to their steps", () => {
    expect(locateField("applicant.idNumber")).toEqual({
      step: "applicant",
      name: ["applicant", "idNumber"],
    });
    expect(locateField("agent.phone")).toEqual({ step: "mode", name: ["agent", "phone"] });
    expect(locateField("powerOfAttorney")).toEqual({ step: "mode", name: ["powerOfAttorney"] });
    expect(locateField("itemCode")).toEqual({ step: "item", name: ["itemCode"] });
  });

  it("finds a 容缺 date named by position or by material code", () => {
    const sent = ["BANK_CARD", "PHOTO"];
    expect(locateField("deferred.1.promisedBy", sent)).toEqual({
      step: "outcome",
      name: ["promises", "PHOTO"],
    });
    expect(locateField("deferred.BANK_CARD.promisedBy", sent)).toEqual({
      step: "outcome",
      name: ["promises", "BANK_CARD"],
    });
  });

  it("points at the checklist for a material, and the whole outcome for the notice", () => {
    expect(locateField("materials.ID_CARD")).toEqual({
      step: "materials",
      name: ["materials", "ID_CARD"],
    });
    expect(locateField("missing")).toEqual({ step: "outcome", name: null });
    expect(locateField("commitmentSigned").name).toEqual(["commitmentSigned"]);
  });

  it("leaves fields that are not on the form to the banner", () => {
    expect(locateField("actor.role")).toEqual({ step: null, name: null });
    expect(locateField("applicant")).toEqual({ step: "applicant", name: null });
  });
});
