import { describe, expect, it } from "vitest";
import { hashSecret, TEST_SECRET_COST, verifySecret } from "./password";

describe("secret hashing", () => {
  it("hashes at the production cost unless told otherwise", async () => {
    const stored = await hashSecret("Bangban-2026");
    expect(stored.split("$").slice(0, 4)).toEqual(["scrypt", "32768", "8", "1"]);
    expect(await verifySecret("Bangban-2026", stored)).toBe(true);
    expect(await verifySecret("bangban-2026", stored)).toBe(false);
  });

  it("a test-cost hash carries its own cost and verifies the same way", async () => {
    const stored = await hashSecret("246810", TEST_SECRET_COST);
    expect(stored.split("$")[1]).toBe(String(TEST_SECRET_COST.N));
    expect(await verifySecret("246810", stored)).toBe(true);
    expect(await verifySecret("246811", stored)).toBe(false);
  });

  it("a malformed stored hash never verifies", async () => {
    expect(await verifySecret("x", null)).toBe(false);
    expect(await verifySecret("x", "md5$abc")).toBe(false);
  });
});
