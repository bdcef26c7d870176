import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing";
import { nextCaseNumber } from "./counters";

describe("nextCaseNumber", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("counts per site and per day, independently", async () => {
    const a = "330106001001";
    const b = "330106001002";
    expect(await nextCaseNumber(t.db, a, "2026-11-23")).toBe(`${a}-20261123-0001`);
    expect(await nextCaseNumber(t.db, a, "2026-11-23")).toBe(`${a}-20261123-0002`);
    expect(await nextCaseNumber(t.db, b, "2026-11-23")).toBe(`${b}-20261123-0001`);
    expect(await nextCaseNumber(t.db, a, "2026-11-24")).toBe(`${a}-20261124-0001`);
    expect(await nextCaseNumber(t.db, a, "2026-11-23")).toBe(`${a}-20261123-0003`);
  });

  it("never hands out a number twice under concurrent calls, and survives a restart", async () => {
    const site = "330106001001";
    const got = await Promise.all(
      Array.from({ length: 50 }, () => nextCaseNumber(t.db, site, "2026-11-23")),
    );
    expect(new Set(got).size).toBe(50);
    const again = await t.reopen();
    expect(await nextCaseNumber(again, site, "2026-11-23")).toBe(`${site}-20261123-0051`);
  });

  it("refuses a day that is not YYYY-MM-DD", async () => {
    await expect(nextCaseNumber(t.db, "330106001001", "20261123")).rejects.toMatchObject({
      code: "INVALID_DATE",
      field: "day",
    });
  });
});
