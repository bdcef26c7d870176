import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return";

describe("where sign-in returns to", () => {
  it("returns to a path on this site", () => {
    expect(safeReturnPath("/cases/01K?x=1")).toBe("/cases/01K?x=1");
  });

  it("never leaves the site or loops back to sign-in", () => {
    expect(safeReturnPath("//evil.example")).toBe("/");
    expect(safeReturnPath("https://evil.example")).toBe("/");
    expect(safeReturnPath("/login?from=/x")).toBe("/");
    expect(safeReturnPath(null)).toBe("/");
  });
});
