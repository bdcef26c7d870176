import { describe, expect, it } from "vitest";
import { nodeClock, parseNow } from "./clock";

describe("the node clock", () => {
  it("BANGBAN_NOW takes an instant with its offset, or a date (09:00 China time)", () => {
    expect(parseNow("2026-12-10")?.toISOString()).toBe("2026-12-10T01:00:00.000Z");
    expect(parseNow("2026-12-10T08:30:00+08:00")?.toISOString()).toBe("2026-12-10T00:30:00.000Z");
    expect(parseNow("2026-12-10T08:30:00Z")?.toISOString()).toBe("2026-12-10T08:30:00.000Z");
  });

  it("refuses what it cannot read, and a local time without an offset (whose zone would it be?)", () => {
    expect(parseNow("next monday")).toBeNull();
    expect(parseNow("2026-12-10T08:30:00")).toBeNull();
    expect(parseNow("2026-13-45")).toBeNull();
  });

  it("a moved clock starts at the given moment and runs on at the real pace", () => {
    let real = Date.parse("2026-01-01T00:00:00Z");
    const clock = nodeClock(new Date("2026-12-10T01:00:00Z"), () => real);
    expect(clock().toISOString()).toBe("2026-12-10T01:00:00.000Z");
    real += 90_000;
    expect(clock().toISOString()).toBe("2026-12-10T01:01:30.000Z");
    expect(nodeClock(null, () => real)().getTime()).toBe(real);
  });
});
