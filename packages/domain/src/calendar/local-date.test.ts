import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import {
  addDays,
  assertLocalDate,
  compareDates,
  diffDays,
  isLocalDate,
  localDateOf,
  yearOf,
} from "./local-date";

dayjs.extend(utc);

describe("isLocalDate", () => {
  it("日期: a real day written YYYY-MM-DD is a LocalDate", () => {
    expect(isLocalDate("2026-10-08")).toBe(true);
    expect(isLocalDate("2024-02-29")).toBe(true);
  });

  it("日期: impossible days are refused, not rolled over (2026-02-29, 2026-13-01, 2026-04-31)", () => {
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2026-13-01")).toBe(false);
    expect(isLocalDate("2026-04-31")).toBe(false);
  });

  it("日期: the format is strict (no single digits, no time, no slashes)", () => {
    for (const s of [
      "2026-1-04",
      "2026-10-8",
      "2026/10/08",
      "2026-10-08T00:00",
      " 2026-10-08",
      "",
    ]) {
      expect(isLocalDate(s)).toBe(false);
    }
  });

  it("日期: a malformed date throws INVALID_DATE naming the field, in Chinese", () => {
    try {
      assertLocalDate("2026-02-30", "acceptedOn");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe("INVALID_DATE");
      expect(err.field).toBe("acceptedOn");
      expect(err.zh).toContain("acceptedOn");
    }
  });
});

describe("localDateOf", () => {
  it("日期: an instant is read on the China clock (UTC+8): 16:30Z on 30 Sep is 1 Oct", () => {
    expect(localDateOf("2026-09-30T16:30:00Z")).toBe("2026-10-01");
    expect(localDateOf("2026-09-30T15:59:59.999Z")).toBe("2026-09-30");
  });

  it("日期: an instant with an explicit offset keeps its meaning", () => {
    expect(localDateOf("2026-10-01T00:30:00+08:00")).toBe("2026-10-01");
    expect(localDateOf("2026-09-30T12:00:00-05:00")).toBe("2026-10-01");
  });

  it("日期: an instant without a zone is ambiguous and refused", () => {
    expect(() => localDateOf("2026-10-01T09:00:00")).toThrow(DomainError);
    expect(() => localDateOf("not a time")).toThrow(DomainError);
  });
});

describe("date arithmetic", () => {
  it("日期: addDays crosses months, leap days and years", () => {
    expect(addDays("2026-09-30", 1)).toBe("2026-10-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-10-08", 0)).toBe("2026-10-08");
  });

  it("日期: addDays refuses fractional days", () => {
    expect(() => addDays("2026-10-08", 1.5)).toThrow(DomainError);
  });

  it("日期: compareDates orders by the calendar", () => {
    expect(compareDates("2026-09-30", "2026-10-01")).toBe(-1);
    expect(compareDates("2026-10-01", "2026-10-01")).toBe(0);
    expect(compareDates("2027-01-01", "2026-12-31")).toBe(1);
  });

  it("日期: diffDays counts natural days b - a", () => {
    expect(diffDays("2026-09-30", "2026-10-08")).toBe(8);
    expect(diffDays("2026-10-08", "2026-09-30")).toBe(-8);
    expect(diffDays("2024-01-01", "2025-01-01")).toBe(366);
  });

  it("日期: yearOf reads the calendar year", () => {
    expect(yearOf("2027-01-01")).toBe(2027);
  });
});

// The arithmetic is done on day numbers; dayjs (UTC) is the oracle it must agree with.
describe("date arithmetic agrees with dayjs", () => {
  const day = fc
    .date({
      min: new Date("1900-01-01T00:00:00Z"),
      max: new Date("2199-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const parts = fc.tuple(
    fc.integer({ min: 1900, max: 2199 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  );

  it("日期: isLocalDate accepts exactly the days dayjs round-trips", () => {
    fc.assert(
      fc.property(parts, ([y, m, d]) => {
        const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        expect(isLocalDate(s)).toBe(dayjs.utc(s).format("YYYY-MM-DD") === s);
      }),
      { numRuns: 2000 },
    );
  });

  it("日期: addDays and diffDays match dayjs across months, leap years and centuries", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const moved = addDays(d, n);
        expect(moved).toBe(dayjs.utc(d).add(n, "day").format("YYYY-MM-DD"));
        expect(diffDays(d, moved)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it("日期: localDateOf reads the China date of any instant like dayjs at +08:00", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1990-01-01T00:00:00Z"),
          max: new Date("2199-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (t) => {
          const iso = t.toISOString();
          expect(localDateOf(iso)).toBe(dayjs.utc(iso).utcOffset(480).format("YYYY-MM-DD"));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
