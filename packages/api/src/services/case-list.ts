import type { CaseFilter } from "@bangban/db";
import { type AuditedPurpose, type CaseStatus, maskName, parseIdNumber } from "@bangban/domain";
import type { z } from "zod";
import type { listInput } from "../inputs";
import type { AuthedContext } from "./case-commands";
import { idLookupAudit, requirePurpose } from "./id-access";

export type ListInput = z.infer<typeof listInput>;

/** A person search by full ID number in a case list: audited with its purpose. */
export interface IdSearch {
  normalized: string;
  purpose: AuditedPurpose;
}

/**
 * The case list's filters as the store reads them, for the screen and the export alike: the
 * user's site unless a hub user asked for every site (or one of them); a full ID number
 * searched by its keyed hash, with its purpose checked.
 */
export function caseListFilter(
  ctx: AuthedContext,
  input: Omit<ListInput, "limit" | "offset">,
  today: string,
): { filter: Omit<CaseFilter, "limit" | "offset">; idSearch: IdSearch | undefined } {
  let idSearch: IdSearch | undefined;
  if (input.idNumber) {
    const id = parseIdNumber(input.idNumber, { today, field: "idNumber" });
    if (!id.ok) throw id.error;
    idSearch = { normalized: id.value.normalized, purpose: requirePurpose(input.purpose) };
  }
  const siteWide = input.scope === "all" && ctx.services.nodeRole === "hub";
  return {
    idSearch,
    filter: {
      siteIds:
        input.siteId && siteWide ? [input.siteId] : siteWide ? undefined : [ctx.services.site.id],
      statuses: input.statuses as CaseStatus[] | undefined,
      itemCode: input.itemCode,
      colour: input.colour,
      today,
      applicantNameMasked: input.applicantName ? maskName(input.applicantName) : undefined,
      applicantIdHash: idSearch && ctx.services.hashIdNumber(idSearch.normalized),
      caseNumber: input.caseNumber,
      open: input.open,
      conflict: input.conflict,
      stage: input.stage,
      orderBy: input.orderBy,
    },
  };
}

/** Writes the audit line of a person search by full ID number, when the list was one. */
export async function auditIdSearch(
  ctx: AuthedContext,
  idSearch: IdSearch | undefined,
  found: number,
  via: string,
): Promise<void> {
  if (!idSearch) return;
  const line = idLookupAudit(ctx, {
    idNormalized: idSearch.normalized,
    purpose: idSearch.purpose,
    caseId: null,
    found,
    via,
  });
  await ctx.services.repo.store.commit([], [line]);
}
