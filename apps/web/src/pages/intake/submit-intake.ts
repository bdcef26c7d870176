import type { ServiceItem } from "@bangban/domain";
import { api } from "../../api/trpc";
import type { CaseCommandResult } from "../../api/types";
import { type IntakeValues, toDeferred, toIntakeInput, toMissing } from "./intake-values";
import type { CreatedCase } from "./use-intake-draft";

export interface SubmitResult {
  detail: CaseCommandResult;
  created: CreatedCase;
  noticeId: string | null;
}

/**
 * 收件 then the chosen outcome. When the case was already created by an earlier attempt (the
 * outcome failed: a date out of range, the network), only what is left is sent: the checklist
 * again if it changed, then the outcome. `onCreated` runs as soon as the case exists.
 */
export async function submitIntake(
  item: ServiceItem,
  values: IntakeValues,
  created: CreatedCase | null,
  onCreated: (c: CreatedCase) => void,
  reasonFallback: string,
): Promise<SubmitResult> {
  const input = toIntakeInput(item, values);
  const materialsSent = JSON.stringify(input.materials);
  let c = created;
  if (!c) {
    const detail = await api.cases.intake.mutate(input);
    c = { caseId: detail.caseId, caseNumber: detail.caseNumber, materialsSent };
    onCreated(c);
  } else if (c.materialsSent !== materialsSent) {
    await api.cases.updateMaterials.mutate({ caseId: c.caseId, materials: input.materials });
    c = { ...c, materialsSent };
    onCreated(c);
  }
  if (values.outcome === "notice") {
    const detail = await api.cases.requestCorrection.mutate({
      caseId: c.caseId,
      missing: toMissing(item, values, reasonFallback),
    });
    return { detail, created: c, noticeId: detail.notices.at(-1) ?? null };
  }
  const deferred = toDeferred(item, values);
  const detail = await api.cases.accept.mutate({
    caseId: c.caseId,
    deferred,
    commitmentSigned: deferred.length > 0 && values.commitmentSigned === true,
  });
  return { detail, created: c, noticeId: null };
}
