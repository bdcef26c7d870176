import { describe, expect, it } from "vitest";
import { roleName } from "./role-name";

describe("role names on the PIN picker", () => {
  it("shows the role in the chosen language", () => {
    expect(roleName("帮办员", "en")).toBe("Station helper");
    expect(roleName("帮办员", "zh")).toBe("帮办员");
    expect(roleName("未知岗位", "en")).toBe("未知岗位");
  });
});
