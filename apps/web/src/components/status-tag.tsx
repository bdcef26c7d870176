import { type CaseStatus, caseStatusLabels } from "@bangban/domain";
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

export function StatusTag({ status }: { status: CaseStatus }) {
  const { lang } = useI18n();
  return <Tag color={colours[status]}>{pick(caseStatusLabels[status], lang)}</Tag>;
}
