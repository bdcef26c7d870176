import { describe, expect, it } from "vitest";
import { orderScans, scanKind, scanProblemOf } from "./scan-order";

const scan = (hash: string, name: string, page?: number) => ({ hash, name, page });

describe("a material's scans", () => {
  it("show by page (none first), then name, then hash", () => {
    const ordered = orderScans([
      scan("c", "户口簿-2.jpg", 2),
      scan("b", "户口簿.pdf"),
      scan("a", "户口簿-1.jpg", 1),
      scan("e", "户口簿-1.jpg", 1),
      scan("d", "户口簿.jpg"),
    ]);
    expect(ordered.map((s) => s.hash)).toEqual(["d", "b", "a", "e", "c"]);
  });

  it("are shown as images, page-by-page PDFs, or plain files by their type", () => {
    expect(scanKind("image/jpeg")).toBe("image");
    expect(scanKind("image/png")).toBe("image");
    expect(scanKind("application/pdf")).toBe("pdf");
    expect(scanKind("application/octet-stream")).toBe("other");
  });

  it("a scan not on this node yet is told apart from a real failure", () => {
    expect(scanProblemOf(404, "NOT_SYNCED", undefined)).toBe("not_synced");
    expect(scanProblemOf(404, "NOT_FOUND", false)).toBe("not_synced");
    expect(scanProblemOf(404, "NOT_FOUND", undefined)).toBe("not_found");
    expect(scanProblemOf(404, "NOT_FOUND", true)).toBe("not_found");
    expect(scanProblemOf(500, "INTERNAL", false)).toBe("error");
    expect(scanProblemOf(0, undefined, undefined)).toBe("error");
  });
});
