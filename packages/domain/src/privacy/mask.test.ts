import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCheckChar } from "../validation/id-number";
import {
  MASKED_ADDRESS_TAIL,
  MASKED_BANK_CARD_PLACEHOLDER,
  MASKED_ID_PLACEHOLDER,
  MASKED_PHONE_PLACEHOLDER,
  maskAddress,
  maskBankCard,
  maskIdNumber,
  maskName,
  maskPhone,
} from "./mask";

const digitCount = (s: string): number => s.replace(/\D/g, "").length;

describe("maskIdNumber", () => {
  it("脱敏 身份证: first 6 and last 4 kept, 8 birth-date digits starred", () => {
    expect(maskIdNumber("110105194912311234")).toBe("110105********1234");
    expect(maskIdNumber("11010519491231002x")).toBe("110105********002X");
  });

  it("脱敏 身份证: anything not shaped like an 18-character ID is fully masked, length hidden", () => {
    for (const bad of ["110105491231002", "abc", "1101051949123100211", "110105-19491231-002X"]) {
      expect(maskIdNumber(bad)).toBe(MASKED_ID_PLACEHOLDER);
    }
    expect(MASKED_ID_PLACEHOLDER).toBe("******************");
    expect(maskIdNumber("")).toBe("");
  });

  it("脱敏 身份证 (property): output is 18 chars and characters 7–14 are all *", () => {
    const id = fc.stringMatching(/^\d{17}$/).map((first17) => first17 + computeCheckChar(first17));
    fc.assert(
      fc.property(id, (source) => {
        const masked = maskIdNumber(source);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe("********");
        expect(masked.slice(0, 6) + masked.slice(14)).toBe(source.slice(0, 6) + source.slice(14));
      }),
    );
  });

  it("脱敏 身份证 (property): arbitrary input never reveals more than 10 of its characters", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(maskIdNumber(s).replace(/\*/g, "").length).toBeLessThanOrEqual(10);
      }),
    );
  });
});

describe("maskName", () => {
  it("脱敏 姓名: 3 chars → 张*明, 2 chars → 张*, 4+ chars keep first and last", () => {
    expect(maskName("张三明")).toBe("张*明");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳小明")).toBe("欧**明");
    expect(maskName("阿卜杜·热合曼")).toBe("阿*****曼");
  });

  it("脱敏 姓名: 1 char → *, empty → empty", () => {
    expect(maskName("明")).toBe("*");
    expect(maskName("  ")).toBe("");
  });

  it("脱敏 姓名: characters outside the BMP count as one character", () => {
    expect(maskName("𠮷野家")).toBe("𠮷*家");
  });

  it("脱敏 姓名 (property): length ≥2 reveals at most 2 characters (1 for length 2), never the full name", () => {
    const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.array(hanzi, { minLength: 2, maxLength: 12 }), (chars) => {
        const name = chars.join("");
        const masked = maskName(name);
        const shown = Array.from(masked).filter((c) => c !== "*");
        expect(shown.length).toBeLessThanOrEqual(chars.length === 2 ? 1 : 2);
        expect(masked).not.toBe(name);
        expect(Array.from(masked)).toHaveLength(chars.length);
      }),
    );
  });
});

describe("maskPhone", () => {
  it("脱敏 电话: mobile → first 3 and last 4", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("+86 138 1234 5678")).toBe("138****5678");
  });

  it("脱敏 电话: landline keeps the area code and the end of the number, at most 7 digits", () => {
    expect(maskPhone("010-12345678")).toBe("010-****5678");
    expect(maskPhone("075512345678")).toBe("0755-*****678");
    expect(maskPhone("0755-1234567-8001")).toBe("0755-****567-****");
  });

  it("脱敏 电话: anything not a phone number is fully masked; empty stays empty", () => {
    expect(maskPhone("12345")).toBe(MASKED_PHONE_PLACEHOLDER);
    expect(maskPhone("")).toBe("");
  });

  it("脱敏 电话 (property): a masked phone reveals at most 7 digits", () => {
    const phone = fc.oneof(
      fc.stringMatching(/^(\+?86)?1[3-9]\d{9}$/),
      fc.stringMatching(/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(phone, (p) => {
        expect(digitCount(maskPhone(p))).toBeLessThanOrEqual(7);
      }),
    );
  });
});

describe("maskBankCard", () => {
  it("脱敏 银行卡: only the last 4 digits, in a fixed **** **** **** layout", () => {
    expect(maskBankCard("6222 0212 3456 7890 123")).toBe("**** **** **** 0123");
    expect(maskBankCard("6222-0212-3456-7890")).toBe("**** **** **** 7890");
  });

  it("脱敏 银行卡: not 12–19 digits → fully masked; empty stays empty", () => {
    expect(maskBankCard("1234")).toBe(MASKED_BANK_CARD_PLACEHOLDER);
    expect(maskBankCard("6222abcd34567890")).toBe(MASKED_BANK_CARD_PLACEHOLDER);
    expect(maskBankCard("")).toBe("");
  });

  it("脱敏 银行卡 (property): a masked card reveals at most 4 digits, and they are its last 4", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^\d{12,19}$/), fc.string({ maxLength: 25 })),
        (card) => {
          const masked = maskBankCard(card);
          expect(digitCount(masked)).toBeLessThanOrEqual(4);
          const shown = masked.replace(/\D/g, "");
          expect(card.replace(/\D/g, "").endsWith(shown)).toBe(true);
        },
      ),
    );
  });
});

describe("maskAddress", () => {
  it("脱敏 地址: kept up to the street/community, road and house number hidden", () => {
    expect(maskAddress("北京市朝阳区建外街道建国路88号院3号楼2单元501")).toBe(
      `北京市朝阳区建外街道${MASKED_ADDRESS_TAIL}`,
    );
    expect(maskAddress("广东省东莞市虎门镇金龙社区金龙路12号")).toBe(
      `广东省东莞市虎门镇金龙社区${MASKED_ADDRESS_TAIL}`,
    );
    expect(maskAddress("河北省保定市涞水县三坡镇苟各庄村三组")).toBe(
      `河北省保定市涞水县三坡镇苟各庄村${MASKED_ADDRESS_TAIL}`,
    );
  });

  it("脱敏 地址: 小区 is an estate, not a district, and is hidden", () => {
    expect(maskAddress("上海市浦东新区阳光小区5号楼")).toBe(`上海市浦东新区${MASKED_ADDRESS_TAIL}`);
  });

  it("脱敏 地址: a marker after the first digit does not extend what is shown", () => {
    expect(maskAddress("成都市武侯区人民南路4号社区服务中心")).toBe(
      `成都市武侯区${MASKED_ADDRESS_TAIL}`,
    );
  });

  it("脱敏 地址: no region marker → fully hidden; only regions → unchanged; empty → empty", () => {
    expect(maskAddress("幸福里12号")).toBe(MASKED_ADDRESS_TAIL);
    expect(maskAddress("北京市朝阳区")).toBe("北京市朝阳区");
    expect(maskAddress(" ")).toBe("");
  });

  it("脱敏 地址 (property): a masked address never shows a digit", () => {
    const piece = fc.constantFrom(
      "北京市",
      "朝阳区",
      "建外街道",
      "建国路",
      "88号",
      "3号楼",
      "小区",
      "村",
      "501",
      "１２",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const masked = maskAddress(pieces.join(""));
        expect(/[0-9\uFF10-\uFF19]/.test(masked)).toBe(false);
      }),
    );
  });
});
