import { describe, expect, it } from "vitest";
import {
  attachmentLimitProblem,
  compareAttachmentPages,
  MAX_ATTACHMENT_BYTES,
  MAX_CASE_ATTACHMENT_BYTES,
  MAX_CASE_ATTACHMENTS,
  nextAttachmentPage,
} from "./attachments";

const MB = 1024 * 1024;
const files = (n: number, size: number) =>
  Array.from({ length: n }, (_, i) => ({ size, hash: `h${i}` }));

describe("attachment limits", () => {
  it("are 10 MB a file, 60 files and 100 MB a case", () => {
    expect([MAX_ATTACHMENT_BYTES, MAX_CASE_ATTACHMENTS, MAX_CASE_ATTACHMENT_BYTES]).toEqual([
      10 * MB,
      60,
      100 * MB,
    ]);
  });

  it("a file at the limit fits; one byte more names the per-file limit and the field", () => {
    expect(attachmentLimitProblem([], { size: 10 * MB })).toBeNull();
    const p = attachmentLimitProblem([], { size: 10 * MB + 1 });
    expect(p?.limit).toBe("fileBytes");
    expect(p?.error).toMatchObject({ code: "OUT_OF_RANGE", field: "file" });
    expect(p?.error.zh).toContain("10 MB");
  });

  it("the 61st file names the per-case count", () => {
    expect(attachmentLimitProblem(files(59, 1), { size: 1 })).toBeNull();
    const p = attachmentLimitProblem(files(60, 1), { size: 1 });
    expect(p?.limit).toBe("caseFiles");
    expect(p?.error).toMatchObject({ field: "attachments" });
    expect(p?.error.zh).toContain("60");
  });

  it("past 100 MB in all names the per-case total, with what is used", () => {
    expect(attachmentLimitProblem(files(10, 9 * MB), { size: 10 * MB })).toBeNull();
    const over = attachmentLimitProblem(files(11, 9 * MB), { size: 2 * MB });
    expect(over?.limit).toBe("caseBytes");
    expect(over?.error.zh).toContain("99.0 MB");
  });

  it("a file the case already holds adds nothing, even at the count limit", () => {
    expect(attachmentLimitProblem(files(60, 1), { size: 1, hash: "h3" })).toBeNull();
  });
});

describe("pages of a material", () => {
  it("the next page comes after the existing ones; older references without a page count as 0", () => {
    expect(nextAttachmentPage([])).toBe(1);
    expect(nextAttachmentPage([{}, {}])).toBe(1);
    expect(nextAttachmentPage([{ page: 1 }, { page: 3 }, {}])).toBe(4);
  });

  it("order: page (none first), then name, then hash", () => {
    const refs = [
      { hash: "c", name: "b.jpg", page: 2 },
      { hash: "b", name: "z.jpg" },
      { hash: "a", name: "a.jpg", page: 1 },
      { hash: "d", name: "b.jpg", page: 2 },
      { hash: "e", name: "a.jpg" },
    ];
    expect([...refs].sort(compareAttachmentPages).map((r) => r.hash)).toEqual([
      "e",
      "b",
      "a",
      "c",
      "d",
    ]);
  });
});
