import { describe, expect, it } from "vitest";
import { exportRequest, fileNameOf } from "./export-file";

describe("exportRequest", () => {
  it("posts the filters and the format as a JSON body, the screen's paging left out", () => {
    const r = exportRequest("cases", "csv", {
      idNumber: "33010619400101004X",
      statuses: ["ACCEPTED"],
      limit: 20,
      offset: 40,
    });
    expect(r.url).toBe("/api/export/cases");
    expect(r.url).not.toContain("3301");
    expect(r.init.method).toBe("POST");
    expect(JSON.parse(String(r.init.body))).toEqual({
      idNumber: "33010619400101004X",
      statuses: ["ACCEPTED"],
      format: "csv",
    });
  });
});

describe("fileNameOf", () => {
  it("reads the UTF-8 name first, then the plain one, then the fallback", () => {
    const zh = encodeURIComponent("数据看板_全部.xlsx");
    expect(fileNameOf(`attachment; filename="export.xlsx"; filename*=UTF-8''${zh}`, "x")).toBe(
      "数据看板_全部.xlsx",
    );
    expect(fileNameOf('attachment; filename="export.csv"', "x")).toBe("export.csv");
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", "x")).toBe("x");
    expect(fileNameOf(null, "export.csv")).toBe("export.csv");
  });
});
