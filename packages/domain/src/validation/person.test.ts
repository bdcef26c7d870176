import { describe, expect, it } from "vitest";
import { parsePerson, parsePersonName } from "./person";

const today = "2026-12-05";
const good = {
  name: "王秀英",
  idNumber: "11010519491231002x",
  phone: "138 1234 5678",
  address: "",
};

describe("parsePersonName", () => {
  it("accepts Chinese, minority and foreign names", () => {
    for (const n of ["王秀英", "阿依古丽·买买提", "John O'Neil", "Marie-Claire"]) {
      expect(parsePersonName(n)).toEqual({ ok: true, value: n });
    }
  });

  it("refuses markup, control characters and empty names, naming the field", () => {
    for (const n of ["<b>王</b>", "王\u0000", "a&b", "   ", "x".repeat(51)]) {
      const r = parsePersonName(n, "applicant.name");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.field).toBe("applicant.name");
    }
  });
});

describe("parsePerson", () => {
  it("normalises ID number and phone", () => {
    const r = parsePerson({ ...good, phone: "13812345678" }, "applicant", today);
    expect(r).toEqual({
      ok: true,
      value: { ...good, idNumber: "11010519491231002X", phone: "13812345678" },
    });
  });

  it("names the first bad field under its prefix", () => {
    const bad = parsePerson(
      { ...good, phone: "13812345678", idNumber: "not-an-id" },
      "agent",
      today,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe("agent.idNumber");
  });
});
