import { describe, expect, it } from "vitest";
import { idleExpired } from "./idle-lock";

const T = Date.parse("2026-11-02T02:00:00.000Z");

describe("idleExpired", () => {
  it("locks at the limit, not before", () => {
    expect(idleExpired(T, T + 14 * 60_000 + 59_999, 15)).toBe(false);
    expect(idleExpired(T, T + 15 * 60_000, 15)).toBe(true);
  });

  it("follows the node's configured limit", () => {
    expect(idleExpired(T, T + 5 * 60_000, 5)).toBe(true);
    expect(idleExpired(T, T + 5 * 60_000, 30)).toBe(false);
  });
});
