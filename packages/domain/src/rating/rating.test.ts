import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../calendar/workdays";
import { defaultRules, rulesWith } from "../config";
import { DomainError } from "../errors";
import {
  activeRatingRate,
  anonymiseRatingForStaff,
  autoDefaultRating,
  badRatingRectifyDue,
  checkRatingUnique,
  isBadRating,
  parseRating,
  RATING_LEVELS,
  type Rating,
  type RatingLevel,
  ratingDimensionLabel,
  ratingDimensions,
  ratingInviteOn,
  ratingKey,
  ratingLevelLabels,
  rectificationRate,
  satisfactionRate,
} from "./rating";

const calendar = new WorkCalendar();

const rating = (over: Partial<Rating> = {}): Rating =>
  ({
    caseId: "case-1",
    channel: "offline",
    stage: "completion",
    level: 5,
    ratedOn: "2026-09-30",
    ...over,
  }) as Rating;

describe("levels", () => {
  it("好差评: five levels from 非常满意 (5) to 非常不满意 (1)", () => {
    expect(RATING_LEVELS.map((l) => ratingLevelLabels[l])).toEqual([
      "非常不满意",
      "不满意",
      "基本满意",
      "满意",
      "非常满意",
    ]);
  });

  it("好差评: levels 1 and 2 are 差评", () => {
    expect(RATING_LEVELS.filter(isBadRating)).toEqual([1, 2]);
  });
});

describe("schema", () => {
  it("好差评: the stage defaults to completion", () => {
    const parsed = parseRating({
      caseId: "c1",
      channel: "online",
      level: 4,
      ratedOn: "2026-10-08",
    });
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.stage).toBe("completion");
  });

  it("好差评: the level is an integer from 1 to 5", () => {
    for (const level of [0, 6, 3.5, "5"]) {
      const parsed = parseRating({
        caseId: "c1",
        channel: "offline",
        level,
        ratedOn: "2026-10-08",
      });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.field).toBe("level");
    }
  });

  it("好差评: offline rates 整体满意度/服务效率/服务水平/服务态度", () => {
    expect(ratingDimensions.offline.map((d) => ratingDimensionLabel("offline", d))).toEqual([
      "整体满意度",
      "服务效率",
      "服务水平",
      "服务态度",
    ]);
  });

  it("好差评: online rates 整体满意度/办事效率/办事指南精确度/办事便捷度/平台操作性", () => {
    expect(ratingDimensions.online.map((d) => ratingDimensionLabel("online", d))).toEqual([
      "整体满意度",
      "办事效率",
      "办事指南精确度",
      "办事便捷度",
      "平台操作性",
    ]);
  });

  it("好差评: dimension scores are optional, 1–5, and only the channel's own", () => {
    const base = { caseId: "c1", level: 4, ratedOn: "2026-10-08" };
    expect(parseRating({ ...base, channel: "offline", dimensions: { attitude: 5 } }).ok).toBe(true);
    expect(parseRating({ ...base, channel: "online", dimensions: { usability: 2 } }).ok).toBe(true);

    const wrongChannel = parseRating({ ...base, channel: "offline", dimensions: { usability: 2 } });
    expect(wrongChannel.ok).toBe(false);
    if (!wrongChannel.ok) {
      expect(wrongChannel.error.field).toBe("dimensions");
      expect(wrongChannel.error.zh).toContain("服务态度");
    }
    const outOfRange = parseRating({ ...base, channel: "online", dimensions: { overall: 6 } });
    expect(outOfRange.ok).toBe(false);
    if (!outOfRange.ok) expect(outOfRange.error.field).toBe("dimensions.overall");
  });
});

describe("uniqueness", () => {
  it("好差评: one rating per case, channel and stage", () => {
    const existing = [rating()];
    const again = checkRatingUnique(existing, rating({ level: 1 }));
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe("DUPLICATE");
      expect(again.error.zh).toContain("一次一评");
    }
  });

  it("好差评: the same case may be rated on another channel or at another stage", () => {
    const existing = [rating()];
    expect(checkRatingUnique(existing, rating({ channel: "online" })).ok).toBe(true);
    expect(checkRatingUnique(existing, rating({ stage: "acceptance" })).ok).toBe(true);
    expect(checkRatingUnique(existing, rating({ caseId: "case-2" })).ok).toBe(true);
  });

  it("好差评: the rating key cannot be confused by separators in ids", () => {
    expect(ratingKey("a|offline", "online", "x")).not.toBe(ratingKey("a", "offline", "online|x"));
    expect(ratingKey("c1", "online")).toBe(ratingKey("c1", "online", "completion"));
  });
});

