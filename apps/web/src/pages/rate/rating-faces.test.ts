import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zh } from "../../i18n/zh";
import { RATING_FACES } from "./rating-faces";

describe("rating faces", () => {
  it("five levels, best first, each with its own icon from the app's icon set and its label", () => {
    expect(RATING_FACES.map((f) => f.level)).toEqual([5, 4, 3, 2, 1]);
    expect(new Set(RATING_FACES.map((f) => f.Icon)).size).toBe(5);
    for (const f of RATING_FACES) {
      // An antd icon component, not a character a font may lack.
      expect(typeof f.Icon).not.toBe("string");
      expect(f.Icon.displayName ?? "").toMatch(/^(Smile|Meh|Frown)(Filled|Outlined)$/);
    }
    expect(RATING_FACES.map((f) => zh[f.label])).toEqual([
      zh["rating.5"],
      zh["rating.4"],
      zh["rating.3"],
      zh["rating.2"],
      zh["rating.1"],
    ]);
    expect(RATING_FACES.every((f) => en[f.label].length > 0)).toBe(true);
  });
});
