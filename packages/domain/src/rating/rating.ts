import { z } from "zod";
import { addDays, compareDates, type LocalDate } from "../calendar/local-date";
import type { WorkCalendar, WorkdayDate } from "../calendar/workdays";
import type { SiteKind } from "../case/types";
import { localDateSchema, parseWith } from "../catalog/schema";
import type { JurisdictionRules } from "../config";
import { type Check, DomainError, fail, ok } from "../errors";

/** 好差评 (DOMAIN.md §5). */

// ---------------------------------------------------------------------------
// Levels

/** The five 好差评 levels, worst first. */
export const RATING_LEVELS = [1, 2, 3, 4, 5] as const;
/** 5 非常满意 … 1 非常不满意. */
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Chinese label of each level [S21][S22][S23]. */
export const ratingLevelLabels: Readonly<Record<RatingLevel, string>> = {
  5: "非常满意",
  4: "满意",
  3: "基本满意",
  2: "不满意",
  1: "非常不满意",
};

/** 差评: 不满意 and 非常不满意 (levels 2 and 1). */
export function isBadRating(level: RatingLevel): boolean {
  return level <= 2;
}

// ---------------------------------------------------------------------------
// Channels and dimensions

/**
 * offline 一次一评 at the window; online 一事一评 on the platform; qr 一事一评 on the resident's
 * own phone, through the QR code on the receipt and the result notice (GB/T 39734): a channel
 * that never passes through the helper's hands.
 */
export const ratingChannelSchema = z.enum(["offline", "online", "qr"], {
  error: "评价渠道应为线下评价、线上评价或扫码评价",
});
/** Where the rating was given. */
export type RatingChannel = z.infer<typeof ratingChannelSchema>;

/** Chinese label of each channel. */
export const ratingChannelLabels: Readonly<Record<RatingChannel, string>> = {
  offline: "线下评价（一次一评）",
  online: "线上评价（一事一评）",
  qr: "扫码评价（群众自评）",
};

/** The stage a rating belongs to when none is given. */
export const DEFAULT_RATING_STAGE = "completion";

/** The dimensions rated on each channel [S21]. */
export const ratingDimensions = {
  offline: ["overall", "efficiency", "competence", "attitude"],
  online: ["overall", "efficiency", "guideAccuracy", "convenience", "usability"],
  /** The resident rates the service they had at the window, so the window's four. */
  qr: ["overall", "efficiency", "competence", "attitude"],
} as const satisfies Record<RatingChannel, readonly string[]>;

/** A dimension rated on channel `C`. */
export type RatingDimension<C extends RatingChannel = RatingChannel> =
  (typeof ratingDimensions)[C][number];

/** Chinese label of each dimension. */
export const ratingDimensionLabels: Readonly<Record<RatingDimension, string>> = {
  overall: "整体满意度",
  efficiency: "服务效率",
  competence: "服务水平",
  attitude: "服务态度",
  guideAccuracy: "办事指南精确度",
  convenience: "办事便捷度",
  usability: "平台操作性",
};

/** Online, 效率 reads 办事效率 rather than 服务效率. */
export function ratingDimensionLabel(channel: RatingChannel, dim: RatingDimension): string {
  if (channel === "online" && dim === "efficiency") return "办事效率";
  return ratingDimensionLabels[dim];
}

// ---------------------------------------------------------------------------
// Schema

const levelSchema = z.literal(RATING_LEVELS, { error: "评价等级应为 1 至 5 的整数" });

const dimensionsOf = <C extends RatingChannel>(channel: C) => {
  const allowed = ratingDimensions[channel];
  const names = allowed.map((d) => `${d}（${ratingDimensionLabel(channel, d)}）`).join("、");
  return z.partialRecord(z.enum(allowed), levelSchema, {
    // zod's types do not list unrecognized_keys for records, but a partial record reports it.
    error: (iss) =>
      (iss.code as string) === "unrecognized_keys" ? `只能评价本渠道的维度：${names}` : undefined,
  });
};

const ratingBase = {
  caseId: z.string({ error: "必须填写办件编号" }).trim().min(1, "不能为空"),
  stage: z.string().trim().min(1, "不能为空").max(32).default(DEFAULT_RATING_STAGE),
  level: levelSchema,
  comment: z.string().trim().max(500, "评价内容不能超过 500 个字").optional(),
  ratedOn: localDateSchema,
  /** Set when the rating was filled in by {@link autoDefaultRating}, not by the resident. */
  autoDefaulted: z.boolean().optional(),
  /** Rater identity: protected, never shown to the staff rated (see {@link anonymiseRatingForStaff}). */
  raterId: z.string().trim().min(1).optional(),
  raterName: z.string().trim().min(1).optional(),
  raterPhone: z.string().trim().min(1).optional(),
};

