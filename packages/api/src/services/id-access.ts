import {
  type AccessPurpose,
  type AuditedPurpose,
  checkAccessPurpose,
  DomainError,
  maskIdNumber,
  type Role,
  TERMINAL_STATUSES,
} from "@bangban/domain";
import type { AuditEntry, CaseProjection } from "@bangban/sync";
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

const STATION_ROLES: ReadonlySet<Role> = new Set(["helper", "station_lead"]);
const HUB_ROLES: ReadonlySet<Role> = new Set(["front_desk", "reviewer", "approver", "center_lead"]);

const refuse = (zh: string, en: string) =>
  new DomainError({ code: "NOT_ALLOWED", field: "caseId", zh, en });

/**
 * Why this user may not see this case's full ID numbers, or null when they may (least
 * privilege, GB/T 35273 §7.1): station staff only for open cases their own station started,
 * handles or hands over; the back office only at the hub, which holds its street's cases.
 */
export function revealRefusal(
  user: { role: Role; siteId: string },
  nodeRole: "station" | "hub",
  p: CaseProjection,
): DomainError | null {
  if (STATION_ROLES.has(user.role)) {
    const ours = [p.originSiteId, p.handlingSiteId, p.pickupSiteId].includes(user.siteId);
    if (!ours) return refuse("只能查看本站点办件的证件号", "Only cases of your own station");
    if (TERMINAL_STATUSES.has(p.status)) {
      return refuse("办件已办结，站点不能再查看完整证件号", "The case is closed");
    }
    return null;
  }
  if (HUB_ROLES.has(user.role) && nodeRole === "hub") return null;
  return refuse("您的岗位不能查看完整证件号", "Your role may not reveal full ID numbers");
}
