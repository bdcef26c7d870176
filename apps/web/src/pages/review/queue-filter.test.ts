import { describe, expect, it } from "vitest";
import {
  atSite,
  filterFromSearch,
  pageOf,
  QUEUE_PAGE,
  QUEUE_STATUSES,
  queueInputOf,
  SITE_SCAN_LIMIT,
  searchOfFilter,
} from "./queue-filter";

describe("the back-office queue's filters", () => {
  it("ask for every site's open cases, nearest deadline first", () => {
    expect(queueInputOf({ page: 1 })).toEqual({
      scope: "all",
      open: true,
      orderBy: "due",
      statuses: undefined,
      itemCode: undefined,
      colour: undefined,
      caseNumber: undefined,
      limit: QUEUE_PAGE,
      offset: 0,
    });
  });

  it("map item, status, colour and page to the list input", () => {
    const input = queueInputOf({
      itemCode: "MZ-GF-001",
      statuses: ["IN_REVIEW", "ACCEPTED"],
      colour: "red",
      caseNumber: " 330106001001-20261123-0001 ",
      page: 3,
    });
    expect(input).toMatchObject({
      itemCode: "MZ-GF-001",
      statuses: ["IN_REVIEW", "ACCEPTED"],
      colour: "red",
      caseNumber: "330106001001-20261123-0001",
      offset: 2 * QUEUE_PAGE,
    });
  });

  it("read the most urgent cases at once when a site is chosen, and cut them here", () => {
    expect(queueInputOf({ siteId: "330106001001", page: 2 })).toMatchObject({
      limit: SITE_SCAN_LIMIT,
      offset: 0,
    });
    const rows = [
      { id: 1, originSiteId: "A", handlingSiteId: "C", pickupSiteId: null },
      { id: 2, originSiteId: "B", handlingSiteId: "C", pickupSiteId: "A" },
      { id: 3, originSiteId: "B", handlingSiteId: "B", pickupSiteId: null },
    ];
    expect(atSite(rows, "A").map((r) => r.id)).toEqual([1, 2]);
    expect(atSite(rows, undefined)).toHaveLength(3);
    expect(pageOf([...Array(45).keys()], 3)).toEqual([40, 41, 42, 43, 44]);
  });

  it("待审批: ask for the cases whose opinion waits for the approver, and keep it in the address", () => {
    expect(queueInputOf({ awaiting: true, page: 1 })).toMatchObject({ stage: "awaiting_approval" });
    expect(queueInputOf({ page: 1 }).stage).toBeUndefined();
    const f = { awaiting: true, page: 1 };
    expect(searchOfFilter(f).toString()).toBe("awaiting=1");
    expect(filterFromSearch(searchOfFilter(f))).toMatchObject({ awaiting: true });
    expect(filterFromSearch(new URLSearchParams("awaiting=yes")).awaiting).toBeUndefined();
  });

  it("survive a round trip through the address, ignoring what they do not know", () => {
    const f = {
      siteId: "330106001002",
      itemCode: "MZ-GF-002",
      statuses: ["APPROVED" as const],
      colour: "yellow" as const,
      caseNumber: "330106001002-20261120-0003",
      page: 2,
    };
    expect(filterFromSearch(searchOfFilter(f))).toEqual(f);
    const odd = filterFromSearch(new URLSearchParams("status=COMPLETED&colour=blue&page=-1"));
    expect(odd).toEqual({
      siteId: undefined,
      itemCode: undefined,
      statuses: undefined,
      colour: undefined,
      caseNumber: undefined,
      page: 1,
    });
  });

  it("offer only statuses a case can wait in", () => {
    expect(QUEUE_STATUSES).toContain("IN_REVIEW");
    expect(QUEUE_STATUSES).not.toContain("COMPLETED");
  });
});