/** A 好差评 rating; `dimensions` are keyed by the channel's own dimensions. */
export const ratingSchema = z.discriminatedUnion("channel", [
  z.object({
    ...ratingBase,
    channel: z.literal("offline"),
    dimensions: dimensionsOf("offline").optional(),
  }),
  z.object({
    ...ratingBase,
    channel: z.literal("online"),
    dimensions: dimensionsOf("online").optional(),
  }),
  z.object({
    ...ratingBase,
    channel: z.literal("qr"),
    dimensions: dimensionsOf("qr").optional(),
  }),
]);
/** A 好差评 rating. */
export type Rating = z.infer<typeof ratingSchema>;

/** Validates a rating from untrusted input; the error names the field. */
export function parseRating(input: unknown): Check<Rating> {
  return parseWith(ratingSchema, input);
}

// ---------------------------------------------------------------------------
// Who records each channel

/** 一次一评 at the window (one per encounter); 一事一评 elsewhere (one per matter). */
export function ratingRuleName(channel: RatingChannel): "一次一评" | "一事一评" {
  return channel === "offline" ? "一次一评" : "一事一评";
}

/** Where the case stands and where the rating is being recorded. */
export interface RatingChannelContext {
  /** The case is 办结 (COMPLETED). */
  completed: boolean;
  /** The kind of site recording the rating event. */
  siteKind: SiteKind;
}

/**
 * The channel's own rule, beside one-per-case-channel-and-stage. A qr rating is the resident's
 * own phone answering the hub's public page: only the hub (the street center) records it, so a
 * station cannot pass a rating from its own screen off as one the helper never saw; and it
 * rates the whole matter (一事一评), so only once the case is 办结.
 */
export function ratingChannelRefusal(
  channel: RatingChannel,
  at: RatingChannelContext,
): DomainError | null {
  if (channel !== "qr") return null;
  if (at.siteKind !== "center") {
    return new DomainError({
      code: "NOT_ALLOWED",
      field: "channel",
      zh: "扫码评价只能由群众在街道便民服务中心的公开评价页提交，站点不能记录",
      en: "Only the hub's public rating page records a qr rating",
    });
  }
  if (!at.completed) {
    return new DomainError({
      code: "NOT_ELIGIBLE",
      field: "status",
      zh: "办件办结后才能扫码评价",
      en: "A case can be rated by QR only once it is completed",
    });
  }
  return null;
}

/**
 * A rating not given at a counter — online, or on the resident's phone through the hub's page —
 * counts at the site that served the case, not where the event was recorded.
 */
export function ratedAwayFromCounter(channel: RatingChannel, siteKind: SiteKind): boolean {
  return channel === "qr" || siteKind === "online";
}

// ---------------------------------------------------------------------------
// Uniqueness

/** What makes a rating unique: one per case, channel and stage [A]. */
export type RatingKeyFields = Pick<Rating, "caseId" | "channel" | "stage">;

/** A stable key for `unique(caseId, channel, stage)`; unambiguous whatever the ids contain. */
export function ratingKey(
  caseId: string,
  channel: RatingChannel,
  stage: string = DEFAULT_RATING_STAGE,
): string {
  return JSON.stringify([caseId, channel, stage]);
}

/** Refuses a second rating of the same case, channel and stage (一次一评 / 一事一评). */
export function checkRatingUnique<T extends RatingKeyFields>(
  existing: readonly RatingKeyFields[],
  candidate: T,
): Check<T> {
  const key = ratingKey(candidate.caseId, candidate.channel, candidate.stage);
  const taken = existing.some((r) => ratingKey(r.caseId, r.channel, r.stage) === key);
  if (!taken) return ok(candidate);
  const rule = ratingRuleName(candidate.channel);
  return fail({
    code: "DUPLICATE",
    field: "stage",
    zh: `该办件在此渠道、此环节已评价过（${rule}），不能重复评价`,
    en: `case ${candidate.caseId} is already rated on ${candidate.channel} at stage ${candidate.stage}`,
  });
}

// ---------------------------------------------------------------------------
// Dates

