import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCheckChar, idNumberSchema, parseIdNumber } from "./id-number";

const today = "2025-06-01";
const parse = (input: string, field?: string) => parseIdNumber(input, { today, field });

/** Build a valid ID from parts, with the check character computed. */
const build = (address: string, yyyymmdd: string, seq: string): string => {
  const first17 = `${address}${yyyymmdd}${seq}`;
  return first17 + computeCheckChar(first17);
};

const validId = fc
  .record({
    address: fc.stringMatching(/^[1-9]\d{5}$/),
    birth: fc.date({
      min: new Date("1900-01-01T00:00:00Z"),
      max: new Date(`${today}T00:00:00Z`),
      noInvalidDate: true,
    }),
    seq: fc.stringMatching(/^\d{3}$/),
  })
  .map(({ address, birth, seq }) =>
    build(address, birth.toISOString().slice(0, 10).replaceAll("-", ""), seq),
  );

describe("parseIdNumber", () => {
  it("身份证: verified vectors 11010519491231002X and 440524188001010014 are valid", () => {
    const a = parse("11010519491231002X");
    expect(a).toEqual({
      ok: true,
      value: {
        normalized: "11010519491231002X",
        addressCode: "110105",
        birthDate: "1949-12-31",
        sex: "female",
        foreignPermanentResident: false,
      },
    });
    const b = parse("440524188001010014");
    expect(b.ok && b.value.birthDate).toBe("1880-01-01");
    expect(b.ok && b.value.sex).toBe("male");
  });

  it("身份证: lowercase x is accepted and stored as X", () => {
    const r = parse("11010519491231002x");
    expect(r.ok && r.value.normalized).toBe("11010519491231002X");
  });

  it("身份证: spaces and full-width digits are removed/converted before checking", () => {
    const r = parse(" 110105 19491231 002x ");
    expect(r.ok && r.value.normalized).toBe("11010519491231002X");
    const fw = parse("４４０５２４１８８００１０１００１４");
    expect(fw.ok && fw.value.normalized).toBe("440524188001010014");
  });

  it("身份证: MOD 11-2 check character must match, and the refusal names the field", () => {
    const r = parse("110105194912310021", "applicant.idNumber");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("INVALID_CHECKSUM");
    expect(r.error.field).toBe("applicant.idNumber");
    expect(r.error.zh).toContain("最后一位");
    expect(r.error.zh).toContain("请核对");
  });

  it("身份证: default field name is idNumber", () => {
    const r = parse("110105194912310021");
    expect(!r.ok && r.error.field).toBe("idNumber");
  });

  it("身份证: 15-digit legacy numbers are refused with a message saying so", () => {
    const r = parse("110105491231002");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("LEGACY_ID_NUMBER");
    expect(r.error.zh).toContain("15位");
    expect(r.error.zh).toContain("18位");
  });

  it("身份证: birth date must be a real date (Feb 30 refused)", () => {
    const r = parse(build("110105", "19490230", "002"));
    expect(!r.ok && r.error.code).toBe("INVALID_DATE");
  });

  it("身份证: Feb 29 only in leap years (2000 yes, 1900 no)", () => {
    expect(parse(build("110105", "20000229", "002")).ok).toBe(true);
    const r = parse(build("110105", "19000229", "002"));
    expect(!r.ok && r.error.code).toBe("INVALID_DATE");
  });

  it("身份证: month 00 / 13 and day 00 are not dates", () => {
    for (const d of ["19490031", "19491331", "19491200"]) {
      const r = parse(build("110105", d, "002"));
      expect(!r.ok && r.error.code).toBe("INVALID_DATE");
    }
  });

  it("身份证: birth years before 1800 are refused as not a real birth date", () => {
    const r = parse(build("110105", "17991231", "002"));
    expect(!r.ok && r.error.code).toBe("INVALID_DATE");
  });

  it("身份证: birth date must not be after today (today itself is fine)", () => {
    expect(parse(build("110105", "20250601", "002")).ok).toBe(true);
    const r = parse(build("110105", "20250602", "002"));
    expect(!r.ok && r.error.code).toBe("FUTURE_DATE");
  });

  it("身份证: wrong length or stray characters are INVALID_FORMAT", () => {
    for (const bad of [
      "1101051949123100",
      "1101051949123100211",
      "11010519491231X02X",
      "1101-0519491231002X",
    ]) {
      const r = parse(bad);
      expect(!r.ok && r.error.code).toBe("INVALID_FORMAT");
    }
  });

  it("身份证: empty input is REQUIRED", () => {
    const r = parse("   ");
    expect(!r.ok && r.error.code).toBe("REQUIRED");
  });

  it("身份证: 17th digit odd = male, even = female", () => {
    const m = parse(build("110105", "19800101", "001"));
    const f = parse(build("110105", "19800101", "002"));
    expect(m.ok && m.value.sex).toBe("male");
    expect(f.ok && f.value.sex).toBe("female");
  });

  it("身份证: prefix 9 marks a foreigner permanent-residence ID, same check", () => {
    const r = parse(build("931234", "19800101", "001"));
    expect(r.ok && r.value.foreignPermanentResident).toBe(true);
  });

  it("身份证: retired address codes are not rejected", () => {
    // 110103 (北京市崇文区) was merged into 东城区 in 2010; holders keep their numbers.
    expect(parse(build("110103", "19700101", "011")).ok).toBe(true);
  });

  it("身份证: a malformed 'today' is a programming error and throws CONFIG", () => {
    expect(() => parseIdNumber("11010519491231002X", { today: "2025-02-30" })).toThrow(/today/);
  });

  it("身份证: computeCheckChar reproduces the verified vectors", () => {
    expect(computeCheckChar("11010519491231002")).toBe("X");
    expect(computeCheckChar("44052418800101001")).toBe("4");
    expect(() => computeCheckChar("123")).toThrow();
  });

  it("身份证 (property): any generated valid ID parses and round-trips its parts", () => {
    fc.assert(
      fc.property(validId, (id) => {
        const r = parse(id.toLowerCase());
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.normalized).toBe(id);
        expect(r.value.addressCode).toBe(id.slice(0, 6));
        expect(r.value.birthDate.replaceAll("-", "")).toBe(id.slice(6, 14));
      }),
    );
  });

  it("身份证 (property): changing any single character of a valid ID makes it invalid", () => {
    fc.assert(
      fc.property(validId, fc.nat({ max: 17 }), fc.constantFrom(..."0123456789X"), (id, i, c) => {
        fc.pre(id.charAt(i) !== c);
        const changed = id.slice(0, i) + c + id.slice(i + 1);
        expect(parse(changed).ok).toBe(false);
      }),
    );
  });
});

describe("idNumberSchema", () => {
  it("身份证 schema: outputs the normalized number", () => {
    expect(idNumberSchema(today).parse("11010519491231002x")).toBe("11010519491231002X");
  });

  it("身份证 schema: the issue message is the Chinese message", () => {
    const r = idNumberSchema(today).safeParse("110105491231002");
    expect(r.success).toBe(false);
    const legacy = parse("110105491231002");
    expect(r.error?.issues[0]?.message).toBe(!legacy.ok ? legacy.error.zh : "");
  });
});
