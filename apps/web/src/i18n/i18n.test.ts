import { describe, expect, it } from "vitest";
import { en } from "./en";
import { format, placeholders } from "./format";
import { translator } from "./i18n-context";
import { pick } from "./lang";
import { zh } from "./zh";

describe("the zh and en tables", () => {
  const keys = Object.keys(zh) as (keyof typeof zh)[];

  it("have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it("have a non-empty text for every key in both languages", () => {
    for (const k of keys) {
      expect(zh[k].trim(), `zh ${k}`).not.toBe("");
      expect(en[k].trim(), `en ${k}`).not.toBe("");
    }
  });

  it("agree on the placeholders of every key", () => {
    for (const k of keys) expect(placeholders(en[k]), k).toEqual(placeholders(zh[k]));
  });

  it("keep Chinese in the Chinese table (no key left untranslated)", () => {
    const latinOnly = keys.filter((k) => !/[\u4e00-\u9fff]/.test(zh[k]));
    // Only brand-free technical words may be Latin in zh; none today.
    expect(latinOnly).toEqual([]);
  });
});

describe("format", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("剩余 {n} 个工作日", { n: 3 })).toBe("剩余 3 个工作日");
    expect(format("{a} and {b}", { a: "x" })).toBe("x and {b}");
  });

  it("translates by language", () => {
    expect(translator("zh")("clock.left", { n: 2 })).toBe("剩余 2 个工作日");
    expect(translator("en")("clock.left", { n: 2 })).toBe("2 working days left");
  });

  it("picks a domain label's language", () => {
    expect(pick({ zh: "已受理", en: "Accepted" }, "en")).toBe("Accepted");
  });
});
