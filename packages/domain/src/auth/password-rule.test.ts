import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-rule";

describe("checkPassword (等保2.0 complexity)", () => {
  it("accepts 8+ characters with three kinds", () => {
    expect(checkPassword("Bangban2026", "zhangli").ok).toBe(true);
    expect(checkPassword("bangban-2026", "zhangli").ok).toBe(true);
    expect(checkPassword("密码Ab1!xyz", "zhangli").ok).toBe(true);
  });

  it("refuses short passwords, naming the field", () => {
    const r = checkPassword("Ab1!", "zhangli", "newPassword");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ field: "newPassword", zh: "密码至少 8 位" });
  });

  it("refuses passwords with fewer than three kinds", () => {
    for (const p of ["bangban2026", "BANGBAN2026", "abcdEFGH", "12345678!"]) {
      const r = checkPassword(p, "zhangli");
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.error.zh).toMatch(/至少三种/);
    }
  });

  it("refuses the user name, in any case or reversed", () => {
    for (const p of ["Zhang.li1", "ZHANG.LI1"]) {
      const r = checkPassword(p, "zhang.li1");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.zh).toBe("密码不能与用户名相同");
    }
    expect(checkPassword("1Il.gnahZ", "zhang.li1").ok).toBe(false);
  });

  it("refuses over 200 characters", () => {
    expect(checkPassword(`Aa1!${"x".repeat(200)}`, "u").ok).toBe(false);
  });
});
