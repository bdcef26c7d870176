import { describe, expect, it } from "vitest";
import { idFeedback } from "./id-check";

const today = "2026-11-23";

describe("the ID number, checked as it is typed", () => {
  it("says nothing wrong while digits are still being typed", () => {
    expect(idFeedback("1101051949", today)).toEqual({ kind: "typing", count: 10 });
    expect(idFeedback("１１０１", today)).toEqual({ kind: "typing", count: 4 });
    expect(idFeedback("", today)).toEqual({ kind: "empty" });
  });

  it("refuses at once what cannot become a number", () => {
    const f = idFeedback("11010a", today);
    expect(f.kind).toBe("error");
    if (f.kind === "error") expect(f.zh).toMatch(/只能由数字组成/);
  });

  it("refuses a wrong check digit in Chinese, naming the cause", () => {
    const f = idFeedback("110105194912310021", today);
    expect(f.kind === "error" && f.code).toBe("INVALID_CHECKSUM");
    if (f.kind === "error") expect(f.zh).toMatch(/校验位/);
  });

  it("accepts a valid number (lower-case x too) and tells birth date and sex", () => {
    const f = idFeedback("11010519491231002x", today);
    expect(f.kind).toBe("ok");
    if (f.kind === "ok") {
      expect(f.info.normalized).toBe("11010519491231002X");
      expect(f.info.birthDate).toBe("1949-12-31");
      expect(f.info.sex).toBe("female");
    }
  });

  it("on leaving the field, a short number is an error, and a 15-digit one is called legacy", () => {
    expect(idFeedback("1101051949", today, true).kind).toBe("error");
    const legacy = idFeedback("110105491231002", today, true);
    expect(legacy.kind === "error" && legacy.code).toBe("LEGACY_ID_NUMBER");
  });
});
