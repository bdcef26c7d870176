import { describe, expect, it } from "vitest";
import { idFinished, idWhileTyping, phoneValid } from "./validators";

const TODAY = "2026-11-23";

/** What the ID field shows on submit, when antd runs every rule of the field. */
async function messagesOnSubmit(value: string): Promise<string[]> {
  const rules = [idWhileTyping(TODAY, "zh"), idFinished(TODAY, "zh")];
  const results = await Promise.allSettled(rules.map((r) => r(null, value)));
  return results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
}

describe("ID number rules of a form field", () => {
  it("a wrong check digit is reported once, not by both rules", async () => {
    const shown = await messagesOnSubmit("330106194001010040");
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain("校验位");
  });

  it("a short number is reported once on leaving the field, not while typing", async () => {
    expect(await messagesOnSubmit("3301061940")).toHaveLength(1);
    await expect(idWhileTyping(TODAY, "zh")(null, "3301061940")).resolves.toBeUndefined();
  });

  it("a valid number is not refused", async () => {
    expect(await messagesOnSubmit("33010619400101004X")).toEqual([]);
  });
});

describe("phone rule", () => {
  it("letters are named as letters, not counted as a short number", async () => {
    await expect(phoneValid("zh")(null, "138abcd1234")).rejects.toThrow(/字母/);
  });
});
