import {
  CASE_STAGES,
  CASE_STATUSES,
  type RatingChannel,
  RECTIFICATION_STATES,
  ratingChannelSchema,
} from "@bangban/domain";
import type { CaseProjection } from "../projection";

const RATING_CHANNELS: readonly string[] = ratingChannelSchema.options;

/**
 * A sender's projection in a bulk frame is a claim: the receiver shows it until it verified
 * the case's history and computed its own (which then replaces it). Before storing it, the
 * receiver checks that it is a projection at all (every field of its type, nothing more) and
 * that every site it names is one the sender speaks for — so a lying sender can only misstate
 * its own figures, and only until verification.
 */
type Kind = "s" | "n" | "b" | readonly string[];
type Spec = readonly [key: keyof CaseProjection, kind: Kind, nullable: boolean];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const FIELDS: readonly Spec[] = [
  ["caseId", "s", false],
  ["caseNumber", "s", false],
  ["itemCode", "s", false],
  ["itemName", "s", false],
  ["itemVersion", "n", false],
  ["status", CASE_STATUSES, false],
  ["stage", CASE_STAGES, true],
  ["deferred", "b", false],
  ["outstandingDeferred", "n", false],
  ["originSiteId", "s", false],
  ["handlingSiteId", "s", false],
  ["pickupSiteId", "s", true],
  ["firstResponderId", "s", false],
  ["assigneeId", "s", true],
  ["applicantNameMasked", "s", false],
  ["applicantIdMasked", "s", false],
  ["applicantIdHash", "s", false],
  ["phoneMasked", "s", false],
  ["phoneLast4", "s", false],
  ["submittedAt", "s", false],
  ["acceptedAt", "s", true],
  ["decidedAt", "s", true],
  ["completedAt", "s", true],
  ["closedAt", "s", true],
  ["dueOn", "s", true],
  ["yellowFrom", "s", true],
  ["paused", "b", false],
  ["frozenColour", ["green", "yellow", "red"], true],
  ["onTime", "b", true],
  ["legalDueOn", "s", true],
  ["legalOnTime", "b", true],
  ["calendarUncertain", "b", false],
  ["conflict", "b", false],
  ["ratingLevel", "n", true],
  ["completedSiteId", "s", true],
  ["ratedSiteId", "s", true],
  ["promiseDueOn", "s", true],
  ["nextRuleOn", "s", true],
  ["forwardDueOn", "s", true],
  ["ruleState", "s", true],
  ["rectifySiteId", "s", true],
  ["rectifyState", RECTIFICATION_STATES, true],
  ["rectifyLevel", "n", true],
  ["rectifyRatedOn", "s", true],
  ["rectifyOpen", "n", false],
  ["rectifyDueOn", "s", true],
  ["rectifyBad", "n", false],
  ["rectifyClosed", "n", false],
  ["rectifyRealName", "n", false],
  ["rectifyCalledBack", "n", false],
  ["ratingExcluded", "b", false],
  ["eventCount", "n", false],
  ["updatedAt", "s", false],
];

/** Every key of a projection: its fields and its rating channels. */
const KNOWN: ReadonlySet<string> = new Set([...FIELDS.map(([key]) => key), "ratingChannels"]);

/** The fields naming a site: each must be one the sender speaks for. */
const SITE_FIELDS = [
  "originSiteId",
  "handlingSiteId",
  "pickupSiteId",
  "completedSiteId",
  "ratedSiteId",
  "rectifySiteId",
] as const satisfies readonly (keyof CaseProjection)[];

const DAY_FIELDS = [
  "dueOn",
  "yellowFrom",
  "legalDueOn",
  "promiseDueOn",
  "nextRuleOn",
  "forwardDueOn",
  "rectifyRatedOn",
  "rectifyDueOn",
] as const satisfies readonly (keyof CaseProjection)[];

/** A text field's bound: the whole projection is bounded by the frame (BULK_LIMITS). */
const MAX_TEXT = 16 * 1024;

function fits(value: unknown, kind: Kind): boolean {
  if (kind === "s") return typeof value === "string" && value.length <= MAX_TEXT;
  if (kind === "n") return typeof value === "number" && Number.isSafeInteger(value);
  if (kind === "b") return typeof value === "boolean";
  return typeof value === "string" && kind.includes(value);
}

export type ClaimCheck =
  | { ok: true; projection: CaseProjection }
  /** `own: false`: well-formed, but it names a site the sender does not speak for. */
  | { ok: false; own: boolean; field: string };

/**
 * The sender's projection rebuilt from its known fields, if every one has its type, it is of
 * `caseId`, its dates are dates and every site it names passes `speaks`.
 */
export function checkClaimedProjection(
  caseId: string,
  raw: unknown,
  speaks: (siteId: string) => boolean,
): ClaimCheck {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, own: true, field: "projection" };
  }
  const input = raw as Record<string, unknown>;
  for (const [key, kind, nullable] of FIELDS) {
    const value = input[key];
    if (!(value === null && nullable) && !fits(value, kind)) {
      return { ok: false, own: true, field: key };
    }
  }
  // Exactly the projection's keys (as a sender's store writes it): the parsed object is the
  // projection, with no copy (a bulk pull checks 10,000 of them). Otherwise only the known
  // fields are kept.
  let keys = 0;
  let exact = true;
  for (const key in input) {
    keys += 1;
    if (!KNOWN.has(key)) {
      exact = false;
      break;
    }
  }
  exact &&= keys === KNOWN.size;
  const out: Record<string, unknown> = exact ? input : {};
  if (!exact) for (const [key] of FIELDS) out[key] = input[key];
  const p = out as unknown as CaseProjection;
  if (p.caseId !== caseId) return { ok: false, own: true, field: "caseId" };
  for (const key of DAY_FIELDS) {
    const v = p[key];
    if (v !== null && !DAY.test(v)) return { ok: false, own: true, field: key };
  }
  const channels = input.ratingChannels;
  if (channels === null || channels === undefined) p.ratingChannels = null;
  else {
    if (!Array.isArray(channels) || channels.length > 50) {
      return { ok: false, own: true, field: "ratingChannels" };
    }
    const checked: { channel: RatingChannel; siteId: string }[] = [];
    for (const c of channels as unknown[]) {
      const ch = c as { channel?: unknown; siteId?: unknown } | null;
      if (
        typeof ch !== "object" ||
        ch === null ||
        !fits(ch.channel, RATING_CHANNELS) ||
        !fits(ch.siteId, "s")
      ) {
        return { ok: false, own: true, field: "ratingChannels" };
      }
      if (!speaks(ch.siteId as string)) return { ok: false, own: false, field: "ratingChannels" };
      checked.push({ channel: ch.channel as RatingChannel, siteId: ch.siteId as string });
    }
    p.ratingChannels = checked;
  }
  for (const key of SITE_FIELDS) {
    const v = p[key];
    if (v !== null && !speaks(v)) return { ok: false, own: false, field: key };
  }
  return { ok: true, projection: p };
}
