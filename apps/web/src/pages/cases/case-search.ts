import type { AccessPurposeKind } from "@bangban/domain";
import type { ListInput } from "../../api/types";
import { purposeOf } from "../case/reveal-id";

export interface CaseSearch {
  caseNumber?: string;
  applicantName?: string;
  idNumber?: string;
  statuses?: string[];
  /** Why the ID number is searched: required with it, written to the audit log. */
  kind?: AccessPurposeKind;
  note?: string;
}

/** The search form's values as list input: blanks left out, newest first; a purpose only with an ID number. */
export function listInputOf(s: CaseSearch): ListInput {
  const text = (v?: string) => (v?.trim() ? v.trim() : undefined);
  return {
    caseNumber: text(s.caseNumber),
    applicantName: text(s.applicantName),
    idNumber: text(s.idNumber),
    ...(text(s.idNumber) && s.kind ? { purpose: purposeOf({ kind: s.kind, note: s.note }) } : {}),
    statuses: s.statuses?.length ? s.statuses : undefined,
    orderBy: "submitted",
  };
}
