import type { MessageKey } from "../../i18n/zh";
import { halfWidth } from "./progress-query";

/** The four dimensions the page asks (the window's four), each with its label. */
export const DIMENSION_LABELS: Readonly<Record<string, MessageKey>> = {
  overall: "qrRate.dim.overall",
  efficiency: "qrRate.dim.efficiency",
  competence: "qrRate.dim.competence",
  attitude: "qrRate.dim.attitude",
};

/** The label of a dimension the hub asks for; null for one this build does not know. */
export function dimensionLabel(dim: string): MessageKey | null {
  return DIMENSION_LABELS[dim] ?? null;
}

/** Matches the domain's limit on a rating's comment. */
export const COMMENT_MAX = 500;

/** What the resident filled in on the rating step. */
export interface EvaluateValues {
  level?: number;
  dimensions?: Record<string, number | null | undefined>;
  comment?: string;
}

/** What public.rating.submit receives: only the dimensions tapped, no empty comment. */
export function evaluateInputOf(
  proof: { caseNumber: string; phoneLast4: string },
  v: EvaluateValues,
): {
  caseNumber: string;
  phoneLast4: string;
  level: number | undefined;
  dimensions?: Record<string, number>;
  comment?: string;
} {
  const dims = Object.entries(v.dimensions ?? {}).filter(
    (e): e is [string, number] => typeof e[1] === "number" && e[1] >= 1,
  );
  const comment = (v.comment ?? "").trim();
  return {
    caseNumber: halfWidth(proof.caseNumber),
    phoneLast4: halfWidth(proof.phoneLast4),
    level: v.level,
    ...(dims.length > 0 ? { dimensions: Object.fromEntries(dims) } : {}),
    ...(comment ? { comment } : {}),
  };
}

export function levelProblem(v: number | undefined): MessageKey | null {
  return v === undefined ? "qrRate.levelRequired" : null;
}

export function commentProblem(v: string | undefined): MessageKey | null {
  return (v ?? "").trim().length > COMMENT_MAX ? "qrRate.commentTooLong" : null;
}

/** Which step the page shows once the case is found. */
export type EvaluateStep = "rate" | "notCompleted" | "alreadyRated" | "thanks";

export function evaluateStep(
  show: { canRate: boolean; alreadyRated: boolean },
  submitted: boolean,
): EvaluateStep {
  if (submitted) return "thanks";
  if (show.alreadyRated) return "alreadyRated";
  return show.canRate ? "rate" : "notCompleted";
}
