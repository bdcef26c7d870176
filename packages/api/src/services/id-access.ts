import {
  type AccessPurpose,
  type AuditedPurpose,
  checkAccessPurpose,
  maskIdNumber,
} from "@bangban/domain";
import type { AuditEntry } from "@bangban/sync";
import { type AuthedContext, auditEntry } from "./case-commands";

/**
 * Access to full ID numbers (DOMAIN.md §8): a search by full number and a reveal each need a
 * purpose and each write an audit line with who, when, the masked number, the purpose and the
 * case when there is one. The full number itself is never written to the log.
 */

/** The purpose, checked; throws the typed error naming `purpose` (or `purpose.note`). */
export function requirePurpose(p: AccessPurpose | undefined): AuditedPurpose {
  const r = checkAccessPurpose(p);
  if (!r.ok) throw r.error;
  return r.value;
}

/**
 * The one audit line of a person search by full ID number, whichever screen asked: the
 * archive lookup and the case list write the same action and detail.
 */
export function idLookupAudit(
  ctx: AuthedContext,
  search: {
    idNormalized: string;
    purpose: AuditedPurpose;
    caseId: string | null;
    found: number;
    via: string;
  },
): AuditEntry {
  return auditEntry(ctx, "archive.lookup", search.caseId, {
    idMasked: maskIdNumber(search.idNormalized),
    ...search.purpose,
    found: search.found,
    via: search.via,
  });
}
