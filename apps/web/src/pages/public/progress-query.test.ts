import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import {
  caseNumberFromSearch,
  caseNumberProblem,
  phoneLast4Problem,
  progressInputOf,
  whereabouts,
} from "./progress-query";

describe("the public progress query", () => {
  it("accepts a case number and four digits as residents type them", () => {
    expect(caseNumberProblem("330106001001-20261123-0001")).toBeNull();
    expect(caseNumberProblem(" ３３０１０６００１００１－２０２６１１２３－０００１ ")).toBeNull();
    expect(phoneLast4Problem("５６７８")).toBeNull();
    expect(
      progressInputOf({ caseNumber: " 330106001001-20261123-0001", phoneLast4: "5678 " }),
    ).toEqual({ caseNumber: "330106001001-20261123-0001", phoneLast4: "5678" });
  });

  it("says what is missing or malformed, before asking the hub", () => {
    expect(caseNumberProblem("")).toBe("progress.caseNumberRequired");
    expect(caseNumberProblem("BB-2026")).toBe("progress.caseNumberFormat");
    expect(phoneLast4Problem(undefined)).toBe("progress.phoneRequired");
    expect(phoneLast4Problem("567")).toBe("progress.phoneFormat");
    expect(phoneLast4Problem("13812345678")).toBe("progress.phoneFormat");
  });

  it("takes the case number from the receipt's QR code", () => {
    expect(caseNumberFromSearch(new URLSearchParams("no=330106001001-20261123-0001"))).toBe(
      "330106001001-20261123-0001",
    );
    expect(caseNumberFromSearch(new URLSearchParams(""))).toBe("");
  });
});

describe("where the result is", () => {
  const since = "2026-11-02T02:00:00.000Z";
  const local = dayjs(since).format("YYYY-MM-DD HH:mm");

  it("待出件: the pick-up site and since when", () => {
    expect(
      whereabouts({ waiting: { siteName: "宝石社区便民服务站", since }, collected: null }),
    ).toEqual({ key: "progress13.waiting", params: { site: "宝石社区便民服务站", since: local } });
  });

  it("办结: who collected it (masked), where and when; 本人 and 代领 read differently", () => {
    const collected = {
      how: "collector" as const,
      nameMasked: "王*明",
      at: since,
      siteName: "B站",
    };
    expect(whereabouts({ waiting: null, collected })).toEqual({
      key: "progress13.collectedBy",
      params: { name: "王*明", site: "B站", at: local },
    });
    expect(whereabouts({ waiting: null, collected: { ...collected, how: "self" } })?.key).toBe(
      "progress13.collectedSelf",
    );
  });

  it("nothing to say before the result is out, or for an older case completed without a record", () => {
    expect(whereabouts({ waiting: null, collected: null })).toBeNull();
  });
});
