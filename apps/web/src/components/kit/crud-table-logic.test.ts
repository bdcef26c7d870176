import { describe, expect, it } from "vitest";
import { PAGE_SIZE, pagingFor } from "./crud-table-logic";

describe("pagingFor", () => {
  it("shows a list that fits on one page without a pager", () => {
    expect(pagingFor(0)).toBe(false);
    expect(pagingFor(PAGE_SIZE)).toBe(false);
  });

  it("pages a longer list", () => {
    expect(pagingFor(PAGE_SIZE + 1)).toEqual({ pageSize: PAGE_SIZE });
    expect(pagingFor(11, 10)).toEqual({ pageSize: 10 });
  });
});
