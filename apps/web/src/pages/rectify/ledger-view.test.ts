import { describe, expect, it } from "vitest";
import { ledgerInput, ledgerRows, offersSiteFilter } from "./ledger-view";

describe("差评台账 filters", () => {
  it("a station lead's site is the server's to force; the center lead filters by site", () => {
    expect(ledgerInput("station_lead", { siteId: "330106001002" })).toEqual({
      siteId: undefined,
      state: undefined,
    });
    expect(ledgerInput("center_lead", { siteId: "330106001002", state: "open" })).toEqual({
      siteId: "330106001002",
      state: "open",
    });
    expect(offersSiteFilter("station_lead")).toBe(false);
    expect(offersSiteFilter("district_admin")).toBe(true);
  });

  it("超期 asks for the open records and keeps the red ones", () => {
    expect(ledgerInput("center_lead", { state: "overdue" })).toEqual({
      siteId: undefined,
      openOnly: true,
    });
    const rows = [
      { id: 1, overdue: true },
      { id: 2, overdue: false },
    ];
    expect(ledgerRows(rows, { state: "overdue" }).map((r) => r.id)).toEqual([1]);
    expect(ledgerRows(rows, {}).map((r) => r.id)).toEqual([1, 2]);
  });
});
