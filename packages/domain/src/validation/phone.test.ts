import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastFour, parsePhone, phoneSchema, splitLandline } from "./phone";

describe("parsePhone", () => {
  it("电话: mobile is 1[3-9] + 9 digits, normalized to 11 digits without +86", () => {
    for (const input of [
      "13812345678",
      "+8613812345678",
      "8613812345678",
      "138 1234 5678",
      "138-1234-5678",
    ]) {
      expect(parsePhone(input)).toEqual({
        ok: true,
        value: { kind: "mobile", normalized: "13812345678" },
      });
    }
  });

  it("电话: mobile second digit must be 3–9", () => {
    for (const bad of ["12812345678", "10812345678"]) {
      const r = parsePhone(bad);
      expect(!r.ok && r.error.code).toBe("INVALID_FORMAT");
    }
  });

  it("电话: a mobile of the wrong length gets a message saying 11 digits", () => {
    const r = parsePhone("1381234567", "applicant.phone");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.field).toBe("applicant.phone");
    expect(r.error.zh).toContain("11位");
  });

  it("电话: letters get their own message naming the field, not a digit count", () => {
    for (const input of ["138abcd1234", "1381234567a", "0571-8888ABCD"]) {
      const r = parsePhone(input, "applicant.phone");
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.field).toBe("applicant.phone");
      expect(r.error.zh).toContain("联系电话");
      expect(r.error.zh).toContain("字母");
      expect(r.error.zh).not.toContain("当前为");
      expect(r.error.en).toContain("letters");
    }
  });

  it("电话: landline is 0 + 2–3 digit area code, optional hyphen, 7–8 digits, optional extension", () => {
    const cases: [string, string][] = [
      ["010-12345678", "010-12345678"],
      ["01012345678", "010-12345678"],
      ["0755-1234567", "0755-1234567"],
      ["075512345678", "0755-12345678"],
      ["021-12345678-123", "021-12345678-123"],
      ["0201234567", "020-1234567"],
      ["010 1234 5678", "010-12345678"],
    ];
    for (const [input, normalized] of cases) {
      expect(parsePhone(input)).toEqual({ ok: true, value: { kind: "landline", normalized } });
    }
  });

  it("电话: landline pattern violations are refused", () => {
    for (const bad of ["010-123456", "10-12345678", "0755-123456789", "010-12345678-1234567"]) {
      const r = parsePhone(bad);
      expect(!r.ok && r.error.code).toBe("INVALID_FORMAT");
    }
  });

  it("电话: empty input is REQUIRED and names the default field 'phone'", () => {
    const r = parsePhone("  ");
    expect(!r.ok && r.error.code).toBe("REQUIRED");
    expect(!r.ok && r.error.field).toBe("phone");
  });

  it("电话: full-width digits from a Chinese IME are accepted", () => {
    const r = parsePhone("１３８１２３４５６７８");
    expect(r.ok && r.value.normalized).toBe("13812345678");
  });

  it("电话 (property): every number matching the mobile pattern parses to its last 11 digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(\+?86)?1[3-9]\d{9}$/), (s) => {
        const r = parsePhone(s);
        expect(r).toEqual({ ok: true, value: { kind: "mobile", normalized: s.slice(-11) } });
      }),
    );
  });

  it("电话 (property): every number matching the landline pattern parses, keeping its digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/), (s) => {
        const r = parsePhone(s);
        expect(r.ok && r.value.kind).toBe("landline");
        expect(r.ok && r.value.normalized.replace(/-/g, "")).toBe(s.replace(/-/g, ""));
      }),
    );
  });
});

describe("splitLandline", () => {
  it("电话: without a hyphen, 010/02X have 3-digit area codes and others 4", () => {
    expect(splitLandline("01012345678")).toEqual({ areaCode: "010", local: "12345678" });
    expect(splitLandline("075512345678-9")).toEqual({
      areaCode: "0755",
      local: "12345678",
      extension: "9",
    });
  });
});

describe("lastFour", () => {
  it("电话: lastFour is the last 4 digits of the number, never of the extension", () => {
    expect(lastFour("+86 138 1234 5678")).toBe("5678");
    expect(lastFour("010-12345678-123")).toBe("5678");
    expect(lastFour("not a phone 12")).toBe("12");
  });
});

describe("phoneSchema", () => {
  it("电话 schema: outputs the normalized number and reports the Chinese message", () => {
    expect(phoneSchema().parse("+86 13812345678")).toBe("13812345678");
    const r = phoneSchema().safeParse("12345");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain("手机号码");
  });
});
