import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { periodOf, periodOfRange } from "./period";

describe("a figures page's period", () => {
  it("sends only the ends that were chosen", () => {
    expect(periodOf(null)).toEqual({});
    expect(periodOf(["2026-11-01", "2026-11-23"])).toEqual({
      from: "2026-11-01",
      to: "2026-11-23",
    });
    expect(periodOf(["2026-11-01", null])).toEqual({ from: "2026-11-01" });
  });

  it("reads the picker's dates as local days, an open end left out", () => {
    expect(periodOfRange(null)).toEqual({});
    expect(periodOfRange([dayjs("2026-11-01T23:30:00"), dayjs("2026-11-23T00:10:00")])).toEqual({
      from: "2026-11-01",
      to: "2026-11-23",
    });
    expect(periodOfRange([null, dayjs("2026-11-23")])).toEqual({ to: "2026-11-23" });
    expect(periodOfRange([null, null])).toEqual({});
  });
});
