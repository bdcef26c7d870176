import type { ListInput } from "../../api/types";

export interface CaseSearch {
  caseNumber?: string;
  applicantName?: string;
  idNumber?: string;
  statuses?: string[];
}

/** The search form's values as list input: blanks left out, newest first. */
export function listInputOf(s: CaseSearch): ListInput {
  const text = (v?: string) => (v?.trim() ? v.trim() : undefined);
  return {
    caseNumber: text(s.caseNumber),
    applicantName: text(s.applicantName),
    idNumber: text(s.idNumber),
    statuses: s.statuses?.length ? s.statuses : undefined,
    orderBy: "submitted",
  };
}
