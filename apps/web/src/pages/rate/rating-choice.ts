import { type RatingDimension, ratingDimensions } from "@bangban/domain";

/** The four offline dimensions (整体满意度/服务效率/服务水平/服务态度), asked under the level. */
export const OFFLINE_DIMENSIONS = ratingDimensions.offline;
export type OfflineDimension = (typeof OFFLINE_DIMENSIONS)[number];

/** What the resident has tapped so far: the level, and any dimensions (each optional). */
export interface RatingChoice {
  level: number | null;
  dimensions: Partial<Record<OfflineDimension, number>>;
}

export const NO_CHOICE: RatingChoice = { level: null, dimensions: {} };

/** One tap on a dimension's level; tapping the same level again takes it back. */
export function tapDimension(c: RatingChoice, dim: OfflineDimension, level: number): RatingChoice {
  const dimensions = { ...c.dimensions };
  if (dimensions[dim] === level) delete dimensions[dim];
  else dimensions[dim] = level;
  return { ...c, dimensions };
}

/** What is sent: the level, and the dimensions only when any was tapped; null without a level. */
export function ratingSubmission(
  c: RatingChoice,
): { level: number; dimensions?: Partial<Record<RatingDimension, number>> } | null {
  if (c.level === null) return null;
  return Object.keys(c.dimensions).length
    ? { level: c.level, dimensions: { ...c.dimensions } }
    : { level: c.level };
}