function workdaysAfter(
  calendar: Pick<WorkCalendar, "addWorkdays">,
  start: LocalDate,
  n: number,
): WorkdayDate {
  const target = calendar.addWorkdays(start, n);
  // Without pauses the clock cannot be blocked; this guards the type, not a real case.
  if (target.blocked) throw new Error("addWorkdays blocked without pauses");
  return { date: target.date, uncertain: target.uncertain };
}

/** 差评 must be rectified and fed back by this day: N working days after the rating (§5). */
export function badRatingRectifyDue(
  ratedOn: LocalDate,
  rules: Pick<JurisdictionRules, "badRatingRectifyWorkdays">,
  calendar: Pick<WorkCalendar, "addWorkdays">,
): WorkdayDate {
  return workdaysAfter(calendar, ratedOn, rules.badRatingRectifyWorkdays);
}

/** The day to invite a rating: N natural days after completion [S27]. */
export function ratingInviteOn(
  completedOn: LocalDate,
  rules: Pick<JurisdictionRules, "ratingInviteAfterDays">,
): LocalDate {
  return addDays(completedOn, rules.ratingInviteAfterDays);
}

/** What {@link autoDefaultRating} needs to know about the unrated case. */
export interface AutoDefaultInput {
  caseId: string;
  channel: RatingChannel;
  stage?: string;
  completedOn: LocalDate;
  /** Today's date, passed in: the domain reads no clock. */
  today: LocalDate;
  /** Ratings already given, of any case. */
  existing: readonly RatingKeyFields[];
}

/**
 * The 基本满意 rating a jurisdiction records for a case left unrated for N natural days
 * (Guangdong [S26]). Null when the rule is off (the default), the time has not come, or the
 * case is already rated on this channel and stage.
 */
export function autoDefaultRating(
  input: AutoDefaultInput,
  rules: Pick<JurisdictionRules, "ratingAutoDefault">,
): Rating | null {
  const { enabled, afterNaturalDays } = rules.ratingAutoDefault;
  if (!enabled) return null;
  const dueOn = addDays(input.completedOn, afterNaturalDays);
  if (compareDates(input.today, dueOn) < 0) return null;
  const stage = input.stage ?? DEFAULT_RATING_STAGE;
  const candidate = { caseId: input.caseId, channel: input.channel, stage };
  if (!checkRatingUnique(input.existing, candidate).ok) return null;
  return { ...candidate, level: 3, ratedOn: dueOn, autoDefaulted: true };
}

// ---------------------------------------------------------------------------
// Metrics

function ratio(numerator: number, denominator: number, field: string): number | null {
  const valid =
    Number.isSafeInteger(numerator) &&
    Number.isSafeInteger(denominator) &&
    numerator >= 0 &&
    numerator <= denominator;
  if (!valid) {
    throw new DomainError({
      code: "OUT_OF_RANGE",
      field,
      zh: `${field} 计数无效：分子 ${numerator} 应为不大于分母 ${denominator} 的非负整数`,
      en: `${field}: ${numerator} / ${denominator} is not a valid count ratio`,
    });
  }
  return denominator === 0 ? null : numerator / denominator;
}

/** 满意率 = (5+4+3) ÷ all ("基本满意以上") [S29]; null when there are no ratings. */
export function satisfactionRate(levels: readonly RatingLevel[]): number | null {
  const satisfied = levels.filter((l) => l >= 3).length;
  return ratio(satisfied, levels.length, "levels");
}

/** 主动评价率 = rated cases ÷ completed cases [A]; null when nothing was completed. */
export function activeRatingRate(ratedCases: number, completedCases: number): number | null {
  return ratio(ratedCases, completedCases, "ratedCases");
}

/** 差评整改率 = rectified 差评 ÷ all 差评; null when there was no 差评. */
export function rectificationRate(rectified: number, bad: number): number | null {
  return ratio(rectified, bad, "rectified");
}

// ---------------------------------------------------------------------------
// Privacy

/** The fields that identify a rater. */
export type RaterFields = "raterId" | "raterName" | "raterPhone";

/** A rating as the staff it concerns may see it: without the rater's identity [S25][S26]. */
export type StaffRatingView<T extends Partial<Record<RaterFields, unknown>> = Rating> = Omit<
  T,
  RaterFields
>;

/** Drops the rater's identity before a rating is shown to the staff it concerns. */
export function anonymiseRatingForStaff<T extends Partial<Record<RaterFields, unknown>>>(
  rating: T,
): StaffRatingView<T> {
  const { raterId: _id, raterName: _name, raterPhone: _phone, ...rest } = rating;
  return rest;
}
