import { describe, expect, it } from "vitest";
import {
  NO_CHOICE,
  OFFLINE_DIMENSIONS,
  type RatingChoice,
  ratingSubmission,
  tapDimension,
} from "./rating-choice";

describe("the rating screen's choice", () => {
  it("asks the four offline dimensions", () => {
    expect(OFFLINE_DIMENSIONS).toEqual(["overall", "efficiency", "competence", "attitude"]);
  });

  it("sends nothing without a level; the level alone when no dimension was tapped", () => {
    expect(ratingSubmission(NO_CHOICE)).toBeNull();
    expect(ratingSubmission({ ...NO_CHOICE, level: 2 })).toEqual({ level: 2 });
  });

  it("one tap per dimension; a second tap on the same level takes it back", () => {
    let c: RatingChoice = { ...NO_CHOICE, level: 4 };
    c = tapDimension(c, "attitude", 5);
    c = tapDimension(c, "efficiency", 3);
    expect(ratingSubmission(c)).toEqual({ level: 4, dimensions: { attitude: 5, efficiency: 3 } });
    c = tapDimension(c, "attitude", 5);
    c = tapDimension(c, "efficiency", 2);
    expect(ratingSubmission(c)).toEqual({ level: 4, dimensions: { efficiency: 2 } });
  });
});
