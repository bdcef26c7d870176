import {
  type CaseStage,
  type CaseStatus,
  caseStageLabels,
  caseStatusLabels,
} from "@bangban/domain";
import { Tag } from "antd";
import { useI18n } from "../i18n/i18n-context";
import { pick } from "../i18n/lang";

const colours: Record<CaseStatus, string> = {
  SUBMITTED: "processing",
  NEEDS_CORRECTION: "warning",
  REJECTED_AT_INTAKE: "default",
  ACCEPTED: "blue",
  IN_REVIEW: "geekblue",
  SUSPENDED: "purple",
  APPROVED: "cyan",
  DENIED: "volcano",
  READY_FOR_PICKUP: "gold",
  COMPLETED: "success",
  WITHDRAWN: "default",
  TERMINATED: "default",
};

/** The status, with the step inside it when there is one (已受理 · 已转报中心, 审查中 · 待审批). */
export function StatusTag({ status, stage }: { status: CaseStatus; stage?: CaseStage | null }) {
  const { lang } = useI18n();
  const label = pick(caseStatusLabels[status], lang);
  return (
    <Tag color={colours[status]}>
      {stage ? `${label} · ${pick(caseStageLabels[stage], lang)}` : label}
    </Tag>
  );
}
