import { useCallback, useMemo } from "react";
import { dropDraft, loadDraft, saveDraft } from "../../lib/draft-storage";
import type { StepKey } from "./intake-steps";
import type { IntakeValues } from "./intake-values";

/** The case the wizard already created, so a retry never takes the same case in twice. */
export interface CreatedCase {
  caseId: string;
  caseNumber: string;
  /** The checklist as sent with the intake; a changed one is sent again before the outcome. */
  materialsSent: string;
}

export interface IntakeDraft {
  values: IntakeValues;
  step: StepKey;
  created: CreatedCase | null;
  /** Set once the outcome is recorded: the wizard shows the result and its papers. */
  result: { outcome: "accept" | "deferred" | "notice"; noticeId: string | null } | null;
}

export const EMPTY_DRAFT: IntakeDraft = {
  values: { residentPresent: true, materials: {} },
  step: "item",
  created: null,
  result: null,
};

/** The wizard's draft for this user, kept across reloads of this tab. */
export function useIntakeDraft(userId: string) {
  const key = `intake.${userId}`;
  // A finished intake is not resumed: its papers are on the case page; the next one starts clean.
  const initial = useMemo(() => {
    const d = loadDraft<IntakeDraft>(key);
    return d && d.step !== "done" ? d : EMPTY_DRAFT;
  }, [key]);
  const save = useCallback((d: IntakeDraft) => saveDraft(key, d), [key]);
  const clear = useCallback(() => dropDraft(key), [key]);
  return { initial, save, clear };
}