describe("dates", () => {
  it("好差评: 差评 are rectified and fed back within 5 working days", () => {
    // 2026-10-01…07 is the National Day holiday; Saturday 10-10 is a make-up working day.
    expect(badRatingRectifyDue("2026-09-30", defaultRules, calendar)).toEqual({
      date: "2026-10-13",
      uncertain: false,
    });
  });

  it("好差评: the rectification period is per jurisdiction (Sichuan: 15 working days)", () => {
    const sichuan = rulesWith({ badRatingRectifyWorkdays: 15 });
    expect(badRatingRectifyDue("2026-03-02", sichuan, calendar).date).toBe("2026-03-23");
  });

  it("好差评: a rectification deadline in an unpublished year is flagged uncertain", () => {
    expect(badRatingRectifyDue("2026-12-29", defaultRules, calendar).uncertain).toBe(true);
  });

  it("好差评: a rating is invited 3 natural days after completion", () => {
    expect(ratingInviteOn("2026-09-30", defaultRules)).toBe("2026-10-03");
  });

  it("好差评: no automatic default rating unless the jurisdiction turns it on", () => {
    const input = {
      caseId: "c1",
      channel: "online" as const,
      completedOn: "2026-09-01",
      today: "2026-12-31",
      existing: [],
    };
    expect(defaultRules.ratingAutoDefault.enabled).toBe(false);
    expect(autoDefaultRating(input, defaultRules)).toBeNull();
  });

  it("好差评: where enabled, an unrated case becomes 基本满意 after 7 natural days (Guangdong)", () => {
    const guangdong = rulesWith({ ratingAutoDefault: { enabled: true, afterNaturalDays: 7 } });
    const input = {
      caseId: "c1",
      channel: "online" as const,
      completedOn: "2026-09-28",
      existing: [],
    };
    expect(autoDefaultRating({ ...input, today: "2026-10-04" }, guangdong)).toBeNull();
    expect(autoDefaultRating({ ...input, today: "2026-10-05" }, guangdong)).toEqual({
      caseId: "c1",
      channel: "online",
      stage: "completion",
      level: 3,
      ratedOn: "2026-10-05",
      autoDefaulted: true,
    });
    const rated = [{ caseId: "c1", channel: "online" as const, stage: "completion" }];
    expect(
      autoDefaultRating({ ...input, today: "2026-10-05", existing: rated }, guangdong),
    ).toBeNull();
  });
});

describe("metrics", () => {
  it("好差评: 满意率 counts 基本满意 and above over all ratings", () => {
    expect(satisfactionRate([5, 4, 3, 2, 1])).toBeCloseTo(0.6);
    expect(satisfactionRate([3, 3, 2, 1])).toBe(0.5);
    expect(satisfactionRate([])).toBeNull();
  });

  it("好差评: 满意率 is within [0, 1], and 1 when every level is 基本满意 or better", () => {
    const level = fc.constantFrom<RatingLevel>(...RATING_LEVELS);
    fc.assert(
      fc.property(fc.array(level, { minLength: 1 }), (levels) => {
        const rate = satisfactionRate(levels);
        expect(rate).not.toBeNull();
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }),
    );
    const good = fc.constantFrom<RatingLevel>(3, 4, 5);
    fc.assert(
      fc.property(fc.array(good, { minLength: 1 }), (levels) => {
        expect(satisfactionRate(levels)).toBe(1);
      }),
    );
  });

  it("好差评: 主动评价率 = rated cases ÷ completed cases", () => {
    expect(activeRatingRate(30, 40)).toBe(0.75);
    expect(activeRatingRate(0, 0)).toBeNull();
    expect(() => activeRatingRate(41, 40)).toThrow(DomainError);
    expect(() => activeRatingRate(-1, 40)).toThrow(DomainError);
  });

  it("好差评: 差评整改率 = rectified ÷ 差评", () => {
    expect(rectificationRate(3, 4)).toBe(0.75);
    expect(rectificationRate(0, 0)).toBeNull();
    expect(() => rectificationRate(1.5, 4)).toThrow(DomainError);
  });
});

describe("privacy", () => {
  it("好差评: the rater's identity is hidden from the staff rated", () => {
    const named = rating({
      level: 1,
      comment: "等候太久",
      raterId: "resident-9",
      raterName: "张三明",
      raterPhone: "13812345678",
    });
    const view = anonymiseRatingForStaff(named);
    expect(view).toEqual({
      caseId: "case-1",
      channel: "offline",
      stage: "completion",
      level: 1,
      ratedOn: "2026-09-30",
      comment: "等候太久",
    });
    expect(JSON.stringify(view)).not.toMatch(/张三明|13812345678|resident-9/);
    expect(named.raterName).toBe("张三明");
  });
});
