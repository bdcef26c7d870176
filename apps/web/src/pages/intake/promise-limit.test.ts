import { describe, expect, it } from "vitest";
import { latestPromiseDate } from "./promise-limit";

describe("the latest 容缺 promise date", () => {
  it("is the item's promised limit in working days, skipping the National Day week", () => {
    // 2026-09-30 + 1 working day: 10-01..10-07 are holidays, 10-08 is the next working day.
    expect(latestPromiseDate("2026-09-30", 1)).toBe("2026-10-08");
  });

  it("has no date for same-day items", () => {
    expect(latestPromiseDate("2026-11-23", 0)).toBeNull();
  });
});
